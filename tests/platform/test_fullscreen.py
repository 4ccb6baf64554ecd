"""Full-screen detection, for real: Xvfb, openbox as the window manager, an xmessage window.

The window is made full screen the way a video player or slide show asks for it:
a _NET_WM_STATE client message to the root window, which the window manager
obeys and records in the window's _NET_WM_STATE. (xdotool's ``windowstate``
would do the same, but Debian 12's xdotool 3.20160805 predates it.)
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest

from heattimer import x11
from heattimer.x11 import XA_ATOM, X11Probe, XConnection
from tests.e2e.desktop import ask_window_manager
from tests.platform.conftest import Processes, need, start_xvfb, wait_for

pytestmark = pytest.mark.desktop

REMOVE, ADD = 0, 1  # _NET_WM_STATE actions (EWMH)
TITLE = "heattimer-fullscreen-probe"


def ask_window_manager_for_fullscreen(display: str, window: int, on: bool) -> None:
    """Send the EWMH request that a full-screen video player sends."""
    conn = XConnection(display)
    fullscreen = conn.atom("_NET_WM_STATE_FULLSCREEN")
    conn.close()
    assert fullscreen
    # action, first property, second property, source (1: a normal application)
    ask_window_manager(display, window, "_NET_WM_STATE", ADD if on else REMOVE, fullscreen, 0, 1)


@pytest.fixture(scope="module")
def probe(openbox_display: str) -> Iterator[X11Probe]:
    found = X11Probe(openbox_display)
    try:
        yield found
    finally:
        found.close()


def test_without_a_window_manager_it_cannot_tell(processes: Processes) -> None:
    need("Xvfb")
    bare = X11Probe(start_xvfb(processes))
    assert bare.connection.ok
    assert bare.fullscreen_window_active() is None
    bare.close()


def test_asking_about_a_window_that_is_gone_answers_none_and_the_process_lives(
    openbox_display: str, probe: X11Probe
) -> None:
    # The active window may close between two requests. Xlib's default error handler
    # would print "BadWindow" and exit() the whole app right here.
    gone = 0x7FFFFFF  # an id no client on this fresh server has
    assert probe.connection.property_values(gone, "_NET_WM_STATE", XA_ATOM) is None
    # and the connection still serves the next request
    root = probe.connection.root
    assert probe.connection.property_values(root, "_NET_SUPPORTED", XA_ATOM) is not None


def _window_titled(display: str, title: str) -> int | None:
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
    openbox_display: str, probe: X11Probe, processes: Processes, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_for(lambda: probe.fullscreen_window_active() is not None, 10, "openbox to start")
    assert probe.fullscreen_window_active() is False  # a window manager, nothing focused

    env = {k: v for k, v in os.environ.items() if k != "WAYLAND_DISPLAY"}
    processes.start(
        "xmessage", "-title", TITLE, "a window", env={**env, "DISPLAY": openbox_display}
    )
    window = wait_for(lambda: _window_titled(openbox_display, TITLE), 10, "the xmessage window")
    assert isinstance(window, int)
    wait_for(lambda: probe.active_window() == window, 10, "openbox to focus the window")
    assert probe.fullscreen_window_active() is False

    ask_window_manager_for_fullscreen(openbox_display, window, on=True)
    wait_for(lambda: probe.fullscreen_window_active() is True, 10, "the full-screen state")

    # The module-level function the app calls asks the same server through $DISPLAY.
    monkeypatch.setenv("DISPLAY", openbox_display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert x11.fullscreen_window_active() is True
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert x11.fullscreen_window_active() is None  # XWayland does not see Wayland windows
    monkeypatch.delenv("WAYLAND_DISPLAY")

    ask_window_manager_for_fullscreen(openbox_display, window, on=False)
    wait_for(lambda: probe.fullscreen_window_active() is False, 10, "the normal state")
    assert x11.fullscreen_window_active() is False
