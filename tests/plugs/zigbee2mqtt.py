"""A Zigbee smart plug with power metering as Zigbee2MQTT presents it on MQTT (base topic
`zigbee2mqtt`), after Zigbee2MQTT's documents:

- `zigbee2mqtt/<friendly_name>/set` takes JSON: `{"state": "ON" | "OFF" | "TOGGLE"}`, and
  "On with timed off": `{"state": "ON", "on_time": 900}` keeps the plug on for on_time seconds,
  `off_wait_time` a cooldown in seconds in which the plug ignores other timed-on commands
  (https://www.zigbee2mqtt.io/devices/TS011F_plug_1.html, "On with timed off");
  `.../set/state` takes `ON` without JSON; `.../get` with `{"state": ""}` asks for the state
  (https://www.zigbee2mqtt.io/guide/usage/mqtt_topics_and_messages.html).
- After each change the state object on `zigbee2mqtt/<friendly_name>`:
  `{"state": "ON", "power": 45.0, "voltage": 230.2, "current": 0.196, "energy": 0.01, ...}`
  (W, V, A, kWh: the TS011F_plug_1 page's exposes).
- Availability on `zigbee2mqtt/<friendly_name>/availability`, retained, `{"state":"online"}`
  or `{"state":"offline"}` (the non-legacy payload; https://www.zigbee2mqtt.io/guide/
  configuration/device-availability.html); the bridge's `zigbee2mqtt/bridge/state` likewise,
  `{"state":"offline"}` being its Last Will.

The timer runs in the plug, as the Zigbee On/Off cluster's OnTime does: a plain ON leaves a
running timer alone, OFF (or TOGGLE to off) ends it (ZCL On/Off cluster, On and Off commands).
"""

from __future__ import annotations

import json
import threading
from typing import Any

from tests.plugs.broker import Broker
from tests.plugs.clock import SimClock, Timer
from tests.plugs.mqttdevice import MqttDevice


class Zigbee2MqttPlug(MqttDevice):
    """A simulated Zigbee plug behind a simulated Zigbee2MQTT bridge."""

    def __init__(
        self,
        clock: SimClock,
        broker: Broker,
        *,
        friendly_name: str = "heat_belt_plug",
        load_watts: float = 45.0,
        voltage: float = 230.2,
    ) -> None:
        super().__init__(broker, f"zigbee2mqtt_{friendly_name}")
        self.clock = clock
        self.friendly_name = friendly_name
        self.base = f"zigbee2mqtt/{friendly_name}"
        self.load_watts = load_watts
        self.voltage = voltage
        self.on = False
        self.history: list[tuple[float, bool, str]] = []  # (time, on, source) per change
        self._off_timer: Timer | None = None
        self._cooldown_until = 0.0
        self._reachable = True
        self._energy_wh = 0.0
        self._energy_at = clock.now()
        self._lock = threading.RLock()

    # The plug -------------------------------------------------------------------------------

    def press_button(self) -> None:
        """Someone presses the plug's button: it toggles (and a running timer ends)."""
        with self._lock:
            self._switch(not self.on, "button")
        self.publish_state()

    def _switch(self, on: bool, source: str, on_time: float = 0, off_wait: float = 0) -> None:
        self._meter()
        if not on and self._off_timer is not None:
            self._off_timer.cancel()
            self._off_timer = None
        if on and on_time:
            if self._off_timer is not None:
                self._off_timer.cancel()
            self._off_timer = self.clock.call_later(on_time, self._timed_off)
            self._cooldown_until = self.clock.now() + on_time + off_wait
        if on != self.on:
            self.history.append((self.clock.now(), on, source))
        self.on = on

    def _timed_off(self) -> None:
        with self._lock:
            self._off_timer = None
            self._switch(False, "on_time")
        self.publish_state()

    def _meter(self) -> None:
        now = self.clock.now()
        self._energy_wh += self._watts() * (now - self._energy_at) / 3600
        self._energy_at = now

    def _watts(self) -> float:
        return self.load_watts if self.on else 0.0

    def state(self) -> dict[str, Any]:
        """The state object Zigbee2MQTT publishes for the plug."""
        with self._lock:
            self._meter()
            watts = self._watts()
            return {
                "state": "ON" if self.on else "OFF",
                "power": round(watts, 1),
                "voltage": round(self.voltage, 1),
                "current": round(watts / self.voltage, 3) if self.voltage else 0.0,
                "energy": round(self._energy_wh / 1000, 3),
                "linkquality": 120,
            }

    def publish_state(self) -> None:
        """Publish the state object (after a change, or when asked with /get)."""
        if self._reachable:
            self.publish(self.base, self.state())

    @property
    def unreachable(self) -> bool:
        """True while the plug is off the Zigbee network (the bridge says it is offline)."""
        return not self._reachable

    @unreachable.setter
    def unreachable(self, value: bool) -> None:
        self._reachable = not value
        availability = {"state": "offline" if value else "online"}
        self.publish(f"{self.base}/availability", availability, retain=True, reply=False)
        if not value:
            self.publish_state()

    # MQTT -----------------------------------------------------------------------------------

    def subscriptions(self) -> list[str]:
        return [f"{self.base}/set", f"{self.base}/set/+", f"{self.base}/get"]

    def will(self) -> tuple[str, str]:
        return "zigbee2mqtt/bridge/state", json.dumps({"state": "offline"})

    def online(self) -> None:
        bridge = {"state": "online"}
        self.publish("zigbee2mqtt/bridge/state", bridge, retain=True, reply=False)
        availability = {"state": "online" if self._reachable else "offline"}
        self.publish(f"{self.base}/availability", availability, retain=True, reply=False)
        self.publish_state()

    def on_command(self, topic: str, payload: bytes) -> None:
        if not self._reachable:
            return  # the bridge cannot reach the plug: the command goes nowhere
        if topic == f"{self.base}/get":
            self.publish_state()
            return
        if topic.startswith(f"{self.base}/set/"):
            attribute = topic.rsplit("/", 1)[-1]
            command: Any = {attribute: payload.decode(errors="replace")}
        else:
            try:
                command = json.loads(payload)
            except ValueError:
                return  # Zigbee2MQTT logs "Invalid JSON" and does nothing
        if not isinstance(command, dict) or "state" not in command:
            return
        self._set(command)

    def _set(self, command: dict[str, Any]) -> None:
        state = str(command["state"]).upper()
        on_time = float(command.get("on_time") or 0)
        off_wait = float(command.get("off_wait_time") or 0)
        with self._lock:
            if state == "TOGGLE":
                state = "OFF" if self.on else "ON"
            cooling = not self.on and self.clock.now() < self._cooldown_until
            # Within off_wait_time a timed-on command is ignored; the state is published anyway.
            if state in ("ON", "OFF") and not (state == "ON" and on_time and cooling):
                self._switch(state == "ON", "mqtt", on_time, off_wait)
        self.publish_state()
