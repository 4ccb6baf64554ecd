"""The command line with a heat switch, against the simulated plugs: `start` switches the
plug on with its own off timer, which cuts the power at the deadline with no program
running; the rules keep it off; every fault is one line and exit 8, with nothing stored."""

from __future__ import annotations

import io
import stat
import time
from datetime import timedelta
from pathlib import Path

import pytest

from heattimer.core.heatswitch import TIMEOUT_SECONDS
from heattimer.exits import Exit
from tests.cli.test_cli import Cli
from tests.plugs.clock import SimClock
from tests.plugs.shelly import ShellyPlugS
from tests.plugs.tasmota import TasmotaPlug


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", capsys)


@pytest.fixture
def shelly(clock: SimClock):  # type: ignore[no-untyped-def]
    with ShellyPlugS(clock, load_watts=45.0) as device:
        yield device


def ons(device: ShellyPlugS | TasmotaPlug) -> list[tuple[float, bool, str]]:
    return [change for change in device.history if change[1]]


def test_start_switches_the_plug_on_and_its_own_timer_cuts_the_power_at_the_deadline(
    cli: Cli, shelly: ShellyPlugS, clock: SimClock
) -> None:
    assert cli("plug", "set", "shelly", shelly.url)[0] == 0
    code, out, _ = cli("start", "--minutes", "15")
    assert code == 0 and "ends at 09:15" in out
    assert shelly.output and shelly.switch_status()["timer_duration"] == 900
    # the command line has long exited: nothing of Heat Timer runs now
    clock.advance(899)
    assert shelly.output
    clock.advance(1)
    assert not shelly.output and shelly.history[-1][2] == "timer"
    cli.clock.jump(timedelta(minutes=15))
    assert cli("confirm")[0] == 0  # the plug says off: the heat is off


def test_stop_switches_the_plug_off_at_once(cli: Cli, shelly: ShellyPlugS) -> None:
    cli("plug", "set", "shelly", shelly.url)
    cli("start")
    cli.clock.jump(timedelta(minutes=5))
    code, out, _ = cli("stop")
    assert code == 0 and "Stopped the heat session after 5 min" in out
    assert not shelly.output


def test_a_cold_session_leaves_the_plug_alone(cli: Cli, shelly: ShellyPlugS) -> None:
    cli("plug", "set", "shelly", shelly.url)
    assert cli("start", "--cold")[0] == 0
    assert ons(shelly) == []


def test_the_rules_keep_the_plug_off(cli: Cli, shelly: ShellyPlugS) -> None:
    cli("plug", "set", "shelly", shelly.url)
    for _ in range(3):
        assert cli("start")[0] == 0
        cli.clock.jump(timedelta(minutes=15))
        assert cli("confirm")[0] == 0
        cli.clock.jump(timedelta(hours=2))
    switched = len(ons(shelly))
    code, _, err = cli("start")  # over the cap
    assert code == Exit.REFUSED and "daily_cap" in err
    cli.clock.jump(timedelta(days=1))
    cli("start")
    cli.clock.jump(timedelta(minutes=20))
    cli("confirm")
    assert cli("start")[0] == Exit.REFUSED  # in the cool-down
    assert cli("injury", "add", "--area", "neck")[0] == 0
    cli.clock.jump(timedelta(hours=5))
    assert cli("start")[0] == Exit.REFUSED  # within 48 h of an injury
    assert cli("plug", "test")[0] == Exit.REFUSED  # not even for 3 s
    assert len(ons(shelly)) == switched + 1  # only the one start the rules allowed


@pytest.mark.parametrize("fault", ["password", "unreachable", "garbage"])
def test_a_plug_fault_is_one_line_exit_8_and_no_session(
    cli: Cli, clock: SimClock, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    with ShellyPlugS(clock, password="right") as device:
        monkeypatch.setattr(
            "sys.stdin", io.StringIO("wrong\n" if fault == "password" else "right\n")
        )
        cli("plug", "set", "shelly", device.url, "--password-stdin")
        if fault == "unreachable":
            device.unreachable = True
        if fault == "garbage":
            device.garbage = b"{not json"
        code, out, err = cli("start")
    assert code == Exit.PLUG_FAILED and out == ""
    assert err.count("\n") == 1 and err.startswith(f"heattimer: The plug at {device.url} ")
    assert cli.status()["session"] is None and cli("history")[1].startswith("No sessions")
    assert not device.output


def test_a_slow_plug_fails_the_command_within_its_time(cli: Cli, clock: SimClock) -> None:
    with ShellyPlugS(clock) as device:
        device.delay_seconds = 5.0
        cli("plug", "set", "shelly", device.url)
        began = time.monotonic()
        code, _, err = cli("start")
        took = time.monotonic() - began
    assert code == Exit.PLUG_FAILED and f"did not answer within {TIMEOUT_SECONDS:g}" in err
    assert took < 2 * TIMEOUT_SECONDS + 1  # (the on, then an off in case it got there)
    assert cli.status()["session"] is None


def test_the_password_is_kept_for_its_owner_only_and_never_shown(
    cli: Cli, shelly: ShellyPlugS, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    code, out, _ = cli("plug", "set", "tasmota", "10.0.0.7", "--password-stdin")
    assert code == 0 and out == "Heat switch: Tasmota at 10.0.0.7 (with a password).\n"
    file = cli.data / "heat-switch.json"
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert "s3cret" not in cli("plug", "show")[1]
    assert cli("plug", "set", "shelly")[0] == Exit.BAD_INPUT  # where?
    assert cli("plug", "set", "none")[1] == "Heat switch: none (the belt is switched by hand).\n"


def test_the_test_switches_on_for_3_s_by_the_plugs_own_timer(
    cli: Cli, clock: SimClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TasmotaPlug(clock, load_watts=42.0) as device:
        cli("plug", "set", "tasmota", device.url)
        monkeypatch.setattr(time, "sleep", clock.advance)  # the test waits out the timer
        code, out, _ = cli("plug", "test")
    assert code == 0
    assert (
        out == "The plug switched on, and off again by its own timer after 3 s. It measured 42 W.\n"
    )
    assert [c[1] for c in device.history] == [True, False]


def test_a_tasmota_on_a_broker_is_switched_by_the_command_line_too(
    cli: Cli, clock: SimClock, mosquitto
) -> None:  # type: ignore[no-untyped-def]
    from tests.plugs.tasmota_mqtt import TasmotaMqtt

    plug = TasmotaPlug(clock, topic="belt_plug_7", load_watts=40.0)
    with TasmotaMqtt(plug, mosquitto):
        broker = f"{mosquitto.host}:{mosquitto.port}"
        assert cli("plug", "set", "tasmota-mqtt", broker)[0] == Exit.BAD_INPUT  # which one?
        code, out, _ = cli("plug", "set", "tasmota-mqtt", broker, "--topic", "belt_plug_7")
        assert code == 0 and out.splitlines() == [
            f"Heat switch: Tasmota over MQTT at {broker}.",
            "Its topic (or name) on the broker: belt_plug_7.",
        ]
        assert cli("start", "--minutes", "15")[0] == 0
        assert plug.power
        clock.advance(900)
        assert not plug.power and plug.history[-1][2] == "pulsetime"  # its own timer


class LosesItsReply(ShellyPlugS):
    """A Shelly that does switch on, then answers nonsense when asked how it is."""

    def call(self, method: str, params: dict) -> dict:  # type: ignore[type-arg]
        if method == "Shelly.GetStatus" and self.output:
            raise ValueError("lost")  # (the simulated device fails its reply)
        return super().call(method, params)


class NoClock(ShellyPlugS):
    """A Shelly whose own clock was never set (no NTP on its network): unixtime null."""

    def call(self, method: str, params: dict) -> dict:  # type: ignore[type-arg]
        answer = super().call(method, params)
        if method == "Shelly.GetStatus":
            answer["sys"]["unixtime"] = None
        return answer


def test_a_plug_that_switched_on_but_failed_its_reply_is_switched_off_again(
    cli: Cli, clock: SimClock
) -> None:
    with LosesItsReply(clock) as device:
        cli("plug", "set", "shelly", device.url)
        code, _, err = cli("start")
        assert code == Exit.PLUG_FAILED  # (the reply lost: the connection dropped)
        assert err.splitlines()[-1].startswith(f"heattimer: The plug at {device.url}")
        assert [on for _, on, _ in device.history] == [True, False]  # on, and off again
    assert cli.status()["session"] is None


def test_a_shelly_without_a_clock_still_switches(cli: Cli, clock: SimClock) -> None:
    with NoClock(clock) as device:
        cli("plug", "set", "shelly", device.url)
        assert cli("start")[0] == 0 and device.output


def test_a_broken_plug_file_stops_nothing_from_being_recorded(
    cli: Cli, shelly: ShellyPlugS
) -> None:
    cli("plug", "set", "shelly", shelly.url)
    assert cli("start")[0] == 0
    (cli.data / "heat-switch.json").write_text("{not json")
    code, out, err = cli("stop")
    assert code == Exit.PLUG_FAILED and "heat-switch.json" in err
    assert "Stopped the heat session" in out and cli.status()["session"] is None
    assert cli("start")[0] == Exit.PLUG_FAILED  # no heat without the switch it was set to use
    assert cli("plug", "set", "shelly", shelly.url)[0] == 0  # and it can be set again


def test_a_generic_mqtt_plug_from_the_command_line(cli: Cli, clock: SimClock, mosquitto) -> None:  # type: ignore[no-untyped-def]
    from tests.plugs.zigbee2mqtt import Zigbee2MqttPlug

    with Zigbee2MqttPlug(clock, mosquitto, friendly_name="hall_socket") as device:
        broker = f"{mosquitto.host}:{mosquitto.port}"
        base = "zigbee2mqtt/hall_socket"
        argv = ["plug", "set", "mqtt", broker, "--topic", f"{base}/set", "--state-topic", base]
        assert cli(*argv)[0] == 0
        assert cli("start", "--minutes", "15")[0] == 0 and device.on
        clock.advance(900)
        assert not device.on  # the default on payload carries on_time: its own timer
        _code, out, _ = cli(*argv, "--on-payload", "ON", "--off-payload", "OFF")
        assert "no timer of its own" in out
