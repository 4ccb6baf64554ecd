"""Without a display, or on another OS's probe, every answer is "cannot tell", never an error."""

from __future__ import annotations

import subprocess
import sys

import pytest

from heattimer import x11
from heattimer.idle import (
    FakeIdle,
    MacIdle,
    NullIdle,
    WindowsIdle,
    X11Idle,
    system_idle_monitor,
)
from heattimer.x11 import X11Probe


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


def test_without_display_fullscreen_cannot_be_told(no_display: None) -> None:
    assert x11.fullscreen_window_active() is None


def test_a_display_that_does_not_exist_answers_none() -> None:
    nowhere = "/nonexistent/heattimer-socket:0"  # a unix socket path that cannot exist
    assert X11Idle(nowhere).idle_seconds() is None
    assert X11Idle("").idle_seconds() is None
    probe = X11Probe(nowhere)
    assert not probe.connection.ok
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
def test_off_windows_and_macos_their_probes_are_never_chosen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for display in ("", "/nonexistent/heattimer-socket:0"):
        monkeypatch.setenv("DISPLAY", display)
        assert not isinstance(system_idle_monitor(), WindowsIdle | MacIdle)


def test_the_fake_says_what_the_test_set() -> None:
    fake = FakeIdle()
    assert fake.name == "fake"
    assert fake.idle_seconds() == 0.0
    fake.seconds = 301.5
    assert fake.idle_seconds() == 301.5
    fake.seconds = None
    assert fake.idle_seconds() is None


def test_importing_the_probes_loads_neither_ctypes_nor_qt() -> None:
    code = (
        "import sys\n"
        "import heattimer.idle, heattimer.x11\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ctypes', 'PySide6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
