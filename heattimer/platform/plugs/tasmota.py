"""A Tasmota plug over its local HTTP commands (``/cm?cmnd=...``): ``PulseTime1`` sets the
device's own off timer (Tasmota's units: core.heatswitch.tasmota_pulse_time), ``Power1``
switches and says the state, ``Status 8`` the power drawn (ENERGY.Power) where the plug
measures it; a web password goes as ``user=admin&password=...``.
(https://tasmota.github.io/docs/Commands/)
"""

from __future__ import annotations

from typing import Any

import httpx

from heattimer.core.heatswitch import (
    TIMEOUT_SECONDS,
    Fault,
    PlugFault,
    Reading,
    tasmota_pulse_time,
)
from heattimer.i18n import _
from heattimer.platform.plugs.http import get_json


class Tasmota:
    """One Tasmota device at ``address`` (host, host:port or http://...)."""

    def __init__(self, address: str, password: str = "", timeout: float = TIMEOUT_SECONDS):
        self.address = address
        base = address if "://" in address else f"http://{address}"
        self._login = {"user": "admin", "password": password} if password else {}
        self._timeout = timeout
        self._client = httpx.Client(base_url=base, timeout=timeout)

    def switch_on(self, seconds: int) -> Reading:
        # The timer first: the relay never runs without it. (Backlog's own reply says
        # little; the state is read back after.)
        self._command(f"PulseTime1 {tasmota_pulse_time(seconds)}")
        self._command("Power1 On")
        return self.read()

    def switch_off(self) -> Reading:
        self._command("Power1 Off")
        return self.read()

    def read(self) -> Reading:
        return tasmota_reading(
            self._command("Power1"), self._command("Status 8"), self._command("PulseTime1"),
            self.address,
        )  # fmt: skip

    def close(self) -> None:
        self._client.close()

    def _command(self, command: str) -> dict[str, Any]:
        params = {**self._login, "cmnd": command}
        _status, result = get_json(self._client, "/cm", params, self.address, self._timeout)
        if "WARNING" in result and "password" in str(result["WARNING"]):
            raise PlugFault(Fault.PASSWORD, self.address)  # (before 8.2: 200 and a warning)
        if result.get("Command") == "Unknown":
            raise PlugFault(
                Fault.NONSENSE,
                self.address,
                _("it does not know the command {command}").format(command=command),
            )
        return result


def tasmota_reading(
    power: dict[str, Any], status8: dict[str, Any], pulse_time: dict[str, Any], address: str
) -> Reading:
    """What Tasmota's answers to ``Power1``, ``Status 8`` and ``PulseTime1`` say (over HTTP
    or MQTT alike): on or off, ENERGY's Power, the pulse's Remaining in PulseTime's units."""
    try:
        state = power.get("POWER1", power.get("POWER"))
        if state not in ("ON", "OFF"):
            raise PlugFault(
                Fault.NONSENSE,
                address,
                _("{command} said {reply}").format(command="Power1", reply=repr(power)),
            )
        energy = status8.get("StatusSNS", {}).get("ENERGY")
        watts = energy.get("Power") if isinstance(energy, dict) else None
        pulse = pulse_time.get("PulseTime1", {})
        remaining = pulse.get("Remaining") if isinstance(pulse, dict) else None
        off_in = None
        if state == "ON" and isinstance(remaining, int) and remaining > 0:
            off_in = remaining / 10 if remaining <= 111 else float(remaining - 100)
        return Reading(state == "ON", watts=None if watts is None else float(watts), off_in=off_in)
    except (TypeError, ValueError, AttributeError) as error:  # a shape not foreseen
        raise PlugFault(Fault.NONSENSE, address, str(error)) from None
