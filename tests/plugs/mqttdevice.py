"""What the MQTT plug simulators share: a paho-mqtt client (its v2 callback API) on the test's
broker, with a Last Will, that is ready when `start()` returns (subscribed, its birth message
on the broker), and the knobs that make a device misbehave:

- `drop()`: the device vanishes without a DISCONNECT (power cut, Wi-Fi gone): the broker
  publishes its Last Will; `reconnect()` brings it back. Its timers keep running meanwhile.
- `delay_seconds`: each command is handled that many real seconds late.
- `garbage = b"..."`: every reply and state message carries these bytes instead of the
  documented payload (birth and will stay as they are).
"""

from __future__ import annotations

import json
import socket
import threading
import traceback
from typing import Any

import paho.mqtt.client as mqtt

from tests.plugs.broker import Broker

READY_DEADLINE = 5.0


class MqttDevice:
    """A device on MQTT; subclasses give its topics, birth messages and command handling."""

    def __init__(self, broker: Broker, client_id: str) -> None:
        self.broker = broker
        self.client_id = client_id
        self.delay_seconds = 0.0
        self.garbage: bytes | None = None
        self.errors: list[str] = []  # tracebacks from handling messages: a test asserts none
        self._client: mqtt.Client | None = None
        self._subscribed = threading.Event()

    # For subclasses -------------------------------------------------------------------------

    def subscriptions(self) -> list[str]:
        """The topic filters the device listens on."""
        raise NotImplementedError

    def will(self) -> tuple[str, str]:
        """(topic, payload) the broker publishes, retained, when the device vanishes."""
        raise NotImplementedError

    def online(self) -> None:
        """Publish the birth messages (called by start() once subscribed)."""

    def offline(self) -> None:
        """The device left the broker (dropped or stopped): stop what needs the network."""

    def on_command(self, topic: str, payload: bytes) -> None:
        """Handle one message on a subscribed topic."""
        raise NotImplementedError

    def publish(
        self, topic: str, payload: Any, *, retain: bool = False, reply: bool = True
    ) -> None:
        """Publish (dicts as JSON); with `reply`, `garbage` replaces the payload."""
        if self._client is None:
            return  # off the broker: nothing gets out
        if reply and self.garbage is not None:
            data: str | bytes = self.garbage
        else:
            data = json.dumps(payload) if isinstance(payload, dict) else payload
        info = self._client.publish(topic, data, qos=1, retain=retain)
        if not reply:
            info.wait_for_publish(READY_DEADLINE)

    # Lifecycle ------------------------------------------------------------------------------

    def start(self) -> MqttDevice:
        """Connect, subscribe and publish the birth messages; return once all is done."""
        client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2, client_id=self.client_id, reconnect_on_failure=False
        )
        if self.broker.username:
            client.username_pw_set(self.broker.username, self.broker.password)
        topic, payload = self.will()
        client.will_set(topic, payload, qos=1, retain=True)
        client.on_connect = self._connected
        client.on_subscribe = lambda *_args: self._subscribed.set()
        client.on_message = self._message
        self._subscribed.clear()
        client.connect(self.broker.host, self.broker.port, keepalive=30)
        client.loop_start()
        self._client = client
        if not self._subscribed.wait(READY_DEADLINE):
            self.stop()
            raise TimeoutError(f"{self.client_id} did not get onto the broker at {self.broker}")
        self.online()
        return self

    def stop(self) -> None:
        """Disconnect cleanly (no Last Will)."""
        if self._client is not None:
            client, self._client = self._client, None
            self.offline()
            client.disconnect()
            client.loop_stop()

    def drop(self) -> None:
        """Vanish without a DISCONNECT, so that the broker publishes the Last Will."""
        if self._client is not None:
            client, self._client = self._client, None
            self.offline()
            sock = client.socket()
            if sock is not None:
                # A FIN without MQTT's DISCONNECT: the broker sends the will; paho's loop sees
                # the connection end and, not reconnecting, stops at once.
                sock.shutdown(socket.SHUT_RDWR)
            client.loop_stop()

    def reconnect(self) -> None:
        """Come back after drop()."""
        if self._client is None:
            self.start()

    def __enter__(self) -> MqttDevice:
        return self.start() if self._client is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # paho's callbacks (its network thread) -------------------------------------------------

    def _connected(
        self, client: mqtt.Client, _u: object, _f: object, reason: Any, _p: object
    ) -> None:
        if not reason.is_failure:
            client.subscribe([(topic, 1) for topic in self.subscriptions()])

    def _message(self, _client: mqtt.Client, _u: object, message: mqtt.MQTTMessage) -> None:
        if self.delay_seconds > 0:
            args = (message.topic, message.payload)
            threading.Timer(self.delay_seconds, self._handle, args).start()
        else:
            self._handle(message.topic, message.payload)

    def _handle(self, topic: str, payload: bytes) -> None:
        if self._client is None:
            return
        try:
            self.on_command(topic, payload)
        except Exception:
            self.errors.append(traceback.format_exc())
