"""Real X servers and a private D-Bus for the platform probes, started and stopped by the tests.

Xvfb picks its own free display (``-displayfd``), so two runs never collide.
A missing program skips its tests with the reason, unless
HEATTIMER_REQUIRE_DESKTOP=1 (as `.ci/run` sets), when it fails them.
"""

from __future__ import annotations

import os

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the Mutter tests need a Qt app, not a screen

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import start_xvfb as start_display
from tests.e2e.desktop import stop_all, wait_for
from tests.needs import require

HERE = Path(__file__).resolve().parent


def need(*programs: str) -> None:
    """Skip (or, under HEATTIMER_REQUIRE_DESKTOP=1, fail) unless these are installed."""
    require([name for name in programs if shutil.which(name) is None], "this platform test")


class Processes:
    """Child processes a test started; each is stopped, by its own id, on exit."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, *argv: str, **kwargs: object) -> subprocess.Popen[bytes]:
        """Start ``argv`` with its output dropped (unless kwargs say otherwise)."""
        options: dict[str, object] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        options.update(kwargs)
        proc = subprocess.Popen(argv, **options)  # type: ignore[call-overload]
        self.started.append(proc)
        return proc

    def stop(self) -> None:
        """Terminate every process started here, newest first."""
        stop_all(self.started)


def start_xvfb(processes: Processes, *extra: str) -> str:
    """Start an Xvfb on a display it picks itself; return its name (":N") once it listens."""
    proc, number = start_display("640x480", *extra)
    processes.started.append(proc)
    return f":{number}"


def run(display: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run a client (xdotool, ...) on ``display`` and wait for it; fail on error."""
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    env["DISPLAY"] = display
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=10)
    assert done.returncode == 0, f"{argv}: {done.stderr}"
    return done


@pytest.fixture(scope="module")
def processes() -> Iterator[Processes]:
    """The module's child processes, stopped when its tests are done."""
    started = Processes()
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="module")
def xvfb(processes: Processes) -> str:
    """A bare X server (no window manager), shared by a module's tests."""
    need("Xvfb", "xdotool")
    return start_xvfb(processes)


@pytest.fixture(scope="module")
def openbox_display(processes: Processes) -> str:
    """An X server with openbox managing its windows (EWMH: active window, window states)."""
    need("Xvfb", "openbox", "xmessage")
    display = start_xvfb(processes)
    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    processes.start("openbox", env={**env, "DISPLAY": display})
    return display


@pytest.fixture(scope="module")
def bus_address(processes: Processes) -> str:
    """A private session bus of our own (the desktop's own bus is never touched)."""
    need("dbus-daemon")
    daemon = processes.start(
        "dbus-daemon", "--session", "--nofork", "--print-address=1", stdout=subprocess.PIPE
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().decode().strip()
    assert address, "dbus-daemon printed no address"
    return address


def start_fake_mutter(processes: Processes, address: str, idle_file: Path) -> None:
    """Serve org.gnome.Mutter.IdleMonitor on ``address`` (tests/platform/fake_mutter.py)."""
    processes.start(sys.executable, str(HERE / "fake_mutter.py"), address, str(idle_file))


__all__ = ["Processes", "need", "run", "start_fake_mutter", "start_xvfb", "wait_for"]
