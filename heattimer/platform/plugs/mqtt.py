"""Plugs over an MQTT broker, with paho-mqtt (README: why paho): Tasmota's command topics,
and Zigbee2MQTT's device topics (Zigbee plugs, or anything that takes the same set/state
JSON). Each call is one short exchange: connect, subscribe to where the answer comes,
publish the command, wait for the answer, disconnect; within TIMEOUT_SECONDS in all.

- Tasmota: `cmnd/<topic>/PulseTime1` (the off timer, in Tasmota's units) then
  `cmnd/<topic>/Power1 ON`, answered on `stat/<topic>/RESULT`; `Status 8` on
  `stat/<topic>/STATUS8` for the power drawn (https://tasmota.github.io/docs/MQTT/).
- Zigbee2MQTT: `zigbee2mqtt/<name>/set` `{"state": "ON", "on_time": N}` (the plug's own
  timer), `{"state": "OFF"}`, `/get` `{"state": ""}`; the device's state object on
  `zigbee2mqtt/<name>`; `/availability` says whether it is on the Zigbee network
  (https://www.zigbee2mqtt.io/guide/usage/mqtt_topics_and_messages.html).
"""

from __future__ import annotations

import json
import queue
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from heattimer.core.heatswitch import (
    TIMEOUT_SECONDS,
    Fault,
    PlugFault,
    Reading,
    tasmota_pulse_time,
)
from heattimer.i18n import _
from heattimer.platform.plugs.tasmota import tasmota_reading

T = TypeVar("T")
Match = Callable[[str, bytes], "T | None"]


class _Exchange:
    """One connection to the broker, for one command and its answer."""

    def __init__(self, broker: str, user: str, password: str, address: str, timeout: float):
        host, _, port = broker.rpartition(":") if ":" in broker else (broker, "", "1883")
        self.address, self.timeout = address, timeout
        self.deadline = time.monotonic() + timeout
        self.messages: queue.Queue[tuple[str, bytes]] = queue.Queue()
        self.connected = threading.Event()
        self.subscribed = threading.Event()
        self.refused: object = None
        self.take_retained = False
        """Whether a retained message counts (a generic state topic's last state, read)."""
        client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=f"heattimer-{uuid.uuid4().hex[:12]}",
            reconnect_on_failure=False,
        )
        if user:
            client.username_pw_set(user, password)
        client.on_connect = self._on_connect
        client.connect_timeout = timeout
        client.on_subscribe = lambda *_args: self.subscribed.set()
        client.on_message = self._on_message
        self.client = client
        try:
            client.connect(host or broker, int(port or 1883), keepalive=30)
        except (OSError, ValueError):
            raise PlugFault(Fault.UNREACHABLE, address) from None
        client.loop_start()
        if not self.connected.wait(self._left()):
            self.close()
            raise PlugFault(Fault.SLOW, address, seconds=timeout)
        if self.refused is not None:
            self.close()
            raise PlugFault(
                Fault.PASSWORD if self.refused_password() else Fault.UNREACHABLE, address
            )

    def _on_message(self, _c: object, _u: object, message: mqtt.MQTTMessage) -> None:
        # A retained message is what was true once, not an answer (but availability, kept
        # retained by Zigbee2MQTT, is what is true now).
        if (
            message.retain
            and not self.take_retained
            and not message.topic.endswith("/availability")
        ):
            return
        self.messages.put((message.topic, bytes(message.payload)))

    def _on_connect(
        self, _client: object, _data: object, _flags: object, reason: Any, *_: object
    ) -> None:
        if reason.is_failure:
            self.refused = reason
        self.connected.set()

    def refused_password(self) -> bool:
        """The broker said no to the user or the password (not some other failure)."""
        return str(self.refused) in ("Bad user name or password", "Not authorized")

    def _left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def ask(self, topics: list[str], command: tuple[str, str] | None, answer: Match[T]) -> T:
        """Subscribe to ``topics``, publish ``command`` (topic, payload; None: only listen),
        and return the first message ``answer`` makes something of."""
        self.subscribed.clear()
        self.client.subscribe([(topic, 0) for topic in topics])
        if not self.subscribed.wait(self._left()):
            raise PlugFault(Fault.SLOW, self.address, seconds=self.timeout)
        if command is not None:
            self.client.publish(*command)
        while True:
            try:
                topic, payload = self.messages.get(timeout=self._left() or 0.001)
            except queue.Empty:
                raise PlugFault(Fault.SLOW, self.address, seconds=self.timeout) from None
            found = answer(topic, payload)
            if found is not None:
                return found

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def _json(payload: bytes) -> Any:
    try:
        return json.loads(payload)
    except ValueError:
        return None


class _OnBroker:
    """A device reached through a broker (host[:port]), by the user and password given."""

    def __init__(self, broker: str, device: str, user: str, password: str, timeout: float):
        self.address = f"{broker} ({device})"
        self._broker, self._user, self._password = broker, user, password
        self._timeout = timeout

    def _exchange(self) -> _Exchange:
        return _Exchange(self._broker, self._user, self._password, self.address, self._timeout)


class TasmotaMqtt(_OnBroker):
    """A Tasmota device on a broker: ``broker`` host[:port], its ``topic``."""

    def __init__(
        self,
        broker: str,
        topic: str,
        user: str = "",
        password: str = "",
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        super().__init__(broker, topic, user, password, timeout)
        self._topic = topic

    def switch_on(self, seconds: int) -> Reading:
        with_timer = self._command("PulseTime1", str(tasmota_pulse_time(seconds)))
        if "PulseTime1" not in with_timer:
            raise PlugFault(
                Fault.NONSENSE,
                self.address,
                _("{command} said {reply}").format(command="PulseTime1", reply=repr(with_timer)),
            )
        self._command("Power1", "ON")
        return self.read()

    def switch_off(self) -> Reading:
        self._command("Power1", "OFF")
        return self.read()

    def read(self) -> Reading:
        return tasmota_reading(
            self._command("Power1", ""),
            self._command("Status", "8", reply="STATUS8"),
            self._command("PulseTime1", ""),
            self.address,
        )

    def _command(self, command: str, payload: str, reply: str = "RESULT") -> dict[str, Any]:
        exchange = self._exchange()
        answer_topic = f"stat/{self._topic}/{reply}"

        wanted = {"Power1": ("POWER1", "POWER"), "PulseTime1": ("PulseTime1",)}.get(command)

        def answer(topic: str, body: bytes) -> dict[str, Any] | None:
            found = _json(body)
            if topic != answer_topic or not isinstance(found, dict):
                return None
            if wanted is not None and not any(key in found for key in wanted):
                return None  # (another command's, or the device's own news)
            return found

        try:
            return exchange.ask([answer_topic], (f"cmnd/{self._topic}/{command}", payload), answer)
        finally:
            exchange.close()


class Zigbee2Mqtt(_OnBroker):
    """A plug as Zigbee2MQTT presents it: ``name`` (its friendly name) under ``base``."""

    def __init__(
        self,
        broker: str,
        name: str,
        user: str = "",
        password: str = "",
        base: str = "zigbee2mqtt",
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        super().__init__(broker, name, user, password, timeout)
        self._device = f"{base}/{name}"

    def switch_on(self, seconds: int) -> Reading:
        return self._set({"state": "ON", "on_time": seconds}, want="ON")

    def switch_off(self) -> Reading:
        return self._set({"state": "OFF"}, want="OFF")

    def read(self) -> Reading:
        return self._ask(("get", {"state": ""}), want=None)

    def _set(self, payload: dict[str, object], want: str) -> Reading:
        return self._ask(("set", payload), want)

    def _ask(self, command: tuple[str, dict[str, object]], want: str | None) -> Reading:
        exchange = self._exchange()
        availability = f"{self._device}/availability"

        def answer(topic: str, body: bytes) -> Reading | None:
            found = _json(body)
            if topic == availability and isinstance(found, dict):
                if found.get("state") == "offline":
                    raise PlugFault(Fault.UNREACHABLE, self.address)
                return None
            if topic != self._device or not isinstance(found, dict):
                return None
            state = found.get("state")
            if state not in ("ON", "OFF"):
                raise PlugFault(
                    Fault.NONSENSE,
                    self.address,
                    _("its state was {state}").format(state=repr(state)),
                )
            if want is not None and state != want:
                return None  # (an older state message: the new one follows)
            watts = found.get("power")
            return Reading(state == "ON", watts=None if watts is None else float(watts))

        name, payload = command
        try:
            return exchange.ask(
                [self._device, availability],
                (f"{self._device}/{name}", json.dumps(payload)),
                answer,
            )
        finally:
            exchange.close()


ON, OFF = ("on", "true", "1"), ("off", "false", "0")


def parse_state(body: bytes) -> Reading | None:
    """A generic state message: JSON with a "state" (ON/OFF, true/false) and maybe a
    "power", or the plain words ON/OFF (any case), 1/0. None for anything else."""
    found = _json(body)
    state: object = found.get("state") if isinstance(found, dict) else found
    if state is None:
        state = body.decode("utf-8", "replace")
    word = str(state).strip().lower()
    if word not in ON + OFF:
        return None
    watts = found.get("power") if isinstance(found, dict) else None
    return Reading(word in ON, watts=float(watts) if isinstance(watts, int | float) else None)


class MqttSwitch(_OnBroker):
    """Anything switched by a command topic and telling its state on a state topic (Home
    Assistant's MQTT switches, a Zigbee2MQTT device under another base, ...): ``on`` is
    the payload for on, ``{seconds}`` in it standing for the device's own off timer
    (Zigbee2MQTT's ``on_time``), if it has one; ``off`` the payload for off."""

    def __init__(
        self,
        broker: str,
        command_topic: str,
        state_topic: str,
        on: str,
        off: str,
        user: str = "",
        password: str = "",
        timeout: float = TIMEOUT_SECONDS,
    ) -> None:
        super().__init__(broker, command_topic, user, password, timeout)
        self._command, self._state, self._on, self._off = command_topic, state_topic, on, off

    def switch_on(self, seconds: int) -> Reading:
        return self._send(self._on.replace("{seconds}", str(seconds)), want=True)

    def switch_off(self) -> Reading:
        return self._send(self._off, want=False)

    def read(self) -> Reading:
        exchange = self._exchange()
        exchange.take_retained = True  # (the last state the device told, kept by the broker)
        try:
            return exchange.ask([self._state], None, self._answer(None))
        finally:
            exchange.close()

    def _send(self, payload: str, want: bool) -> Reading:
        exchange = self._exchange()
        try:
            return exchange.ask([self._state], (self._command, payload), self._answer(want))
        finally:
            exchange.close()

    def _answer(self, want: bool | None) -> Match[Reading]:
        def answer(topic: str, body: bytes) -> Reading | None:
            if topic != self._state:
                return None
            reading = parse_state(body)
            if reading is None:
                raise PlugFault(Fault.NONSENSE, self.address, body.decode("utf-8", "replace")[:60])
            return reading if want is None or reading.on is want else None

        return answer
