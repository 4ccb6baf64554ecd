"""The Tasmota plug simulator on a real Mosquitto, against Tasmota's MQTT documentation (see
tasmota_mqtt.py): commands on cmnd/, answers on stat/, the pulse timer switching off on the sim
clock unasked, LWT and telemetry on tele/."""

import uuid

import pytest

from tests.plugs.broker import Broker
from tests.plugs.clock import SimClock
from tests.plugs.mqtt_probe import MqttProbe
from tests.plugs.tasmota import TasmotaPlug
from tests.plugs.tasmota_mqtt import TasmotaMqtt


@pytest.fixture
def topic() -> str:
    return f"tasmota_{uuid.uuid4().hex[:6].upper()}"


@pytest.fixture
def probe(mosquitto: Broker, topic: str):  # type: ignore[no-untyped-def]
    with MqttProbe(mosquitto, f"stat/{topic}/+", f"tele/{topic}/+") as client:
        yield client


@pytest.fixture
def device(clock: SimClock, mosquitto: Broker, topic: str, probe: MqttProbe):  # type: ignore[no-untyped-def]
    with TasmotaMqtt(TasmotaPlug(clock, topic=topic, load_watts=45.0), mosquitto) as mqtt:
        yield mqtt
    assert mqtt.errors == []


def test_lwt_is_online_and_retained(device: TasmotaMqtt, mosquitto: Broker, topic: str) -> None:
    with MqttProbe(mosquitto, f"tele/{topic}/LWT") as late:  # subscribed after the fact
        lwt = late.next(f"tele/{topic}/LWT")
    assert lwt.text == "Online" and lwt.retain


def test_a_vanished_plug_leaves_lwt_offline_retained(
    device: TasmotaMqtt, mosquitto: Broker, topic: str, probe: MqttProbe
) -> None:
    assert probe.next(f"tele/{topic}/LWT").text == "Online"
    device.unreachable = True
    assert probe.next(f"tele/{topic}/LWT").text == "Offline"
    with MqttProbe(mosquitto, f"tele/{topic}/LWT") as late:
        lwt = late.next(f"tele/{topic}/LWT")
    assert lwt.text == "Offline" and lwt.retain
    device.unreachable = False
    assert probe.next(f"tele/{topic}/LWT").text == "Online"


def test_backlog_pulsetime_and_power_on_then_off_on_the_plugs_own_timer(
    device: TasmotaMqtt, clock: SimClock, topic: str, probe: MqttProbe
) -> None:
    probe.publish(f"cmnd/{topic}/Backlog", "PulseTime1 1000; Power1 On")
    assert probe.next(f"stat/{topic}/RESULT").json() == {
        "PulseTime1": {"Set": 1000, "Remaining": 1000}
    }
    assert probe.next(f"stat/{topic}/RESULT").json() == {"POWER": "ON"}
    assert probe.next(f"stat/{topic}/POWER").text == "ON"

    clock.advance(899)
    probe.publish(f"cmnd/{topic}/Power", "")  # a query: the answer comes after anything before
    assert probe.next(f"stat/{topic}/POWER").text == "ON"
    assert probe.next(f"stat/{topic}/RESULT").json() == {"POWER": "ON"}

    clock.advance(1)  # unasked: the relay switched itself off
    assert probe.next(f"stat/{topic}/RESULT").json() == {"POWER": "OFF"}
    assert probe.next(f"stat/{topic}/POWER").text == "OFF"


def test_the_pulse_switches_off_while_the_plug_is_off_the_broker(
    device: TasmotaMqtt, clock: SimClock, topic: str, probe: MqttProbe
) -> None:
    probe.publish(f"cmnd/{topic}/Backlog", "PulseTime1 1000; Power1 On")
    assert probe.next(f"stat/{topic}/POWER").text == "ON"
    device.unreachable = True
    clock.advance(900)
    assert device.plug.power is False
    device.unreachable = False
    probe.publish(f"cmnd/{topic}/Power1", "?")
    assert probe.next(f"stat/{topic}/POWER").text == "OFF"


def test_status_8_answers_on_status8_with_energy(
    device: TasmotaMqtt, topic: str, probe: MqttProbe
) -> None:
    probe.publish(f"cmnd/{topic}/Power", "ON")
    probe.publish(f"cmnd/{topic}/Status", "8")
    energy = probe.next(f"stat/{topic}/STATUS8").json()["StatusSNS"]["ENERGY"]
    assert energy["Power"] == 45 and energy["Voltage"] == 231


def test_telemetry_every_teleperiod_on_the_sim_clock(
    device: TasmotaMqtt, clock: SimClock, topic: str, probe: MqttProbe
) -> None:
    probe.publish(f"cmnd/{topic}/Power", "ON")
    assert probe.next(f"stat/{topic}/POWER").text == "ON"
    clock.advance(300)
    assert probe.next(f"tele/{topic}/STATE").json()["POWER"] == "ON"
    assert probe.next(f"tele/{topic}/SENSOR").json()["ENERGY"]["Power"] == 45


def test_the_button_is_announced_unasked(device: TasmotaMqtt, topic: str, probe: MqttProbe) -> None:
    device.plug.press_button()
    assert probe.next(f"stat/{topic}/POWER").text == "ON"


def test_garbage_replies(device: TasmotaMqtt, topic: str, probe: MqttProbe) -> None:
    device.garbage = b"\xff not json"
    probe.publish(f"cmnd/{topic}/Power", "ON")
    assert probe.next(f"stat/{topic}/RESULT").payload == b"\xff not json"


def test_a_plug_on_a_broker_with_a_password(
    clock: SimClock, mosquitto_with_password: Broker, topic: str
) -> None:
    with MqttProbe(mosquitto_with_password, f"stat/{topic}/+") as probe:
        plug = TasmotaPlug(clock, topic=topic)
        with TasmotaMqtt(plug, mosquitto_with_password):
            probe.publish(f"cmnd/{topic}/Power", "ON")
            assert probe.next(f"stat/{topic}/POWER").text == "ON"
