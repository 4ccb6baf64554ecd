"""Without a display, or on another OS's probe, every answer is "cannot tell", never an error."""

from __future__ import annotations

import subprocess
import sys

import pytest

from heattimer.platform.idle import (
    FakeIdle,
    MacIdle,
    NullIdle,
    WindowsIdle,
    system_idle_monitor,
)
from heattimer.platform.x11 import X11Desktop


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11 desktops only")
def test_without_display_there_is_no_idle_source(no_display: None) -> None:
    chosen = system_idle_monitor()
    assert isinstance(chosen, NullIdle)
    assert chosen.name == "none"
    assert chosen.idle_seconds() is None


def test_without_a_display_the_x11_probe_cannot_tell() -> None:
    probe = X11Desktop(0)  # what the app has when Qt runs on no X server
    assert not probe.usable
    assert probe.idle_seconds() is None
    assert probe.active_window() is None
    assert probe.fullscreen_window_active() is None


@pytest.mark.skipif(sys.platform == "win32", reason="checks the probe off Windows")
def test_the_windows_probe_is_harmless_elsewhere() -> None:
    assert WindowsIdle.name == "Windows"
    assert WindowsIdle().idle_seconds() is None


@pytest.mark.skipif(sys.platform == "darwin", reason="checks the probe off macOS")
def test_the_macos_probe_is_harmless_elsewhere() -> None:
    assert MacIdle.name == "macOS"
    assert MacIdle().idle_seconds() is None


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11 desktops only")
def test_off_windows_and_macos_their_probes_are_never_chosen() -> None:
    assert not isinstance(system_idle_monitor(X11Desktop(0)), WindowsIdle | MacIdle)


def test_the_fake_says_what_the_test_set() -> None:
    fake = FakeIdle()
    assert fake.name == "fake"
    assert fake.idle_seconds() == 0.0
    fake.seconds = 301.5
    assert fake.idle_seconds() == 301.5
    fake.seconds = None
    assert fake.idle_seconds() is None


def test_importing_the_idle_probes_loads_neither_ctypes_nor_qt() -> None:
    code = (
        "import sys\n"
        "import heattimer.platform.idle\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ctypes', 'PySide6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
