"""Idle time on Wayland desktops other than GNOME: the ext-idle-notify-v1 protocol.

KDE Plasma (5.27 and later), sway (1.8 and later), Hyprland, labwc, niri, river and
COSMIC offer it; GNOME's Mutter is asked over D-Bus instead (gui/desktop/mutter_idle.py).
A Wayland client is never told the idle time, only told: "no input for T" (``idled``)
and "input again" (``resumed``). So the time since the last input is known to within T
once T has passed, and under T it reads 0; the app only asks whether it is past the away
time (minutes, core/breaks.py), so T is well under the shortest away time.

Rules:
- The connection is the app's own (heattimer/platform/wayland_client.py), bound to the
  first seat. Version 2's "input idle" is used where offered: it counts input alone, so a
  video player that keeps the screen awake does not make the person look present.
- The instants are the monotonic clock's.
- ``idle_seconds()`` never raises: None when the connection is lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from heattimer.platform.wayland_client import Connection

PROTOCOL = "ext_idle_notifier_v1"
TIMEOUT = 30.0
"""Seconds without input before the compositor says so (well under the shortest away time)."""


class WaylandIdle:
    """The time since the last input, from ext-idle-notify-v1 on the session's compositor."""

    name = "Wayland (ext-idle-notify-v1)"

    def __init__(
        self,
        connection: Connection,
        notification: Any,
        timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._connection = connection
        self._timeout = timeout
        self._word = _Word(clock)
        notification.dispatcher["idled"] = self._word.idled
        notification.dispatcher["resumed"] = self._word.resumed

    @classmethod
    def connect(
        cls,
        name: str | None = None,
        timeout: float = TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> WaylandIdle | None:
        """A monitor on the Wayland display ``name`` (default: $WAYLAND_DISPLAY), or None
        if there is none, pywayland is missing, or the compositor does not offer the protocol."""

        def make(connection: Connection) -> WaylandIdle | None:
            from pywayland.protocol.ext_idle_notify_v1 import ExtIdleNotifierV1
            from pywayland.protocol.wayland import WlSeat

            # (A pywayland that knows only version 1, 0.4.18, binds version 1.)
            version = connection.version(ExtIdleNotifierV1)
            seat = connection.bind(WlSeat, 1)
            if seat is None or version is None:
                return None
            notifier = connection.bind(ExtIdleNotifierV1, version)
            milliseconds = round(timeout * 1000)
            if version >= 2:
                notification = notifier.get_input_idle_notification(milliseconds, seat)
            else:
                notification = notifier.get_idle_notification(milliseconds, seat)
            return cls(connection, connection.objects.keep(notification), timeout, clock)

        return Connection.made(name, make)

    def fileno(self) -> int:
        """The connection's socket, for the app's event loop to watch (-1 once closed); when
        it is readable, call ``read()``, so that "idle" is timed when it comes."""
        return self._connection.fileno()

    @property
    def idle_since(self) -> float | None:
        """When the compositor's "idle" was read (the clock's reading), while idle."""
        return self._word.idle_since

    def read(self) -> bool:
        """Handle whatever the compositor has sent, never waiting for it; False once the
        connection is gone (the monitor is closed then)."""
        return self._connection.read()

    def idle_seconds(self) -> float | None:
        """Seconds since the last input (0 under the timeout; right after connecting,
        counted from the connection); None once the compositor is gone."""
        if not self.read():
            return None
        since = self._word.idle_since
        if since is None:
            return 0.0
        return self._timeout + max(0.0, self._word.clock() - since)

    def close(self) -> None:
        """Leave the compositor: the app's connection to it closes, for every monitor on it
        (the monitor answers None from then on)."""
        self._connection.close()


class _Word:
    """What the compositor said last: "idle" (when it was read), or input again."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.idle_since: float | None = None
        """When "idle" was read (the last input was the timeout before), or None. Until the
        first input after connecting, the connection counts as the last."""

    def idled(self, _notification: object) -> None:
        self.idle_since = self.clock()

    def resumed(self, _notification: object) -> None:
        self.idle_since = None
