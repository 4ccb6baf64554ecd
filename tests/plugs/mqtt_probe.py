"""A test's own MQTT client (paho, v2 callbacks): subscribes to topics and hands each message
over through a queue, so a test waits on the next message with a deadline rather than sleeping.
A device publishes its topics in order, so "the next message on this topic" after a command
answers whether something happened before it."""

from __future__ import annotations

import json
import queue
import threading
from dataclasses import dataclass
from typing import Any

import paho.mqtt.client as mqtt

from tests.plugs.broker import Broker

DEADLINE = 5.0


@dataclass(frozen=True)
class Message:
    """One message as received."""

    topic: str
    payload: bytes
    retain: bool

    def json(self) -> Any:
        """The payload parsed as JSON."""
        return json.loads(self.payload)

    @property
    def text(self) -> str:
        """The payload as text."""
        return self.payload.decode()


class MqttProbe:
    """Subscribed to `topics` (filters) once started; `next(topic)` is the next on that topic."""

    def __init__(
        self, broker: Broker, *topics: str, username: str | None = None, password: str | None = None
    ) -> None:
        self.broker = broker
        self.topics = topics
        self._credentials = (username, password) if username else None
        if self._credentials is None and broker.username:
            self._credentials = (broker.username, broker.password)
        self._queues: dict[str, queue.Queue[Message]] = {}
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._refused: str | None = None
        self._client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, reconnect_on_failure=False)

    def _queue(self, topic: str) -> queue.Queue[Message]:
        with self._lock:
            return self._queues.setdefault(topic, queue.Queue())

    def start(self) -> MqttProbe:
        """Connect and subscribe; raise ConnectionRefusedError if the broker says no."""
        client = self._client
        if self._credentials:
            client.username_pw_set(*self._credentials)

        def connected(c: mqtt.Client, _u: object, _f: object, reason: Any, _p: object) -> None:
            if reason.is_failure:
                self._refused = str(reason)
                self._ready.set()
            else:
                c.subscribe([(topic, 1) for topic in self.topics])

        client.on_connect = connected
        client.on_subscribe = lambda *_args: self._ready.set()
        client.on_message = lambda _c, _u, m: self._queue(m.topic).put(
            Message(m.topic, m.payload, bool(m.retain))
        )
        client.connect(self.broker.host, self.broker.port, keepalive=30)
        client.loop_start()
        if not self._ready.wait(DEADLINE):
            self.stop()
            raise TimeoutError(f"the probe did not get onto the broker at {self.broker}")
        if self._refused:
            self.stop()
            raise ConnectionRefusedError(self._refused)
        return self

    def stop(self) -> None:
        """Disconnect."""
        self._client.disconnect()
        self._client.loop_stop()

    def __enter__(self) -> MqttProbe:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def next(self, topic: str, timeout: float = DEADLINE) -> Message:
        """The next message on `topic`, waiting up to `timeout` seconds for it."""
        try:
            return self._queue(topic).get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no message on {topic} within {timeout} s") from None

    def publish(self, topic: str, payload: str | bytes | dict[str, Any]) -> None:
        """Publish as a client would (dicts as JSON) and wait until it is sent."""
        data = json.dumps(payload) if isinstance(payload, dict) else payload
        self._client.publish(topic, data, qos=1).wait_for_publish(DEADLINE)
