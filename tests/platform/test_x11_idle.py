"""The X11 idle time, for real: an Xvfb server, input sent with xdotool, the server asked
over its own socket.

These wait for the X server's own clock to move (that is what is measured), by
polling with a timeout; they never sleep a fixed time.
"""

from __future__ import annotations

import pytest

from heattimer.idle import NullIdle, X11Idle, system_idle_monitor
from tests.platform.conftest import Processes, need, run, start_xvfb, wait_for

pytestmark = pytest.mark.desktop

JUST_NOW = 0.5  # seconds: input a moment ago reads below this, even on a slow machine


@pytest.fixture(scope="module")
def monitor(xvfb: str) -> X11Idle:
    found = X11Idle(xvfb)
    assert found.idle_seconds() is not None, "Xvfb's MIT-SCREEN-SAVER extension did not answer"
    return found


def _idle_for_a_second(monitor: X11Idle) -> float:
    seconds = wait_for(lambda: (monitor.idle_seconds() or 0.0) >= 1.0, 5, "1 s of idle time")
    assert seconds
    value = monitor.idle_seconds()
    assert value is not None
    return value


def test_x11_idle_time_grows_then_a_pointer_move_resets_it(xvfb: str, monitor: X11Idle) -> None:
    assert _idle_for_a_second(monitor) >= 1.0

    run(xvfb, "xdotool", "mousemove", "123", "45")
    after_move = monitor.idle_seconds()
    assert after_move is not None and after_move < JUST_NOW

    # and it counts again from the move
    assert _idle_for_a_second(monitor) >= 1.0


def test_x11_idle_time_is_reset_by_a_key_press(xvfb: str, monitor: X11Idle) -> None:
    assert _idle_for_a_second(monitor) >= 1.0

    run(xvfb, "xdotool", "key", "shift")
    after_key = monitor.idle_seconds()
    assert after_key is not None and after_key < JUST_NOW


def test_the_system_default_on_x11_is_the_screen_saver_extension(
    xvfb: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", xvfb)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    chosen = system_idle_monitor()
    assert isinstance(chosen, X11Idle)
    assert chosen.name == "X11 screen saver extension"
    assert chosen.idle_seconds() is not None


def test_under_wayland_the_xwayland_idle_time_is_not_trusted(
    xvfb: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", xvfb)  # an X server that would answer, as XWayland does
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert isinstance(system_idle_monitor(), NullIdle)


def test_an_x_server_without_the_screen_saver_extension_gives_no_idle_source(
    processes: Processes, monkeypatch: pytest.MonkeyPatch
) -> None:
    need("Xvfb")
    bare = start_xvfb(processes, "-extension", "MIT-SCREEN-SAVER")
    assert X11Idle(bare).idle_seconds() is None
    monkeypatch.setenv("DISPLAY", bare)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    chosen = system_idle_monitor()
    assert isinstance(chosen, NullIdle)
    assert chosen.name == "none"
