"""A Tasmota plug with power metering (one relay), its commands as Tasmota's documentation gives
them, served over HTTP (`GET /cm?cmnd=...`, with `user=admin&password=...` when a web password
is set); tasmota_mqtt.py puts the same device on MQTT.

- `Power` / `Power1` with `0|off|false`, `1|on|true`, `2|toggle` or nothing (a query):
  `{"POWER":"ON"}`. Switching on restarts the PulseTime countdown, switching off clears it.
- `PulseTime` / `PulseTime1`: `0|off` = no pulse; `1..111` = tenths of a second; `112..64900` =
  the value minus 100, in seconds (`PulseTime1 1000` = 900 s); the reply
  `{"PulseTime1":{"Set":1000,"Remaining":...}}`, Remaining in the same units. After that time
  the relay switches off on the device's own timer (the sim clock).
- `Backlog cmd1; cmd2`: each command in order (here at once: the queue's 200 ms gaps are not
  simulated); over HTTP the reply joins the commands' replies.
- `Status` (`Status` with DeviceName, FriendlyName, Topic, Power), `Status 0` (all sections),
  `Status 2` (StatusFWR), `Status 8` / `Status 10` (StatusSNS with ENERGY: Total, Today, Power,
  Voltage, Current, ...), `Status 11` (StatusSTS). Anything else: `{"Command":"Unknown"}`.
- A wrong or missing web password: HTTP 401 with `{"WARNING":"Need user=<username>&password=
  <password>"}` (Tasmota answered 200 before 8.2.0.x; arendst/Tasmota#8170).

Sources: https://tasmota.github.io/docs/Commands/ (Power, PulseTime, Backlog, Status, "with Web
Requests"), https://tasmota.github.io/docs/JSON-Status-Responses/,
https://tasmota.github.io/docs/MQTT/ (the command flow: RESULT and POWER).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from tests.plugs.clock import SimClock, Timer
from tests.plugs.httpdevice import HttpDevice, Reply, Request

NEED_PASSWORD = {"WARNING": "Need user=<username>&password=<password>"}
_COMMAND = re.compile(r"\s*([A-Za-z]+)(\d*)(?:[\s=]+(.*?))?\s*$", re.DOTALL)
_OFF, _ON, _TOGGLE = {"0", "off", "false"}, {"1", "on", "true"}, {"2", "toggle"}

Result = tuple[str, dict[str, Any]]  # (stat topic suffix over MQTT: RESULT, STATUS8, ...; JSON)


def pulse_seconds(value: int) -> float:
    """The seconds a PulseTime value stands for (0: no pulse)."""
    return value / 10 if value <= 111 else float(value - 100)


def pulse_units(seconds: float) -> int:
    """Seconds as a PulseTime value, as Remaining reports them."""
    millis = round(seconds * 1000)
    return millis // 1000 + 100 if millis > 11100 else millis // 100


def tasmota_time(epoch: float) -> str:
    """Tasmota's JSON "Time": ISO 8601 without a zone (the device's time; UTC here)."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S")


class TasmotaPlug(HttpDevice):
    """A simulated Tasmota plug; `load_watts` is what the belt draws while the relay is on."""

    version = "13.2.0(tasmota)"

    def __init__(
        self,
        clock: SimClock,
        *,
        topic: str = "tasmota_85A970",
        device_name: str = "Heat belt plug",
        web_password: str | None = None,
        load_watts: float = 45.0,
        voltage: float = 231.0,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.topic = topic
        self.device_name = device_name
        self.web_password = web_password
        self.load_watts = load_watts
        self.voltage = voltage
        self.power = False
        self.pulse_time = 0
        self.history: list[tuple[float, bool, str]] = []  # (time, power, source) per change
        self.listeners: list[Callable[[bool, str], None]] = []  # changes no command caused
        self._pulse: Timer | None = None
        self._pulse_ends = 0.0
        self._started = clock.now()
        self._energy_wh = 0.0
        self._energy_at = clock.now()
        self._lock = threading.RLock()

    # The device's own behaviour -------------------------------------------------------------

    def press_button(self) -> None:
        """Someone presses the plug's button: the relay toggles."""
        with self._lock:
            self._set_power(not self.power, "button")
        self._notify("button")

    def _set_power(self, on: bool, source: str) -> None:
        self._meter()
        if on != self.power:
            self.history.append((self.clock.now(), on, source))
        self.power = on
        self._start_pulse(self.pulse_time if on else 0)

    def _start_pulse(self, value: int) -> None:
        if self._pulse is not None:
            self._pulse.cancel()
            self._pulse = None
        if value:
            self._pulse_ends = self.clock.now() + pulse_seconds(value)
            self._pulse = self.clock.call_later(pulse_seconds(value), self._pulse_over)

    def _pulse_over(self) -> None:
        with self._lock:
            self._pulse = None
            if not self.power:
                return
            self._set_power(False, "pulsetime")
        self._notify("pulsetime")

    def _notify(self, source: str) -> None:
        for listener in list(self.listeners):
            listener(self.power, source)

    def _meter(self) -> None:
        now = self.clock.now()
        self._energy_wh += self._watts() * (now - self._energy_at) / 3600
        self._energy_at = now

    def _watts(self) -> float:
        return self.load_watts if self.power else 0.0

    # Commands -------------------------------------------------------------------------------

    def execute(self, line: str) -> list[Result]:
        """Run one command line as the console, HTTP or MQTT would; its replies in order."""
        match = _COMMAND.match(line)
        if not match:
            return [("RESULT", {"Command": "Unknown"})]
        word, index, payload = match.group(1).lower(), match.group(2), match.group(3) or ""
        with self._lock:
            if word == "backlog" and not index:
                return [
                    r for part in payload.split(";") if part.strip() for r in self.execute(part)
                ]
            if word == "power" and index in ("", "1"):
                return self._power(payload.strip().lower())
            if word == "pulsetime" and index in ("", "1"):
                return self._pulsetime(index, payload.strip().lower())
            if word == "status" and not index:
                return self._status(payload.strip())
        return [("RESULT", {"Command": "Unknown"})]

    def _power(self, payload: str) -> list[Result]:
        if payload in _ON | _OFF | _TOGGLE:
            on = not self.power if payload in _TOGGLE else payload in _ON
            self._set_power(on, "command")
        return [("RESULT", {"POWER": "ON" if self.power else "OFF"})]

    def _pulsetime(self, index: str, payload: str) -> list[Result]:
        if not index and not payload:
            sets, left = [self.pulse_time] + [0] * 7, [self._remaining()] + [0] * 7
            return [("RESULT", {"PulseTime": {"Set": sets, "Remaining": left}})]
        value = 0 if payload == "off" else int(payload) if payload.isdigit() else None
        if value is not None and value <= 64900:
            self.pulse_time = value
            self._start_pulse(value)  # as Tasmota's CmndPulsetime: the countdown starts now
        reply = {"Set": self.pulse_time, "Remaining": self._remaining()}
        return [("RESULT", {"PulseTime1": reply})]

    def _remaining(self) -> int:
        if self._pulse is None:
            return 0
        return pulse_units(max(0.0, self._pulse_ends - self.clock.now()))

    def _status(self, payload: str) -> list[Result]:
        sections = {
            "": [("STATUS", self.status())],
            "0": [
                ("STATUS", self.status()),
                ("STATUS2", self.status_fwr()),
                ("STATUS10", self.status_sns()),
                ("STATUS11", {"StatusSTS": self.state()}),
            ],
            "2": [("STATUS2", self.status_fwr())],
            "8": [("STATUS8", self.status_sns())],
            "10": [("STATUS10", self.status_sns())],
            "11": [("STATUS11", {"StatusSTS": self.state()})],
        }
        return sections.get(payload, sections[""])

    def status(self) -> dict[str, Any]:
        """`Status`: the device's names and its relay."""
        return {
            "Status": {
                "Module": 0,
                "DeviceName": self.device_name,
                "FriendlyName": [self.device_name],
                "Topic": self.topic,
                "ButtonTopic": "0",
                "Power": int(self.power),
                "PowerOnState": 3,
                "LedState": 1,
                "SaveData": 1,
                "SaveState": 1,
                "PowerRetain": 0,
            }
        }

    def status_fwr(self) -> dict[str, Any]:
        """`Status 2`: the firmware."""
        return {"StatusFWR": {"Version": self.version, "Hardware": "ESP8266EX"}}

    def sensor(self) -> dict[str, Any]:
        """The telemetry sensors (StatusSNS, tele/SENSOR): Time and ENERGY."""
        with self._lock:
            self._meter()
            watts = self._watts()
            total_kwh = round(self._energy_wh / 1000, 3)
            return {
                "Time": tasmota_time(self.clock.now()),
                "ENERGY": {
                    "TotalStartTime": tasmota_time(self._started),
                    "Total": total_kwh,
                    "Yesterday": 0.0,
                    "Today": total_kwh,
                    "Period": 0,
                    "Power": round(watts),
                    "ApparentPower": round(watts),
                    "ReactivePower": 0,
                    "Factor": 1.0 if watts else 0.0,
                    "Voltage": round(self.voltage),
                    "Current": round(watts / self.voltage, 3) if self.voltage else 0.0,
                },
            }

    def status_sns(self) -> dict[str, Any]:
        """`Status 8` and `Status 10`."""
        return {"StatusSNS": self.sensor()}

    def state(self) -> dict[str, Any]:
        """The state (StatusSTS, tele/STATE): Time, Uptime, POWER."""
        uptime = int(self.clock.now() - self._started)
        days, rest = divmod(uptime, 86400)
        clock = f"{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"
        return {
            "Time": tasmota_time(self.clock.now()),
            "Uptime": f"{days}T{clock}",
            "UptimeSec": uptime,
            "POWER": "ON" if self.power else "OFF",
            "Wifi": {"AP": 1, "SSId": "home", "RSSI": 78, "Signal": -61},
        }

    # HTTP -----------------------------------------------------------------------------------

    def handle(self, request: Request) -> Reply:
        """`GET /cm?cmnd=...` (and `&user=admin&password=...` when a web password is set)."""
        if request.path != "/cm":
            return Reply(404, b"Not Found", "text/plain")
        args = dict(request.query)
        if self.web_password and (
            args.get("user") != "admin" or args.get("password") != self.web_password
        ):
            return Reply(401, json.dumps(NEED_PASSWORD).encode())
        if not args.get("cmnd"):
            return Reply(200, json.dumps({"WARNING": "Enter command cmnd="}).encode())
        merged: dict[str, Any] = {}
        for _suffix, result in self.execute(args["cmnd"]):
            merged.update(result)
        return Reply(200, json.dumps(merged).encode())
