"""Idle time on Wayland desktops other than GNOME: the ext-idle-notify-v1 protocol.

KDE Plasma (5.27 and later), sway (1.8 and later), Hyprland, labwc, niri, river and
COSMIC offer it; GNOME's Mutter is asked over D-Bus instead (gui/desktop/mutter_idle.py).
A Wayland client is never told the idle time, only told: "no input for T" (``idled``)
and "input again" (``resumed``). So the time since the last input is known to within T
once T has passed, and under T it reads 0; the app only asks whether it is past the away
time (minutes, core/breaks.py), so T is well under the shortest away time.

Rules:
- The protocol is pywayland's (its bindings, generated from the protocol's XML, on its
  own copy of libwayland-client): a connection of our own beside Qt's, bound to the first
  seat. Version 2's "input idle" is used where offered: it counts input alone, so a video
  player that keeps the screen awake does not make the person look present.
- No Qt, no thread: what the compositor sent is read when the app asks (at least once a
  minute), never waiting for the compositor; the instants are the monotonic clock's.
- ``idle_seconds()`` never raises: None when the connection is lost.
"""

from __future__ import annotations

import contextlib
import select
import time
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pywayland.client.display import Display

PROTOCOL = "ext_idle_notifier_v1"
TIMEOUT = 30.0
"""Seconds without input before the compositor says so (well under the shortest away time)."""


class WaylandIdle:
    """The time since the last input, from ext-idle-notify-v1 on the session's compositor."""

    name = "Wayland (ext-idle-notify-v1)"

    def __init__(
        self,
        display: Display,
        notification: Any,
        timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._display: Display | None = display
        # pywayland frees a connection before the objects on it unless it is closed
        # first (a crash when Python exits): closed on collection and at exit.
        self._finalizer = weakref.finalize(self, _disconnect, display)
        self._timeout = timeout
        self._clock = clock
        self._idle_since: float | None = None
        """When the compositor said "idle" (the last input was ``timeout`` before), or None."""
        self._notification = notification
        notification.dispatcher["idled"] = self._idled
        notification.dispatcher["resumed"] = self._resumed

    @classmethod
    def connect(
        cls,
        name: str | None = None,
        timeout: float = TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> WaylandIdle | None:
        """A monitor on the Wayland display ``name`` (default: $WAYLAND_DISPLAY), or None
        if there is none, pywayland is missing, or the compositor does not offer the protocol."""
        try:
            from pywayland.client.display import Display
            from pywayland.protocol.ext_idle_notify_v1 import ExtIdleNotifierV1
            from pywayland.protocol.wayland import WlSeat
        except ImportError:  # not installed here, or its library cannot load
            return None
        display = Display(name)
        try:
            display.connect()
        except ValueError:  # no such display
            return None
        try:
            offered: dict[str, tuple[int, int]] = {}
            registry = display.get_registry()

            def announced(_registry: object, number: int, interface: str, version: int) -> None:
                offered.setdefault(interface, (number, version))

            registry.dispatcher["global"] = announced
            if display.roundtrip() < 0 or PROTOCOL not in offered or "wl_seat" not in offered:
                display.disconnect()
                return None
            seat = registry.bind(offered["wl_seat"][0], WlSeat, 1)
            number, version = offered[PROTOCOL]
            notifier = registry.bind(number, ExtIdleNotifierV1, min(version, 2))
            milliseconds = round(timeout * 1000)
            if version >= 2:
                notification = notifier.get_input_idle_notification(milliseconds, seat)
            else:
                notification = notifier.get_idle_notification(milliseconds, seat)
            monitor = cls(display, notification, timeout, clock)
            if display.roundtrip() < 0:  # the compositor refused the request
                display.disconnect()
                return None
        except RuntimeError:
            display.disconnect()
            return None
        return monitor

    def _idled(self, _notification: object) -> None:
        self._idle_since = self._clock()

    def _resumed(self, _notification: object) -> None:
        self._idle_since = None

    def _read(self) -> bool:
        """Handle whatever the compositor has sent, without waiting; False once the
        connection is gone."""
        display = self._display
        if display is None:
            return False
        try:
            while select.select([display.get_fd()], [], [], 0)[0]:
                display.dispatch(block=True)  # the socket has data: this reads, not waits
            display.flush()
        except (RuntimeError, OSError, ValueError):
            self.close()
            return False
        return True

    def idle_seconds(self) -> float | None:
        """Seconds since the last input (0 under the timeout); None once the compositor is
        gone."""
        if not self._read():
            return None
        if self._idle_since is None:
            return 0.0
        return self._timeout + max(0.0, self._clock() - self._idle_since)

    def close(self) -> None:
        """Leave the compositor (the monitor answers None from then on)."""
        self._display = None
        self._finalizer()


def _disconnect(display: Display) -> None:
    with contextlib.suppress(RuntimeError):
        display.disconnect()
