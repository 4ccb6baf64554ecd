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
- No Qt, no thread: what the compositor sent is read when its socket is readable (the app
  watches ``fileno()``) and whenever the app asks, never waiting for the compositor; the
  instants are the monotonic clock's.
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
        proxies: list[Any],
        timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``proxies``: the objects made on ``display``, oldest first, the idle
        notification last."""
        self._display: Display | None = display
        # pywayland lets the garbage collector free a connection before the objects on it
        # (a crash, seen at exit and after a collection): on collection and at exit, the
        # objects are destroyed first, then the connection. The compositor's words go to
        # a small record of their own, so the monitor itself is in no cycle.
        self._finalizer = weakref.finalize(self, _disconnect, display, proxies)
        self._timeout = timeout
        self._word = _Word(clock)
        proxies[-1].dispatcher["idled"] = self._word.idled
        proxies[-1].dispatcher["resumed"] = self._word.resumed

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
            number, offered_version = offered[PROTOCOL]
            # The lower of what the compositor offers and what this pywayland knows (0.4.18
            # knows version 1 only).
            version = min(offered_version, ExtIdleNotifierV1.version)
            notifier = registry.bind(number, ExtIdleNotifierV1, version)
            milliseconds = round(timeout * 1000)
            if version >= 2:
                notification = notifier.get_input_idle_notification(milliseconds, seat)
            else:
                notification = notifier.get_idle_notification(milliseconds, seat)
            monitor = cls(display, [registry, seat, notifier, notification], timeout, clock)
            if display.roundtrip() < 0:  # the compositor refused the request
                display.disconnect()
                return None
        except Exception:  # whatever a compositor or a pywayland does wrong: no monitor
            display.disconnect()
            return None
        return monitor

    def fileno(self) -> int:
        """The connection's socket, for the app's event loop to watch (-1 once closed); when
        it is readable, call ``read()``, so that "idle" is timed when it comes."""
        return -1 if self._display is None else self._display.get_fd()

    @property
    def idle_since(self) -> float | None:
        """When the compositor's "idle" was read (the clock's reading), while idle."""
        return self._word.idle_since

    def read(self) -> bool:
        """Handle whatever the compositor has sent, never waiting for it; False once the
        connection is gone (the monitor is closed then)."""
        display = self._display
        if display is None:
            return False
        try:
            display.dispatch(block=False)  # what was read already
            while select.select([display.get_fd()], [], [], 0)[0]:
                display.read()  # the socket has data (or was closed): this reads, not waits
                display.dispatch(block=False)
            display.flush()  # (never waits: a full socket buffer says so instead)
        except (RuntimeError, OSError, ValueError):
            self.close()
            return False
        return True

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
        """Leave the compositor (the monitor answers None from then on)."""
        self._display = None
        self._finalizer()


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


def _disconnect(display: Display, proxies: list[Any]) -> None:
    with contextlib.suppress(RuntimeError):
        for proxy in reversed(proxies):
            proxy.destroy()  # (the compositor is told, where the protocol has a destructor)
        display.disconnect()
