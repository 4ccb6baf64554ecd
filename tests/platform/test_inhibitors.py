"""Is the session kept awake on purpose (a video, a presentation): GNOME's answer from the
real gnome-session, with gnome-session-inhibit holding an idle inhibitor as a video player
does; KDE's from a stand-in on a private bus that serves powerdevil's name, path, interface
and method (powerdevil itself needs a whole Plasma session)."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

from heattimer.platform.inhibitors import GNOME, KDE, TIMEOUT_S, SessionInhibited
from tests.e2e.gnome_session import GnomeSession
from tests.platform.conftest import Processes, wait_for

HERE = Path(__file__).parent


def test_gnome_says_while_something_keeps_the_session_awake() -> None:
    with GnomeSession() as gnome:
        probe = SessionInhibited.available(gnome.bus)
        assert probe is not None
        assert probe() is False
        assert probe.source is GNOME
        film = gnome.inhibit_idle()
        wait_for(probe, 10, "the inhibitor to be told")
        film.terminate()
        film.wait(timeout=5)
        wait_for(lambda: probe() is False, 10, "the inhibitor to be gone")
        gnome.__exit__()  # the session manager ends (and its bus)
        assert probe() is None


def test_kde_s_power_manager_answers_for_a_video_not_for_music(
    bus_address: str, processes: Processes, tmp_path: Path
) -> None:
    inhibited = tmp_path / "inhibited"
    inhibited.write_text("4")  # a video player: the screen must not dim or lock
    argv = (sys.executable, str(HERE / "fake_powerdevil.py"), bus_address, str(inhibited))
    stand_in = processes.start(*argv)
    probe = wait_for(lambda: SessionInhibited.available(bus_address), 15, "the stand-in")
    assert probe is not None and probe.source is KDE
    assert probe() is True
    inhibited.write_text("1")  # music, a download: only suspend is held off
    assert probe() is False
    inhibited.write_text("0")
    assert probe() is False
    assert probe.name == KDE.name
    stand_in.terminate()
    stand_in.wait(timeout=10)
    assert probe() is None  # powerdevil gone: cannot tell


def test_nothing_on_the_bus_or_no_bus_is_cannot_tell(bus_address: str) -> None:
    assert SessionInhibited.available(bus_address) is None
    assert SessionInhibited.available("unix:path=/nonexistent/heattimer-bus") is None
    assert SessionInhibited("unix:path=/nonexistent/heattimer-bus")() is None


def test_a_bus_that_never_answers_holds_the_app_up_no_longer_than_the_timeout(
    tmp_path: Path,
) -> None:
    path = tmp_path / "stuck-bus"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.listen()  # takes the connection, then never says a word
    probe = SessionInhibited(f"unix:path={path}")
    start = time.monotonic()
    assert probe() is None
    assert time.monotonic() - start < TIMEOUT_S + 0.3
    server.close()
