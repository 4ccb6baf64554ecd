"""A Shelly Plus Plug S (Gen2: one switch, id 0, with power metering) over HTTP RPC, as
Shelly's published Gen2+ API describes it.

- RPC over HTTP, `GET /rpc/<Method>?<params>` (values as JSON: `on=true`, `id=0`) answers the
  result object; `POST /rpc/<Method>` takes the params as a JSON body; `POST /rpc` takes a whole
  request frame `{"id":1,"src":"user_1","method":"Switch.Set","params":{...}}` and answers a
  response frame with id, src, dst and result, or error {code, message}
  (https://shelly-api-docs.shelly.cloud/gen2/General/RPCChannels,
  https://shelly-api-docs.shelly.cloud/gen2/General/RPCProtocol,
  https://shelly-api-docs.shelly.cloud/gen2/General/CommonErrors: -103 invalid argument,
  -105 not found, 404 for an unknown method).
- `Switch.Set` {id, on, toggle_after}: toggle_after is a flip-back timer in seconds the device
  runs itself; result {"was_on": bool}. `Switch.Toggle`, `Switch.GetStatus` (id, source,
  output, apower, voltage, current, aenergy {total, by_minute, minute_ts}, temperature {tC, tF},
  and timer_started_at / timer_duration while a timer runs)
  (https://shelly-api-docs.shelly.cloud/gen2/ComponentsAndServices/Switch,
  https://repo.shelly.cloud/firmware/ng-api/gen2/Components/FunctionalComponents/Switch/).
- `Shelly.GetDeviceInfo` (id, mac, model, gen, fw_id, ver, app, auth_en, auth_domain) and
  `Shelly.GetStatus` ({"switch:0": ..., "sys": ...})
  (https://shelly-api-docs.shelly.cloud/gen2/ComponentsAndServices/Shelly).
- With a password, every request but Shelly.GetDeviceInfo and /shelly needs digest
  authentication (digest.py; https://shelly-api-docs.shelly.cloud/gen2/General/Authentication).

Any change of the output (a command, the button, the timer itself) ends a running timer; a new
Switch.Set with toggle_after starts a new one.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from tests.plugs.clock import SimClock
from tests.plugs.digest import DigestAuth
from tests.plugs.httpdevice import HttpDevice, Reply, Request

UNPROTECTED = {"Shelly.GetDeviceInfo"}


class RpcError(Exception):
    """An RPC error with Shelly's code and message."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ShellyPlugS(HttpDevice):
    """A simulated Shelly Plus Plug S; `load_watts` is what the belt draws while on."""

    model = "SNPL-00112EU"
    app = "PlusPlugS"
    ver = "1.0.8"
    fw_id = "20231107-162609/1.0.8-gf0a5a3a"

    def __init__(
        self,
        clock: SimClock,
        *,
        password: str | None = None,
        load_watts: float = 45.0,
        voltage: float = 230.4,
        mac: str = "B8D61A85A970",
    ) -> None:
        super().__init__()
        self.clock = clock
        self.load_watts = load_watts
        self.voltage = voltage
        self.mac = mac
        self.device_id = f"shellyplusplugs-{mac.lower()}"
        self.output = False
        self.source = "init"
        self.history: list[tuple[float, bool, str]] = []  # (time, output, source) per change
        self._timer: Any = None  # clock Timer while a toggle_after runs
        self._timer_started_at = 0.0
        self._timer_duration = 0.0
        self._energy_wh = 0.0
        self._energy_at = clock.now()
        self._lock = threading.RLock()
        self._auth = DigestAuth(self.device_id, password, clock.now) if password else None

    # The device's own behaviour -------------------------------------------------------------

    def press_button(self) -> None:
        """Someone presses the plug's button: the output toggles."""
        with self._lock:
            self._switch(not self.output, "button")

    def _switch(self, on: bool, source: str, toggle_after: float | None = None) -> bool:
        with self._lock:
            was_on = self.output
            self._meter()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self.output, self.source = on, source
            if was_on != on:
                self.history.append((self.clock.now(), on, source))
            if toggle_after:
                self._timer_started_at = self.clock.now()
                self._timer_duration = float(toggle_after)
                self._timer = self.clock.call_later(toggle_after, self._flip_back)
            return was_on

    def _flip_back(self) -> None:
        with self._lock:
            self._timer = None
            self._switch(not self.output, "timer")

    def _meter(self) -> None:
        now = self.clock.now()
        self._energy_wh += self._apower() * (now - self._energy_at) / 3600
        self._energy_at = now

    def _apower(self) -> float:
        return self.load_watts if self.output else 0.0

    # RPC methods ----------------------------------------------------------------------------

    def device_info(self) -> dict[str, Any]:
        """Shelly.GetDeviceInfo's result."""
        return {
            "name": None,
            "id": self.device_id,
            "mac": self.mac,
            "slot": 0,
            "model": self.model,
            "gen": 2,
            "fw_id": self.fw_id,
            "ver": self.ver,
            "app": self.app,
            "auth_en": self._auth is not None,
            "auth_domain": self.device_id if self._auth else None,
        }

    def switch_status(self) -> dict[str, Any]:
        """Switch.GetStatus's result for switch 0."""
        with self._lock:
            self._meter()
            apower = self._apower()
            minute_ts = int(self.clock.now()) // 60 * 60
            status: dict[str, Any] = {"id": 0, "source": self.source, "output": self.output}
            if self._timer is not None:
                status["timer_started_at"] = round(self._timer_started_at, 2)
                status["timer_duration"] = self._timer_duration
            status.update(
                apower=round(apower, 1),
                voltage=round(self.voltage, 1),
                current=round(apower / self.voltage, 3) if self.voltage else 0.0,
                aenergy={
                    "total": round(self._energy_wh, 3),
                    "by_minute": [0.0, 0.0, 0.0],
                    "minute_ts": minute_ts,
                },
                temperature={"tC": 31.2, "tF": 88.2},
            )
            return status

    def call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """Run one RPC method; raises RpcError as the device answers errors."""
        if method == "Shelly.GetDeviceInfo":
            return self.device_info()
        if method == "Shelly.GetStatus":
            now = int(self.clock.now())
            return {
                "switch:0": self.switch_status(),
                "sys": {"mac": self.mac, "restart_required": False, "unixtime": now},
            }
        if method not in ("Switch.Set", "Switch.Toggle", "Switch.GetStatus"):
            raise RpcError(404, f"No handler for {method}")
        if "id" not in params:
            raise RpcError(-103, "Missing required 'id'")
        if params["id"] != 0:
            raise RpcError(-105, f"Bad id={params['id']}")
        if method == "Switch.GetStatus":
            return self.switch_status()
        if method == "Switch.Toggle":
            return {"was_on": self._switch(not self.output, "http")}
        on, toggle_after = params.get("on"), params.get("toggle_after")
        if not isinstance(on, bool):
            raise RpcError(-103, "Missing required 'on'" if on is None else "Bad 'on'")
        if toggle_after is not None and (
            isinstance(toggle_after, bool)
            or not isinstance(toggle_after, int | float)
            or toggle_after <= 0
        ):
            raise RpcError(-103, "Bad 'toggle_after'")
        return {"was_on": self._switch(on, "http", toggle_after)}

    # HTTP -----------------------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        """Route /rpc, /rpc/<Method> and /shelly; check digest authentication."""
        if request.path == "/shelly":
            return _json(200, self.device_info())
        frame: dict[str, Any] | None = None
        if request.path == "/rpc" and request.method == "POST":
            try:
                frame = json.loads(request.body)
                method, params = frame["method"], frame.get("params") or {}
            except (ValueError, KeyError, TypeError):
                return _json(400, {"code": -32700, "message": "Parse error"})
        elif request.path.startswith("/rpc/"):
            method = request.path.removeprefix("/rpc/")
            try:
                params = _query_params(request) if request.method == "GET" else _body(request)
            except ValueError:
                return _json(400, {"code": -32700, "message": "Parse error"})
        else:
            return Reply(404, b"Not Found", "text/plain")
        if self._auth is not None and method not in UNPROTECTED:
            authorization = request.headers.get("authorization")
            why = self._auth.check(request.method, request.target, authorization)
            if why is not None:
                challenge = self._auth.challenge(stale=why == "stale")
                return Reply(401, b"", headers={"WWW-Authenticate": challenge})
        try:
            result, error = self.call(method, params), None
        except RpcError as failure:
            result, error = None, {"code": failure.code, "message": failure.message}
        if frame is None:
            return _json(200, result) if error is None else _json(500, error)
        answer: dict[str, Any] = {"id": frame.get("id"), "src": self.device_id}
        if "src" in frame:
            answer["dst"] = frame["src"]
        answer.update({"result": result} if error is None else {"error": error})
        return _json(200, answer)


def _query_params(request: Request) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, raw in request.query:
        try:
            params[name] = json.loads(raw)  # on=true, id=0, toggle_after=900, name="x"
        except ValueError:
            params[name] = raw
    return params


def _body(request: Request) -> dict[str, Any]:
    params = json.loads(request.body) if request.body else {}
    if not isinstance(params, dict):
        raise ValueError("params must be an object")
    return params


def _json(status: int, value: object) -> Reply:
    return Reply(status, json.dumps(value).encode())
