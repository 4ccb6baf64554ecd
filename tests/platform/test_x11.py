"""Idle time and full screen on X11, for real: Xvfb (with openbox where a window manager is
needed), input sent with xdotool, full screen asked for with wmctrl as a video player asks
the window manager, and the probe running inside a Qt app on Qt's own X connection.

These wait for the X server's own clock to move (that is what is measured), by polling
with a timeout; they never sleep a fixed time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from heattimer.platform.idle import NullIdle, system_idle_monitor
from tests.needs import require_qt
from tests.platform.conftest import Processes, need, run, start_xvfb, wait_for

pytestmark = pytest.mark.desktop

CHILD = Path(__file__).with_name("x11_child.py")
JUST_NOW = 0.5  # seconds: input a moment ago reads below this, even on a slow machine
TITLE = "heattimer-fullscreen-probe"


class Probe:
    """heattimer/platform/x11.py inside a Qt app on ``display`` (x11_child.py)."""

    def __init__(self, processes: Processes, display: str) -> None:
        require_qt("the X11 probe tests")
        env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
        self.child = processes.start(
            sys.executable,
            str(CHILD),
            env={**env, "DISPLAY": display},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self.ask_raw("") == "ready"

    def ask_raw(self, command: str) -> str:
        assert self.child.stdin is not None and self.child.stdout is not None
        if command:
            self.child.stdin.write(f"{command}\n".encode())
            self.child.stdin.flush()
        line = self.child.stdout.readline().decode().strip()
        assert line, f"the probe's app died answering {command!r}"
        return line

    def ask(self, command: str) -> object:
        answer = self.ask_raw(command)
        if answer in ("None", "True", "False"):
            return {"None": None, "True": True, "False": False}[answer]
        if answer.startswith("["):
            return [int(n) for n in answer.strip("[]").split(",") if n.strip()]
        return float(answer)


@pytest.fixture(scope="module")
def bare(processes: Processes) -> Probe:
    need("Xvfb", "xdotool")
    return Probe(processes, start_xvfb(processes))


@pytest.fixture(scope="module")
def managed(processes: Processes, openbox_display: str) -> Iterator[tuple[Probe, str]]:
    need("wmctrl", "xmessage")
    yield Probe(processes, openbox_display), openbox_display


def idle_for_a_second(probe: Probe) -> float:
    wait_for(lambda: (probe.ask("idle") or 0.0) >= 1.0, 5, "1 s of idle time")
    value = probe.ask("idle")
    assert isinstance(value, float)
    return value


def test_idle_time_grows_then_a_pointer_move_resets_it(processes: Processes) -> None:
    need("Xvfb", "xdotool")
    display = start_xvfb(processes)
    probe = Probe(processes, display)
    assert idle_for_a_second(probe) >= 1.0
    run(display, "xdotool", "mousemove", "123", "45")
    after = probe.ask("idle")
    assert isinstance(after, float) and after < JUST_NOW
    assert idle_for_a_second(probe) >= 1.0  # and it counts again from the move


def test_idle_time_is_reset_by_a_key_press(processes: Processes) -> None:
    need("Xvfb", "xdotool")
    display = start_xvfb(processes)
    probe = Probe(processes, display)
    assert idle_for_a_second(probe) >= 1.0
    run(display, "xdotool", "key", "shift")
    after = probe.ask("idle")
    assert isinstance(after, float) and after < JUST_NOW


def test_a_server_without_the_screen_saver_extension_cannot_tell(processes: Processes) -> None:
    need("Xvfb")
    probe = Probe(processes, start_xvfb(processes, "-extension", "MIT-SCREEN-SAVER"))
    assert probe.ask("idle") is None


def test_without_a_window_manager_full_screen_cannot_be_told(bare: Probe) -> None:
    assert bare.ask("active") is None
    assert bare.ask("fullscreen") is None


def test_asking_about_a_window_that_is_gone_fails_quietly_and_the_app_lives(bare: Probe) -> None:
    # The active window may close between two requests. Xlib's default error handler would
    # print "BadWindow" and exit() the whole app; Qt sets one that ignores errors.
    assert bare.ask("state 134217727") is None  # an id no client on this server has
    assert bare.ask("fullscreen") is None  # and the connection serves the next request


def window_titled(display: str, title: str) -> int | None:
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    found = subprocess.run(
        ["xdotool", "search", "--name", title],
        env={**env, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=10,
    ).stdout.split()  # exit status 1 and no output while there is no such window yet
    return int(found[0]) if found else None


def test_a_window_turned_full_screen_and_back_is_seen(
    managed: tuple[Probe, str], processes: Processes
) -> None:
    probe, display = managed
    wait_for(lambda: probe.ask("fullscreen") is not None, 10, "openbox to start")
    assert probe.ask("fullscreen") is False  # a window manager, nothing focused
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    processes.start("xmessage", "-title", TITLE, "a window", env={**env, "DISPLAY": display})
    window = wait_for(lambda: window_titled(display, TITLE), 10, "the xmessage window")
    wait_for(lambda: probe.ask("active") == window, 10, "openbox to focus the window")
    assert probe.ask("fullscreen") is False
    run(display, "wmctrl", "-i", "-r", hex(int(window)), "-b", "add,fullscreen")
    wait_for(lambda: probe.ask("fullscreen") is True, 10, "the full-screen state")
    run(display, "wmctrl", "-i", "-r", hex(int(window)), "-b", "remove,fullscreen")
    wait_for(lambda: probe.ask("fullscreen") is False, 10, "the normal state")


def test_on_x11_the_idle_source_is_the_x_servers_and_under_wayland_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Answers:
        name = "X11 screen saver"

        def idle_seconds(self) -> float:
            return 3.0

    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    x11 = Answers()
    assert system_idle_monitor(x11) is x11
    assert isinstance(system_idle_monitor(None), NullIdle)
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")  # XWayland sees only X clients' input
    assert isinstance(system_idle_monitor(x11), NullIdle)
