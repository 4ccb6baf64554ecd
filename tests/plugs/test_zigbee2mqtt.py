"""The Zigbee2MQTT plug simulator on a real Mosquitto, against Zigbee2MQTT's documents (see
zigbee2mqtt.py): /set with on_time switching off on the plug's own timer (the sim clock), the
state object after each change, availability retained."""

import uuid

import pytest

from tests.plugs.broker import Broker
from tests.plugs.clock import SimClock
from tests.plugs.mqtt_probe import MqttProbe
from tests.plugs.zigbee2mqtt import Zigbee2MqttPlug


@pytest.fixture
def name() -> str:
    return f"belt_{uuid.uuid4().hex[:6]}"


@pytest.fixture
def probe(mosquitto: Broker, name: str):  # type: ignore[no-untyped-def]
    with MqttProbe(mosquitto, f"zigbee2mqtt/{name}", f"zigbee2mqtt/{name}/availability") as p:
        yield p


@pytest.fixture
def plug(clock: SimClock, mosquitto: Broker, name: str, probe: MqttProbe):  # type: ignore[no-untyped-def]
    with Zigbee2MqttPlug(clock, mosquitto, friendly_name=name) as device:
        assert probe.next(f"zigbee2mqtt/{name}").json()["state"] == "OFF"  # published on start
        yield device
    assert device.errors == []


def test_on_time_switches_the_plug_off_on_its_own_timer(
    plug: Zigbee2MqttPlug, clock: SimClock, name: str, probe: MqttProbe
) -> None:
    on_at = clock.now()
    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "ON", "on_time": 900})
    state = probe.next(f"zigbee2mqtt/{name}").json()
    assert state["state"] == "ON" and state["power"] == 45.0
    assert {"voltage", "current", "energy"} <= state.keys()

    clock.advance(899)
    probe.publish(f"zigbee2mqtt/{name}/get", {"state": ""})
    assert probe.next(f"zigbee2mqtt/{name}").json()["state"] == "ON"

    clock.advance(1)  # unasked
    state = probe.next(f"zigbee2mqtt/{name}").json()
    assert state["state"] == "OFF" and state["power"] == 0.0
    assert plug.history[-1] == (on_at + 900, False, "on_time")


def test_plain_on_keeps_a_running_timer_and_off_ends_it(
    plug: Zigbee2MqttPlug, clock: SimClock, name: str, probe: MqttProbe
) -> None:
    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "ON", "on_time": 900})
    probe.publish(f"zigbee2mqtt/{name}/set/state", "ON")  # the non-JSON form
    probe.next(f"zigbee2mqtt/{name}")
    assert probe.next(f"zigbee2mqtt/{name}").json()["state"] == "ON"
    clock.advance(900)
    assert probe.next(f"zigbee2mqtt/{name}").json()["state"] == "OFF"

    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "ON", "on_time": 900})
    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "OFF"})
    probe.next(f"zigbee2mqtt/{name}")
    assert probe.next(f"zigbee2mqtt/{name}").json()["state"] == "OFF"
    clock.advance(900)
    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "TOGGLE"})
    assert probe.next(f"zigbee2mqtt/{name}").json()["state"] == "ON"  # no stale timer fired


def test_off_wait_time_ignores_timed_on_during_the_cooldown(
    plug: Zigbee2MqttPlug, clock: SimClock, name: str, probe: MqttProbe
) -> None:
    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "ON", "on_time": 10, "off_wait_time": 60})
    probe.next(f"zigbee2mqtt/{name}")
    clock.advance(20)
    assert probe.next(f"zigbee2mqtt/{name}").json()["state"] == "OFF"
    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "ON", "on_time": 10})
    assert probe.next(f"zigbee2mqtt/{name}").json()["state"] == "OFF"  # ignored
    clock.advance(50)
    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "ON", "on_time": 10})
    assert probe.next(f"zigbee2mqtt/{name}").json()["state"] == "ON"


def test_availability_is_retained_online(
    plug: Zigbee2MqttPlug, mosquitto: Broker, name: str
) -> None:
    topics = (f"zigbee2mqtt/{name}/availability", "zigbee2mqtt/bridge/state")
    with MqttProbe(mosquitto, *topics) as late:
        availability = late.next(topics[0])
        assert availability.json() == {"state": "online"} and availability.retain
        assert late.next(topics[1]).json() == {"state": "online"}


def test_an_unreachable_plug_is_offline_ignores_commands_and_still_switches_off(
    plug: Zigbee2MqttPlug, clock: SimClock, name: str, probe: MqttProbe
) -> None:
    assert probe.next(f"zigbee2mqtt/{name}/availability").json() == {"state": "online"}
    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "ON", "on_time": 900})
    probe.next(f"zigbee2mqtt/{name}")
    plug.unreachable = True
    assert probe.next(f"zigbee2mqtt/{name}/availability").json() == {"state": "offline"}
    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "OFF"})  # goes nowhere
    clock.advance(900)
    assert plug.history[-1][1:] == (False, "on_time")
    plug.unreachable = False
    assert probe.next(f"zigbee2mqtt/{name}/availability").json() == {"state": "online"}
    assert probe.next(f"zigbee2mqtt/{name}").json()["state"] == "OFF"


def test_the_bridges_last_will_says_offline(
    plug: Zigbee2MqttPlug, mosquitto: Broker, name: str
) -> None:
    with MqttProbe(mosquitto, "zigbee2mqtt/bridge/state") as watcher:
        assert watcher.next("zigbee2mqtt/bridge/state").json() == {"state": "online"}
        plug.drop()
        assert watcher.next("zigbee2mqtt/bridge/state").json() == {"state": "offline"}
        plug.reconnect()
        assert watcher.next("zigbee2mqtt/bridge/state").json() == {"state": "online"}


def test_a_belt_that_draws_nothing_and_garbage(
    plug: Zigbee2MqttPlug, name: str, probe: MqttProbe
) -> None:
    plug.load_watts = 0.0
    probe.publish(f"zigbee2mqtt/{name}/set", {"state": "ON"})
    state = probe.next(f"zigbee2mqtt/{name}").json()
    assert state["state"] == "ON" and state["power"] == 0.0
    plug.garbage = b"{not json"
    probe.publish(f"zigbee2mqtt/{name}/get", {"state": ""})
    assert probe.next(f"zigbee2mqtt/{name}").payload == b"{not json"
