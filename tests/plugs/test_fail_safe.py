"""The fail-safe: the plug's own timer cuts the power at the deadline when Heat Timer
cannot. A real app (a process of its own, offscreen) with a simulated plug as its heat
switch, of each kind: a Shelly and a Tasmota over HTTP, a Tasmota and a Zigbee2MQTT plug
on a real Mosquitto; a heat session started; the app killed with SIGKILL (or frozen with
SIGSTOP);
the plug still switches off at the deadline, by itself; and the app started again later
shows the session ended, and makes sure the plug is off before the heat counts as off.
Time is moved for the app and the command line alike through $HEATTIMER_TEST_CLOCK_FILE
(platform/clock.py's OffsetClock), and for the plug on its own clock."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from heattimer.platform.single_instance import app_running
from tests.needs import qt_missing, require
from tests.plugs.clock import SimClock
from tests.plugs.shelly import ShellyPlugS
from tests.plugs.tasmota import TasmotaPlug

pytestmark = pytest.mark.slow
SCRIPT = Path(sys.executable).with_name("heattimer")


class World:
    """The data folder, the clock file, and the programs on them."""

    def __init__(self, folder: Path) -> None:
        self.data = folder / "data"
        self.clock_file = folder / "clock"
        self.clock_file.write_text("0")
        env = {k: v for k, v in os.environ.items() if k != "HEATTIMER_DATA_DIR"}
        self.env = {
            **env,
            "QT_QPA_PLATFORM": "offscreen",
            "HEATTIMER_TEST_CLOCK_FILE": str(self.clock_file),
        }
        self.apps: list[subprocess.Popen[bytes]] = []

    def later(self, seconds: float) -> None:
        """Time passes, for the app and the command line."""
        self.clock_file.write_text(str(float(self.clock_file.read_text()) + seconds))

    def cli(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SCRIPT), "--data-dir", str(self.data), *argv],
            env=self.env, capture_output=True, text=True, timeout=30,
        )  # fmt: skip

    def status(self) -> dict:
        done = self.cli("status", "--json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def start_app(self) -> subprocess.Popen[bytes]:
        app = subprocess.Popen(
            [str(SCRIPT), "--data-dir", str(self.data)],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.apps.append(app)
        until(lambda: app_running(self.data), "the app holds its lock")
        return app


def until(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    """Wait for another process to get somewhere (polled, with a deadline)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.05)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    require(qt_missing(), "the fail-safe tests (they start the app)")
    made = World(tmp_path)
    yield made
    for app in made.apps:
        if app.poll() is None:
            app.send_signal(signal.SIGCONT)
            app.kill()
        app.wait(10)


@dataclass
class Plug:
    """One simulated plug as the tests see it, whatever its kind."""

    setting: list[str]
    """`heattimer plug set ...` for it."""
    clock: SimClock
    """The plug's own clock: its timer runs on it."""
    is_on: Callable[[], bool]
    last_change: Callable[[], str]
    """What switched it last, in the simulator's words."""
    own_timer: str
    """How the simulator names a switch by the plug's own timer."""


@pytest.fixture(params=["shelly", "tasmota", "tasmota-mqtt", "zigbee2mqtt"])
def plug(request: pytest.FixtureRequest) -> Iterator[Plug]:
    clock = SimClock()
    with ExitStack() as stack:
        if request.param == "shelly":
            shelly = stack.enter_context(ShellyPlugS(clock, load_watts=45.0))
            yield Plug(
                ["shelly", shelly.url], clock,
                lambda: shelly.output, lambda: shelly.history[-1][2], "timer",
            )  # fmt: skip
        elif request.param == "tasmota":
            tasmota = stack.enter_context(TasmotaPlug(clock, load_watts=45.0))
            yield Plug(
                ["tasmota", tasmota.url], clock,
                lambda: tasmota.power, lambda: tasmota.history[-1][2], "pulsetime",
            )  # fmt: skip
        else:
            from tests.plugs.tasmota_mqtt import TasmotaMqtt
            from tests.plugs.zigbee2mqtt import Zigbee2MqttPlug

            broker = request.getfixturevalue("mosquitto")
            where = f"{broker.host}:{broker.port}"
            if request.param == "tasmota-mqtt":
                relay = TasmotaPlug(clock, topic="fail_safe_belt", load_watts=45.0)
                stack.enter_context(TasmotaMqtt(relay, broker))
                yield Plug(
                    ["tasmota-mqtt", where, "--topic", relay.topic], clock,
                    lambda: relay.power, lambda: relay.history[-1][2], "pulsetime",
                )  # fmt: skip
            else:
                zigbee = stack.enter_context(
                    Zigbee2MqttPlug(clock, broker, friendly_name="fail_safe_belt")
                )
                yield Plug(
                    ["zigbee2mqtt", where, "--topic", zigbee.friendly_name], clock,
                    lambda: zigbee.on, lambda: zigbee.history[-1][2], "on_time",
                )  # fmt: skip


def test_killed_mid_session_the_plug_still_cuts_the_power_and_the_app_sees_it_later(
    world: World, plug: Plug
) -> None:
    assert world.cli("plug", "set", *plug.setting).returncode == 0
    app = world.start_app()
    assert world.cli("start", "--minutes", "15").returncode == 0
    assert plug.is_on() and world.status()["session"]["kind"] == "heat"
    app.send_signal(signal.SIGKILL)
    app.wait(10)
    world.later(5 * 60)
    plug.clock.advance(5 * 60)
    assert plug.is_on()  # nobody touched it: mid-session, the belt is on as it should be
    plug.clock.advance(10 * 60)  # the deadline, with Heat Timer dead
    assert not plug.is_on() and plug.last_change() == plug.own_timer
    world.later(10 * 60 + 30)  # and the app is started again a little after
    world.start_app()
    until(lambda: world.status()["unconfirmed"] is None, "the app saw the plug off")
    status = world.status()
    assert status["session"] is None and status["today"]["sessions"] == 1
    assert not plug.is_on()


def test_frozen_mid_session_the_plug_still_cuts_the_power(world: World, plug: Plug) -> None:
    assert world.cli("plug", "set", *plug.setting).returncode == 0
    app = world.start_app()
    assert world.cli("start", "--minutes", "20").returncode == 0
    assert plug.is_on()
    app.send_signal(signal.SIGSTOP)
    plug.clock.advance(20 * 60)
    assert not plug.is_on() and plug.last_change() == plug.own_timer  # while the app could
    app.send_signal(signal.SIGCONT)  # not run at all
    assert app.poll() is None  # the app lives on
