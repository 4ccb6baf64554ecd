"""One HTTP request to a plug, its faults said as core's PlugFaults: no connection, no answer
in time, a refused password (401), or an answer that is not a JSON object."""

from __future__ import annotations

from typing import Any

import httpx

from heattimer.core.heatswitch import Fault, PlugFault


def get_json(
    client: httpx.Client, path: str, params: dict[str, str], address: str, timeout: float
) -> tuple[int, dict[str, Any]]:
    """GET ``path`` with ``params``: the status and the JSON object it answered."""
    try:
        reply = client.get(path, params=params)
    except httpx.TimeoutException:
        raise PlugFault(Fault.SLOW, address, seconds=timeout) from None
    except httpx.HTTPError:
        raise PlugFault(Fault.UNREACHABLE, address) from None
    if reply.status_code == 401:
        raise PlugFault(Fault.PASSWORD, address)
    try:
        result = reply.json()
    except ValueError:
        raise PlugFault(Fault.NONSENSE, address, f"HTTP {reply.status_code}") from None
    if not isinstance(result, dict):
        raise PlugFault(Fault.NONSENSE, address, repr(result)[:80])
    return reply.status_code, result
