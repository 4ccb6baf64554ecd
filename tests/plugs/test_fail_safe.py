"""The fail-safe: the plug's own timer cuts the power at the deadline when Heat Timer
cannot. A real app (a process of its own, offscreen) with a simulated Shelly as its heat
switch; a heat session started; the app killed with SIGKILL (or frozen with SIGSTOP);
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
from pathlib import Path

import pytest

from heattimer.platform.single_instance import app_running
from tests.needs import qt_missing, require
from tests.plugs.clock import SimClock
from tests.plugs.shelly import ShellyPlugS

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


@pytest.fixture
def plug() -> Iterator[tuple[ShellyPlugS, SimClock]]:
    clock = SimClock()
    with ShellyPlugS(clock, load_watts=45.0) as device:
        yield device, clock


def test_killed_mid_session_the_plug_still_cuts_the_power_and_the_app_sees_it_later(
    world: World, plug: tuple[ShellyPlugS, SimClock]
) -> None:
    device, plug_clock = plug
    assert world.cli("plug", "set", "shelly", device.url).returncode == 0
    app = world.start_app()
    assert world.cli("start", "--minutes", "15").returncode == 0
    assert device.output and world.status()["session"]["kind"] == "heat"
    app.send_signal(signal.SIGKILL)
    app.wait(10)
    world.later(5 * 60)
    plug_clock.advance(5 * 60)
    assert device.output  # nobody touched it: mid-session, the belt is on as it should be
    plug_clock.advance(10 * 60)  # the deadline, with Heat Timer dead
    assert not device.output and device.history[-1][2] == "timer"
    world.later(10 * 60 + 30)  # and the app is started again a little after
    world.start_app()
    until(lambda: world.status()["unconfirmed"] is None, "the app saw the plug off")
    status = world.status()
    assert status["session"] is None and status["today"]["sessions"] == 1
    assert not device.output


def test_frozen_mid_session_the_plug_still_cuts_the_power(
    world: World, plug: tuple[ShellyPlugS, SimClock]
) -> None:
    device, plug_clock = plug
    world.cli("plug", "set", "shelly", device.url)
    app = world.start_app()
    assert world.cli("start", "--minutes", "20").returncode == 0
    app.send_signal(signal.SIGSTOP)
    plug_clock.advance(20 * 60)
    assert not device.output  # the plug did it, while the app could not run at all
    app.send_signal(signal.SIGCONT)
    assert app.poll() is None  # the app lives on
