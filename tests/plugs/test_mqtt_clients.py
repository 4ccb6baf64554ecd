"""The app's MQTT plug clients (heattimer/platform/plugs/mqtt.py) through a real Mosquitto,
against the simulated Tasmota and Zigbee2MQTT plugs: on with the plug's own timer, off by
it on the plug's clock, the power read; a wrong password, a plug gone and a silent broker
each one PlugFault within the time."""

from __future__ import annotations

import time
import uuid

import pytest

from heattimer.core.heatswitch import Fault, PlugFault
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
