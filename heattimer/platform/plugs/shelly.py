"""A Shelly Gen2+ plug (Plus Plug S, Plus 1PM, ...) over its local HTTP RPC: ``Switch.Set``
with ``toggle_after`` (the device's own timer flips the output back), ``Shelly.GetStatus``
for the state, the power drawn and the timer; digest authentication (SHA-256, user
"admin") when the device has a password, done by httpx.
(https://shelly-api-docs.shelly.cloud/gen2/ComponentsAndServices/Switch,
https://shelly-api-docs.shelly.cloud/gen2/General/Authentication)
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from heattimer.core.heatswitch import TIMEOUT_SECONDS, Fault, PlugFault, Reading
from heattimer.i18n import _
from heattimer.platform.plugs.http import get_json

SWITCH = 0
"""The switch the belt is on (a plug has one)."""


class Shelly:
    """One Shelly device at ``address`` (host, host:port or http://...)."""

    def __init__(self, address: str, password: str = "", timeout: float = TIMEOUT_SECONDS):
        self.address = address
        base = address if "://" in address else f"http://{address}"
        auth = httpx.DigestAuth("admin", password) if password else None
        self._timeout = timeout
        self._client = httpx.Client(base_url=base, auth=auth, timeout=timeout)

    def switch_on(self, seconds: int) -> Reading:
        self._call("Switch.Set", id=SWITCH, on=True, toggle_after=seconds)
        return self.read()

    def switch_off(self) -> Reading:
        self._call("Switch.Set", id=SWITCH, on=False)
        return self.read()

    def read(self) -> Reading:
        status = self._call("Shelly.GetStatus")
        try:
            switch = status[f"switch:{SWITCH}"]
            on = switch["output"]
            if not isinstance(on, bool):
                raise TypeError(on)
            watts = switch.get("apower")
            off_in = None
            now = (status.get("sys") or {}).get("unixtime")  # (None until its clock is set)
            started, duration = switch.get("timer_started_at"), switch.get("timer_duration")
            numbers = [n for n in (now, started, duration) if isinstance(n, int | float)]
            if on and len(numbers) == 3:
                now_s, started_s, duration_s = numbers
                off_in = float(duration_s) - (float(now_s) - float(started_s))
            return Reading(on, watts=None if watts is None else float(watts), off_in=off_in)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise PlugFault(
                Fault.NONSENSE,
                self.address,
                _("it has no switch {number} ({error})").format(number=SWITCH, error=error),
            ) from None

    def close(self) -> None:
        self._client.close()

    def _call(self, method: str, **params: object) -> dict[str, Any]:
        """One RPC over HTTP GET (its parameters as JSON values); its result."""
        query = {name: json.dumps(value) for name, value in params.items()}
        status, result = get_json(
            self._client, f"/rpc/{method}", query, self.address, self._timeout
        )
        if status != 200:
            raise PlugFault(Fault.NONSENSE, self.address, _error(result, status))
        return result


def _error(result: dict[str, Any], status: int) -> str:
    message = result.get("message")
    return message if isinstance(message, str) else f"HTTP {status}"
