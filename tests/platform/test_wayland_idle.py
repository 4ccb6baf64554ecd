"""Idle time through ext-idle-notify-v1, from real compositors: KDE's KWin (Debian's,
headless with a virtual output), which offers it, and wlroots' sway 1.7, which does not
(it offers only KDE's retired protocol, as sway did before 1.8).

KWin takes input only from real devices and from clients it trusts, so the test sees the
compositor say "idle" and the time count on, and the connection lost when KWin goes;
"resumed" is the same one-line handler and is not driven here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from heattimer.platform.wayland_idle import WaylandIdle
from tests.e2e.wayland import WaylandDesktop, missing_programs
from tests.needs import require_qt
from tests.platform.conftest import Processes, need, wait_for

pytest.importorskip("pywayland", reason="pywayland is installed only on x86-64 Linux")


class KWin:
    """KWin, headless with a virtual output, on a runtime folder and a bus of its own."""

    def __init__(self, bus: str) -> None:
        need("kwin_wayland")
        self.folder = Path(tempfile.mkdtemp(prefix="heattimer-kwin-"))
        runtime = self.folder / "run"
        runtime.mkdir(mode=0o700)
        # Debian's binary carries a file capability (cap_sys_resource), which a container
        # without it refuses to run; a copy without the capability runs as any program does.
        binary = self.folder / "kwin_wayland"
        shutil.copy(shutil.which("kwin_wayland") or "", binary)
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
            "DBUS_SESSION_BUS_ADDRESS": bus,
            "XDG_RUNTIME_DIR": str(runtime),
        }
        self.processes = Processes()
        self.processes.start(
            str(binary), "--virtual", "--no-lockscreen", "--socket", "wayland-kwin", env=env
        )
        socket = runtime / "wayland-kwin"
        wait_for(socket.exists, 30, "KWin's Wayland socket")
        self.display = str(socket)

    def stop(self) -> None:
        self.processes.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def kwin(bus_address: str) -> Iterator[KWin]:
    compositor = KWin(bus_address)
    yield compositor
    compositor.stop()


def test_kwin_says_when_nobody_touched_anything_and_the_time_counts_on(kwin: KWin) -> None:
    monitor = WaylandIdle.connect(kwin.display, timeout=1.0)
    assert monitor is not None, "KWin offers ext_idle_notifier_v1"
    assert monitor.name == "Wayland (ext-idle-notify-v1)"
    start = time.monotonic()
    assert monitor.idle_seconds() == 0.0  # under the timeout: no word yet
    wait_for(lambda: (monitor.idle_seconds() or 0) >= 1.0, 15, "KWin to say 'idle'")
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
    kwin.processes.stop()
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


def test_the_app_picks_the_compositor_s_idle_time_where_mutter_does_not_answer(
    kwin: KWin, bus_address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_qt("the idle source the app picks")
    from PySide6.QtDBus import QDBusConnection

    from heattimer.gui.desktop.mutter_idle import pick_idle_monitor

    monkeypatch.setenv("WAYLAND_DISPLAY", kwin.display)
    name = "heattimer-no-mutter"
    bus = QDBusConnection.connectToBus(bus_address, name)  # a bus with no Mutter on it
    try:
        monitor = pick_idle_monitor(bus)
        assert isinstance(monitor, WaylandIdle)
        assert monitor.idle_seconds() == 0.0
        monitor.close()
    finally:
        QDBusConnection.disconnectFromBus(name)
