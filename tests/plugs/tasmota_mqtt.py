"""The Tasmota plug simulator (tasmota.py) on MQTT, with the default FullTopic
`%prefix%/%topic%/` (https://tasmota.github.io/docs/MQTT/):

- it listens on `cmnd/<topic>/<Command>` (the payload is the parameter; empty or `?` queries);
- answers on `stat/<topic>/RESULT` (JSON), and for Power also `stat/<topic>/POWER` (ON/OFF);
  Status answers on `stat/<topic>/STATUS`, `STATUS8`, `STATUS10`, ...;
- a relay switched by its PulseTime or its button is announced the same way, unasked;
- `tele/<topic>/LWT` is `Online` (retained) while connected, its Last Will says `Offline`
  (https://tasmota.github.io/docs/Troubleshooting/: "tele/MYSONOFF/LWT = Online (retained)");
- every TelePeriod (300 s by default, on the sim clock) `tele/<topic>/STATE` (with POWER) and
  `tele/<topic>/SENSOR` (with ENERGY).
"""

from __future__ import annotations

from tests.plugs.broker import Broker
from tests.plugs.clock import Timer
from tests.plugs.mqttdevice import MqttDevice
from tests.plugs.tasmota import TasmotaPlug


class TasmotaMqtt(MqttDevice):
    """Puts `plug` on the broker under its topic."""

    def __init__(self, plug: TasmotaPlug, broker: Broker, *, teleperiod: float = 300) -> None:
        super().__init__(broker, f"DVES_{plug.topic[-6:].upper()}")
        self.plug = plug
        self.teleperiod = teleperiod
        self._tele: Timer | None = None

    @property
    def unreachable(self) -> bool:
        """True while the device is off the broker (its Last Will published)."""
        return self._client is None

    @unreachable.setter
    def unreachable(self, value: bool) -> None:
        if value:
            self.drop()
        else:
            self.reconnect()

    def subscriptions(self) -> list[str]:
        return [f"cmnd/{self.plug.topic}/#"]

    def will(self) -> tuple[str, str]:
        return f"tele/{self.plug.topic}/LWT", "Offline"

    def online(self) -> None:
        self.publish(f"tele/{self.plug.topic}/LWT", "Online", retain=True, reply=False)
        self.plug.listeners.append(self._power_changed)
        self._tele = self.plug.clock.call_later(self.teleperiod, self._telemetry)

    def offline(self) -> None:
        if self._power_changed in self.plug.listeners:
            self.plug.listeners.remove(self._power_changed)
        if self._tele is not None:
            self._tele.cancel()
            self._tele = None

    def on_command(self, topic: str, payload: bytes) -> None:
        command = topic.rsplit("/", 1)[-1]
        parameter = payload.decode(errors="replace").strip()
        parameter = "" if parameter == "?" else parameter
        for suffix, result in self.plug.execute(f"{command} {parameter}"):
            self._answer(suffix, result)

    def _answer(self, suffix: str, result: dict[str, object]) -> None:
        self.publish(f"stat/{self.plug.topic}/{suffix}", result)
        if suffix == "RESULT" and isinstance(result.get("POWER"), str):
            self.publish(f"stat/{self.plug.topic}/POWER", result["POWER"])

    def _power_changed(self, on: bool, _source: str) -> None:
        self._answer("RESULT", {"POWER": "ON" if on else "OFF"})

    def _telemetry(self) -> None:
        self.publish(f"tele/{self.plug.topic}/STATE", self.plug.state())
        self.publish(f"tele/{self.plug.topic}/SENSOR", self.plug.sensor())
        self._tele = self.plug.clock.call_later(self.teleperiod, self._telemetry)
