"""The Tasmota plug simulator over HTTP against Tasmota's documented commands (see tasmota.py):
PulseTime's units and its off timer on the sim clock, Backlog, Status, the web password."""

import json

import httpx
import pytest

from tests.plugs.clock import SimClock
from tests.plugs.tasmota import TasmotaPlug, pulse_seconds


@pytest.fixture
def plug(clock: SimClock):  # type: ignore[no-untyped-def]
    with TasmotaPlug(clock, load_watts=45.0) as device:
        yield device


def cm(device: TasmotaPlug, command: str, **auth: str) -> httpx.Response:
    return httpx.get(f"{device.url}/cm", params={**auth, "cmnd": command}, timeout=5)


@pytest.mark.parametrize(
    ("value", "seconds"), [(0, 0), (1, 0.1), (50, 5), (111, 11.1), (112, 12), (1000, 900)]
)
def test_pulsetime_units_are_tenths_up_to_111_then_seconds_plus_100(
    value: int, seconds: float
) -> None:
    assert pulse_seconds(value) == pytest.approx(seconds)


def test_pulsetime_1000_switches_the_relay_off_900_seconds_after_power_on(
    plug: TasmotaPlug, clock: SimClock
) -> None:
    reply = cm(plug, "PulseTime1 1000").json()
    assert reply["PulseTime1"]["Set"] == 1000
    assert cm(plug, "Power1 On").json() == {"POWER": "ON"}
    on_at = clock.now()
    clock.advance(600)
    assert cm(plug, "PulseTime1").json() == {"PulseTime1": {"Set": 1000, "Remaining": 400}}
    clock.advance(299)
    assert cm(plug, "Power1").json() == {"POWER": "ON"}
    clock.advance(1)
    assert cm(plug, "Power1").json() == {"POWER": "OFF"}
    assert plug.history[-1] == (on_at + 900, False, "pulsetime")


def test_pulsetime_50_is_five_seconds(plug: TasmotaPlug, clock: SimClock) -> None:
    cm(plug, "PulseTime1 50")
    cm(plug, "Power On")
    assert cm(plug, "PulseTime1").json()["PulseTime1"]["Remaining"] == 50  # tenths below 11.1 s
    clock.advance(4.9)
    assert plug.power is True
    clock.advance(0.1)
    assert plug.power is False


def test_pulsetime_0_means_no_pulse(plug: TasmotaPlug, clock: SimClock) -> None:
    cm(plug, "PulseTime1 1000")
    assert cm(plug, "PulseTime1 0").json() == {"PulseTime1": {"Set": 0, "Remaining": 0}}
    cm(plug, "Power On")
    clock.advance(100_000)
    assert plug.power is True


def test_backlog_sets_the_pulse_and_switches_on_in_one_request(
    plug: TasmotaPlug, clock: SimClock
) -> None:
    reply = cm(plug, "Backlog PulseTime1 1000; Power1 On").json()
    assert reply["POWER"] == "ON" and reply["PulseTime1"]["Set"] == 1000
    clock.advance(900)
    assert cm(plug, "Power").json() == {"POWER": "OFF"}


def test_power_off_and_the_button_end_the_pulse(plug: TasmotaPlug, clock: SimClock) -> None:
    cm(plug, "Backlog PulseTime1 1000; Power1 On")
    assert cm(plug, "Power1 Off").json() == {"POWER": "OFF"}
    assert cm(plug, "PulseTime1").json()["PulseTime1"]["Remaining"] == 0
    plug.press_button()
    assert cm(plug, "Power").json() == {"POWER": "ON"}  # and the pulse starts over
    assert cm(plug, "Power TOGGLE").json() == {"POWER": "OFF"}


def test_status_8_and_10_report_the_belts_draw(plug: TasmotaPlug, clock: SimClock) -> None:
    cm(plug, "Power On")
    clock.advance(3600)
    for command in ("Status 8", "Status 10"):
        energy = cm(plug, command).json()["StatusSNS"]["ENERGY"]
        assert energy["Power"] == 45 and energy["Voltage"] == 231
        assert energy["Current"] == pytest.approx(45 / 231, abs=0.001)
        assert energy["Total"] == pytest.approx(0.045)  # kWh
    plug.load_watts = 0.0  # the belt unplugged: the relay on, nothing drawn
    assert cm(plug, "Status 8").json()["StatusSNS"]["ENERGY"]["Power"] == 0


def test_status_names_the_device(plug: TasmotaPlug) -> None:
    status = cm(plug, "Status").json()["Status"]
    assert status["DeviceName"] == "Heat belt plug" and status["Topic"] == plug.topic
    everything = cm(plug, "Status 0").json()
    assert {"Status", "StatusFWR", "StatusSNS", "StatusSTS"} <= everything.keys()


def test_an_unknown_command_says_so(plug: TasmotaPlug) -> None:
    assert cm(plug, "Power7 On").json() == {"Command": "Unknown"}
    assert cm(plug, "Explode").json() == {"Command": "Unknown"}


def test_a_web_password_is_required_and_a_wrong_one_refused(clock: SimClock) -> None:
    with TasmotaPlug(clock, web_password="belt-secret") as plug:
        for auth in ({}, {"user": "admin", "password": "nope"}, {"user": "x", "password": ""}):
            reply = cm(plug, "Power On", **auth)
            assert reply.status_code == 401
            assert reply.json() == {"WARNING": "Need user=<username>&password=<password>"}
        assert plug.power is False
        reply = cm(plug, "Power On", user="admin", password="belt-secret")
        assert reply.status_code == 200 and reply.json() == {"POWER": "ON"}


def test_an_unreachable_plug_still_switches_off_at_the_end_of_its_pulse(
    plug: TasmotaPlug, clock: SimClock
) -> None:
    cm(plug, "Backlog PulseTime1 1000; Power1 On")
    plug.unreachable = True
    with pytest.raises(httpx.ConnectError):
        cm(plug, "Power")
    clock.advance(900)
    plug.unreachable = False
    assert cm(plug, "Power").json() == {"POWER": "OFF"}


def test_slow_and_garbage_answers(plug: TasmotaPlug) -> None:
    plug.garbage = b"<html><body>Tasmota</body></html>"
    with pytest.raises(json.JSONDecodeError):
        cm(plug, "Power").json()
    plug.garbage = None
    plug.delay_seconds = 0.5
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(f"{plug.url}/cm?cmnd=Power", timeout=0.1)
