"""The real Mosquitto the MQTT plug tests run against: on its own loopback port, and with a
password file when asked."""

import pytest

from tests.plugs.broker import Broker
from tests.plugs.mqtt_probe import MqttProbe


def test_the_broker_listens_on_its_own_loopback_port_and_relays(mosquitto: Broker) -> None:
    assert mosquitto.host == "127.0.0.1" and mosquitto.port != 1883
    with MqttProbe(mosquitto, "probe/echo") as probe:
        probe.publish("probe/echo", "hello")
        assert probe.next("probe/echo").text == "hello"


def test_a_broker_with_a_password_file_refuses_strangers(mosquitto_with_password: Broker) -> None:
    broker = mosquitto_with_password
    with pytest.raises(ConnectionRefusedError):
        MqttProbe(Broker(broker.host, broker.port), "probe/#").start()
    with pytest.raises(ConnectionRefusedError):
        MqttProbe(broker, "probe/#", username="heattimer", password="wrong").start()
    with MqttProbe(broker, "probe/echo") as probe:  # the broker's own user and password
        probe.publish("probe/echo", "in")
        assert probe.next("probe/echo").text == "in"
