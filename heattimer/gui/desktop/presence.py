"""What the desktop tells of the person: the time since the last input, and whether a
full-screen window (or a video, or a presentation) is in front. The app's pick of each
source, per desktop (README, "What each desktop gives the app").

Rules:
- On Wayland (also for an app under XWayland, whose X server sees no Wayland window or
  input), the compositor's or the session's own sources come first; then X11's.
- A source on a Wayland connection of the app's own is read whenever its socket is
  readable (Qt's event loop watches it): "idle" is timed when the compositor says it, and a
  compositor never waits on a client that does not read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Protocol

from heattimer.gui.desktop.mutter_idle import MutterIdle
from heattimer.platform.idle import system_idle_monitor
from heattimer.platform.ports import IdleMonitor

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

    from heattimer.platform.wayland_idle import WaylandIdle
    from heattimer.platform.wayland_toplevels import WaylandFullScreen
    from heattimer.platform.x11 import X11Desktop


class Readable(Protocol):
    """A connection of the app's own: its socket, and reading what came on it."""

    def fileno(self) -> int: ...

    def read(self) -> bool: ...


class Watched:
    """Qt's event loop reads ``source`` whenever its socket is readable, until it is gone:
    one watch per socket (the idle monitor and the window list share one connection)."""

    _by_socket: ClassVar[dict[int, Watched]] = {}

    def __init__(self, source: Readable) -> None:
        from PySide6.QtCore import QSocketNotifier

        self._source = source
        self._socket = source.fileno()
        self._watch = QSocketNotifier(self._socket, QSocketNotifier.Type.Read)
        self._watch.activated.connect(self._read)

    @classmethod
    def of(cls, source: Readable) -> Watched:
        """The watch on ``source``'s socket, made at the first ask."""
        watched = cls._by_socket.get(source.fileno())
        if watched is None or not watched._watch.isEnabled():
            watched = cls._by_socket[source.fileno()] = cls(source)
        return watched

    def _read(self) -> None:
        if not self._source.read():
            self.stop()

    def stop(self) -> None:
        """Stop watching (the socket is closed: nothing more to read)."""
        self._watch.setEnabled(False)
        if self._by_socket.get(self._socket) is self:
            del self._by_socket[self._socket]


def pick_idle_monitor(
    bus: QDBusConnection | None = None, x11: IdleMonitor | None = None
) -> IdleMonitor:
    """The app's idle source. On Wayland: Mutter if it answers, else the compositor's
    ext-idle-notify-v1 (heattimer/platform/wayland_idle.py); then heattimer.platform.idle's
    choice (``x11``: the X server's, on the app's display)."""
    if os.environ.get("WAYLAND_DISPLAY"):
        from heattimer.platform.wayland_idle import WaylandIdle

        mutter = MutterIdle.available(bus)
        if mutter is not None:
            return mutter
        compositor = WaylandIdle.connect()
        if compositor is not None:
            return WatchedIdle(compositor)
    return system_idle_monitor(x11)


class WatchedIdle:
    """The compositor's idle time, its socket watched by Qt's event loop: "idle" is timed
    when the compositor sends it, not at the app's next look (up to a minute later)."""

    def __init__(self, monitor: WaylandIdle) -> None:
        self.watch = Watched.of(monitor)
        self.monitor = monitor
        self.name = monitor.name

    def idle_seconds(self) -> float | None:
        """As the compositor said (heattimer/platform/wayland_idle.py)."""
        seconds = self.monitor.idle_seconds()
        if seconds is None:
            self.watch.stop()
        return seconds


class FullScreen:
    """The app's full-screen probe, with the name of its source ("none": cannot tell)."""

    def __init__(self, name: str, probe: Callable[[], bool | None]) -> None:
        self.name = name
        self._probe = probe

    def __call__(self) -> bool | None:
        """True if a full-screen window (or, on GNOME and KDE under Wayland, a video or a
        presentation keeping the session awake) is in front; None where it cannot tell."""
        return self._probe()


class WatchedFullScreen:
    """The compositor's list of windows, its socket watched by Qt's event loop."""

    def __init__(self, probe: WaylandFullScreen) -> None:
        self.watch = Watched.of(probe)
        self.probe = probe
        self.name = probe.name

    def __call__(self) -> bool | None:
        """As the compositor said (heattimer/platform/wayland_toplevels.py)."""
        answer = self.probe()
        if answer is None:
            self.watch.stop()
        return answer


def pick_fullscreen_probe(
    x11: X11Desktop | None = None, bus: str = "SESSION"
) -> FullScreen | WatchedFullScreen:
    """On Wayland: the compositor's list of windows (wlroots' foreign-toplevel protocol),
    else the session's idle inhibitors (GNOME, KDE); then the X server's active window."""
    if os.environ.get("WAYLAND_DISPLAY"):
        from heattimer.platform.inhibitors import SessionInhibited
        from heattimer.platform.wayland_toplevels import WaylandFullScreen

        windows = WaylandFullScreen.connect()
        if windows is not None:
            return WatchedFullScreen(windows)
        inhibited = SessionInhibited.available(bus)
        if inhibited is not None:
            return FullScreen(inhibited.name, inhibited)
    if x11 is not None:
        return FullScreen("X11 (the active window's state)", x11.fullscreen_window_active)
    return FullScreen("none", lambda: None)
