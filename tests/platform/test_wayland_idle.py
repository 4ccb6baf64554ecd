"""Idle time through ext-idle-notify-v1, from real compositors: KDE's KWin (Debian's,
headless with a virtual output), which offers it, and wlroots' sway 1.7, which does not
(it offers only KDE's retired protocol, as sway did before 1.8).

KWin takes input only from real devices and from clients it trusts, so the test sees the
compositor say "idle" and the time count on, and the connection lost when KWin goes;
"resumed" is the same one-line handler and is not driven here.
"""

from __future__ import annotations

import select
import subprocess
import time
from collections.abc import Iterator

import pytest

from heattimer.platform.wayland_idle import WaylandIdle
from tests.e2e.kwin import KWin
from tests.e2e.wayland import WaylandDesktop, missing_programs
from tests.platform.conftest import need, wait_for

pytest.importorskip("pywayland", reason="pywayland is installed only on x86-64 Linux")


@pytest.fixture
def kwin() -> Iterator[KWin]:
    with KWin() as compositor:
        yield compositor


def test_kwin_says_when_nobody_touched_anything_and_the_time_counts_on(kwin: KWin) -> None:
    monitor = WaylandIdle.connect(kwin.display, timeout=1.0)
    assert monitor is not None, "KWin offers ext_idle_notifier_v1"
    assert monitor.name == "Wayland (ext-idle-notify-v1)"
    start = time.monotonic()
    assert monitor.idle_seconds() == 0.0  # under the timeout: no word yet
    # As the app's event loop does: read when the socket is readable, and "idle" is timed
    # when KWin sent it, a timeout after the last input (here: the connection).
    while monitor.idle_since is None:
        assert select.select([monitor.fileno()], [], [], 15)[0], "KWin never said 'idle'"
        assert monitor.read()
    assert 0.9 <= monitor.idle_since - start <= 1.6
    first = monitor.idle_seconds()
    assert first is not None
    # Counted from the last input (the connection's start here), not from KWin's word.
    assert first <= time.monotonic() - start + 0.5
    wait_for(lambda: (monitor.idle_seconds() or 0) >= first + 0.5, 10, "the time to count on")
    monitor.close()
    assert monitor.idle_seconds() is None


def test_a_compositor_that_goes_away_is_cannot_tell_not_a_crash(kwin: KWin) -> None:
    monitor = WaylandIdle.connect(kwin.display, timeout=1.0)
    assert monitor is not None
    kwin.stop()
    wait_for(lambda: monitor.idle_seconds() is None, 15, "the lost connection to be noticed")
    assert monitor.idle_seconds() is None


def sway_offers_it() -> bool:
    """sway 1.8 and later offer ext-idle-notify-v1."""
    words = subprocess.run(["sway", "--version"], capture_output=True, text=True).stdout.split()
    major, minor = (int(part) for part in words[-1].split(".")[:2])
    return (major, minor) >= (1, 8)


def test_no_compositor_gives_no_monitor() -> None:
    assert WaylandIdle.connect("/nonexistent/wayland-9") is None


def test_sway_gives_a_monitor_only_where_it_offers_the_protocol() -> None:
    if missing_programs():
        need(*missing_programs())
    with WaylandDesktop() as desktop:
        monitor = WaylandIdle.connect(desktop.env["WAYLAND_DISPLAY"], timeout=1.0)
        assert (monitor is not None) == sway_offers_it()
        if monitor is not None:
            wait_for(lambda: (monitor.idle_seconds() or 0) >= 1.0, 15, "sway to say 'idle'")
            desktop.run("wtype", "x")  # a key through sway: input again
            wait_for(lambda: monitor.idle_seconds() == 0.0, 15, "sway to say 'resumed'")
            monitor.close()
