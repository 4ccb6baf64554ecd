"""The installed app on a real desktop: tray, window, CLI changes, the end alarm's notification.

Skips with the reason when the desktop programs are missing, unless
HEATTIMER_REQUIRE_DESKTOP=1 (as `.ci/run` sets), when a missing program fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, missing_programs, wait_for, welcomed
from tests.needs import qt_missing, require

pytestmark = pytest.mark.desktop

BIN = Path(sys.executable).parent
SHOTS = Path(os.environ.get("HEATTIMER_SHOTS", "/tmp/heattimer-e2e-shots"))


def _need(tray: str) -> None:
    require([*qt_missing(), *missing_programs(tray)], "the real-desktop test")


class App:
    """The installed Heat Timer running on a desktop, with a clock the test moves."""

    def __init__(self, desktop: Desktop, data: Path) -> None:
        self.desktop = desktop
        self.data = data
        self.clock_file = data.parent / "clock-offset"
        self.clock_file.write_text("0")
        welcomed(data)
        self.env = {
            "HEATTIMER_DATA_DIR": str(data),
            "HEATTIMER_TEST_CLOCK_FILE": str(self.clock_file),
        }
        self.log = data.parent / "app.log"
        with open(self.log, "wb") as log:  # the child keeps its own copy of the handle
            self.proc = subprocess.Popen(
                [str(BIN / "heattimer")],
                env={**desktop.env, **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def cli(self, *argv: str) -> subprocess.CompletedProcess[str]:
        return self.desktop.run(str(BIN / "heattimer"), *argv, **self.env)

    def status(self) -> dict:
        return json.loads(self.cli("status", "--json").stdout)

    def completed_heat_sessions(self) -> int:
        """Heat sessions that ran to their end and count toward the cap (asked of the
        history, not of "today": the test's clock may cross midnight)."""
        rows = json.loads(self.cli("history", "--days", "2", "--format", "json").stdout)
        return sum(r["kind"] == "heat" and r["how"] == "completed" and r["counts"] for r in rows)

    def move_clock(self, seconds: float) -> None:
        self.clock_file.write_text(str(seconds))

    def __enter__(self) -> App:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@contextlib.contextmanager
def window_up(desktop: Desktop, data: Path) -> Iterator[App]:
    """The app started on ``desktop`` with its data in ``data``, once its window is up;
    stopped on the way out."""
    with App(desktop, data) as app:
        wait_for(lambda: desktop.window_names("Heat Timer"), 30, "the window")
        yield app


@pytest.fixture
def sni_app(tmp_path: Path) -> Iterator[App]:
    _need("sni")
    with Desktop("sni") as desktop, App(desktop, tmp_path / "data") as app:
        yield app


def test_real_desktop_tray_window_cli_and_alarm(sni_app: App) -> None:
    desktop = sni_app.desktop
    SHOTS.mkdir(parents=True, exist_ok=True)

    titles = wait_for(lambda: desktop.window_names("Heat Timer"), 30, "the window")
    assert titles == ["Heat Timer"]
    wait_for(lambda: "/StatusNotifierItem" in desktop.tray_items(), 20, "the tray icon")

    assert sni_app.cli("start").returncode == 0
    wait_for(
        lambda: any(
            re.match(r"1[45]:\d\d · Heat Timer", t) for t in desktop.window_names("Heat Timer")
        ),
        2.5,
        "the GUI to follow",
    )
    desktop.screenshot(SHOTS / "running.png")

    second = desktop.run(str(BIN / "heattimer"), **sni_app.env)
    assert second.returncode == 0, second.stderr

    sni_app.move_clock(15 * 60 + 1)
    wait_for(
        lambda: "Time is up: turn the heat off" in desktop.notifications(),
        10,
        "the end-of-session notification",
    )
    log = desktop.notifications()
    assert re.search(r'string "urgency"\s+variant\s+byte 2', log), log[-2000:]
    assert 'string "Heat Timer"' in log
    assert 'string "heat-off"' in log
    desktop.screenshot(SHOTS / "alarm.png")
    assert sni_app.status()["unconfirmed"] is not None

    # The person clicks "Heat is off" in the notification (dunst: the middle button).
    wait_for(desktop.shown_notifications, 5, "dunst to show the alarm")
    desktop.click_notification(2)
    wait_for(lambda: sni_app.status()["unconfirmed"] is None, 5, "the heat-off confirmation")
    assert sni_app.completed_heat_sessions() == 1


@pytest.fixture
def trayless_app(tmp_path: Path) -> Iterator[App]:
    """The app on a desktop with no tray (plain GNOME), its window up."""
    _need("none")
    with Desktop("none") as desktop, window_up(desktop, tmp_path / "data") as app:
        yield app


def test_without_a_tray_the_window_still_works(trayless_app: App) -> None:
    app, desktop = trayless_app, trayless_app.desktop
    assert app.cli("start", "--minutes", "20").returncode == 0
    wait_for(
        lambda: any("· Heat Timer" in t for t in desktop.window_names("Heat Timer")),
        2.5,
        "the GUI to follow",
    )
    app.move_clock(20 * 60 + 1)
    wait_for(lambda: "Time is up" in desktop.notifications(), 10, "the notification")


def tray_icon_windows(desktop: Desktop, pid: int) -> list[str]:
    """The process's small windows showing in the panel at the top of the screen: tray icons
    embedded the XEmbed way (a late tray gets one; Qt chooses SNI only at start-up)."""
    found = []
    for wid in desktop.run("xdotool", "search", "--pid", str(pid)).stdout.split():
        info = desktop.run("xwininfo", "-id", wid).stdout
        numbers = dict(re.findall(r"(Absolute upper-left Y|Width|Height):\s+(-?\d+)", info))
        small = numbers and int(numbers["Width"]) <= 64
        if "IsViewable" in info and small and 0 <= int(numbers["Absolute upper-left Y"]) < 40:
            found.append(wid)
    return found


def test_a_tray_that_comes_up_late_gets_the_icon(trayless_app: App) -> None:
    # At login a panel may start after the apps: the app starts with no tray (closing the
    # window would quit), then the tray appears and the icon must show up in it.
    _need("sni")
    app, desktop = trayless_app, trayless_app.desktop
    assert tray_icon_windows(desktop, app.proc.pid) == []
    desktop.start_sni_tray()
    wait_for(lambda: tray_icon_windows(desktop, app.proc.pid), 10, "the tray icon")
    SHOTS.mkdir(parents=True, exist_ok=True)
    desktop.screenshot(SHOTS / "late-tray.png")
    # Now closing the window hides it in the tray; the app keeps running.
    wid = desktop.run("xdotool", "search", "--onlyvisible", "--name", "Heat Timer")
    desktop.close_window(int(wid.stdout.split()[0]))
    try:
        wait_for(lambda: not desktop.window_names("Heat Timer"), 10, "the window to hide")
    finally:
        desktop.screenshot(SHOTS / "late-tray-closed.png")
    assert app.proc.poll() is None
    assert app.cli("status").returncode == 0
