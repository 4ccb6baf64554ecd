"""The app's MQTT plug clients (heattimer/platform/plugs/mqtt.py) through a real Mosquitto,
against the simulated Tasmota and Zigbee2MQTT plugs: on with the plug's own timer, off by
it on the plug's clock, the power read; a wrong password, a plug gone and a silent broker
each one PlugFault within the time."""

from __future__ import annotations

import time
import uuid

import pytest

from heattimer.core.heatswitch import Fault, PlugFault, Reading
from heattimer.platform.plugs.mqtt import TasmotaMqtt, Zigbee2Mqtt
from tests.plugs.broker import Broker
from tests.plugs.clock import SimClock
from tests.plugs.tasmota import TasmotaPlug
from tests.plugs.tasmota_mqtt import TasmotaMqtt as TasmotaOnBroker
from tests.plugs.zigbee2mqtt import Zigbee2MqttPlug


def address(broker: Broker) -> str:
    return f"{broker.host}:{broker.port}"


def test_tasmota_over_mqtt_switches_on_with_its_pulse_time(
    clock: SimClock, mosquitto: Broker
) -> None:
    topic = f"tasmota_{uuid.uuid4().hex[:6]}"
    plug = TasmotaPlug(clock, topic=topic, load_watts=41.0)
    with TasmotaOnBroker(plug, mosquitto):
        client = TasmotaMqtt(address(mosquitto), topic)
        reading = client.switch_on(900)
        assert reading.on and reading.watts == pytest.approx(41.0)
        assert reading.off_in == pytest.approx(900, abs=1)
        clock.advance(900)
        assert not client.read().on and not plug.power
        client.switch_on(60)
        assert not client.switch_off().on


def test_zigbee2mqtt_switches_on_with_on_time(clock: SimClock, mosquitto: Broker) -> None:
    name = f"belt_{uuid.uuid4().hex[:6]}"
    with Zigbee2MqttPlug(clock, mosquitto, friendly_name=name, load_watts=43.0) as device:
        client = Zigbee2Mqtt(address(mosquitto), name)
        reading = client.switch_on(900)
        assert reading.on and reading.watts == pytest.approx(43.0)
        clock.advance(900)
        assert not client.read().on and not device.on
        assert not client.switch_off().on
        device.unreachable = True  # off the Zigbee network: Zigbee2MQTT says so
        with pytest.raises(PlugFault) as gone:
            client.read()
        assert gone.value.fault is Fault.UNREACHABLE


def test_a_broker_that_refuses_the_password(
    clock: SimClock, mosquitto_with_password: Broker
) -> None:
    with pytest.raises(PlugFault) as refused:
        Zigbee2Mqtt(address(mosquitto_with_password), "belt", "heattimer", "wrong").read()
    assert refused.value.fault is Fault.PASSWORD


def test_no_broker_and_no_answer_are_faults_within_the_time(mosquitto: Broker) -> None:
    with pytest.raises(PlugFault) as nobody:
        TasmotaMqtt("127.0.0.1:1", "t").read()
    assert nobody.value.fault is Fault.UNREACHABLE
    began = time.monotonic()
    with pytest.raises(PlugFault) as silent:  # a broker, but no such device on it
        TasmotaMqtt(address(mosquitto), "no_such_plug", timeout=1.0).read()
    assert silent.value.fault is Fault.SLOW and time.monotonic() - began < 2


class RetainingPlug(Zigbee2MqttPlug):
    """A plug that keeps its state on the broker (retained), as Home Assistant's MQTT
    switches are told to: the state topic then always says the last state."""

    def publish(self, topic, payload, *, retain=False, reply=True):  # type: ignore[no-untyped-def]
        super().publish(topic, payload, retain=retain or topic == self.base, reply=reply)


def test_a_generic_mqtt_plug_takes_your_topics_and_payloads(
    clock: SimClock, mosquitto: Broker
) -> None:
    from heattimer.core.heatswitch import GENERIC_OFF, GENERIC_ON
    from heattimer.platform.plugs.mqtt import MqttSwitch, parse_state

    name = f"belt_{uuid.uuid4().hex[:6]}"
    with RetainingPlug(clock, mosquitto, friendly_name=name, load_watts=39.0) as device:
        base = f"zigbee2mqtt/{name}"
        client = MqttSwitch(address(mosquitto), f"{base}/set", base, GENERIC_ON, GENERIC_OFF)
        reading = client.switch_on(900)
        assert reading.on and reading.watts == pytest.approx(39.0)
        assert client.read().on  # the retained state
        clock.advance(900)  # its own timer ({seconds} in the on payload: on_time)
        assert not device.on and not client.read().on
    assert parse_state(b"ON") == Reading(True) and parse_state(b"off") == Reading(False)
    assert parse_state(b'{"state": true, "power": 12}') == Reading(True, 12.0)
    assert parse_state(b"maybe") is None
