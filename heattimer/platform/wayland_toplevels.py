"""Is a full-screen window in front, on wlroots desktops: their foreign-toplevel protocol.

sway, Hyprland, labwc, river and Wayfire tell a client every window's state
(wlr-foreign-toplevel-management-unstable-v1, the protocol task bars use); GNOME and KDE
do not offer it. The bindings are generated from the protocol's XML
(heattimer/platform/protocols/), on the app's own connection
(heattimer/platform/wayland_client.py).

Rules:
- The answer is about the window that has the keyboard (the "activated" state), as on X11:
  a full-screen window on another output or behind does not hold a break back.
- A window's new state counts once the compositor has said "done" after it.
- Asking never waits for the compositor, and never raises: None when the connection is
  lost (the desktop cannot tell then).
"""

from __future__ import annotations

from typing import Any

from heattimer.platform.wayland_client import Connection, Objects

ACTIVATED = 2
FULLSCREEN = 3
"""The protocol's state values (its ``state`` enum)."""


class WaylandFullScreen:
    """Every window's state, as the compositor tells it; callable as a FullScreenProbe."""

    name = "Wayland (wlr foreign toplevel)"

    def __init__(self, connection: Connection, manager: Any) -> None:
        self._connection = connection
        self._windows = _Windows(connection.objects)
        manager.dispatcher["toplevel"] = self._windows.opened

    @classmethod
    def connect(cls, name: str | None = None) -> WaylandFullScreen | None:
        """A probe on the Wayland display ``name`` (default: $WAYLAND_DISPLAY), or None if
        there is none, pywayland is missing, or the compositor does not offer the protocol."""
        return Connection.made(name, cls._make)

    @classmethod
    def _make(cls, connection: Connection) -> WaylandFullScreen | None:
        from heattimer.platform.protocols.wlr_foreign_toplevel_management_unstable_v1 import (
            ZwlrForeignToplevelManagerV1,
        )

        manager = connection.bind(ZwlrForeignToplevelManagerV1)
        return None if manager is None else cls(connection, manager)

    def fileno(self) -> int:
        """The connection's socket, for the app's event loop to watch (-1 once closed); when
        it is readable, call ``read()`` (a compositor may drop a client that never reads)."""
        return self._connection.fileno()

    def read(self) -> bool:
        """Handle whatever the compositor has sent, never waiting; False once it is gone."""
        return self._connection.read()

    def __call__(self) -> bool | None:
        """True if the window that has the keyboard is full screen; None once the
        compositor is gone."""
        if not self.read():
            return None
        return any(
            ACTIVATED in states and FULLSCREEN in states for states in self._windows.states.values()
        )

    def close(self) -> None:
        """Leave the compositor: the app's connection to it closes, for every monitor on it
        (the probe answers None from then on)."""
        self._connection.close()


class _Windows:
    """Each open window's states, as of the compositor's last "done" for it."""

    def __init__(self, objects: Objects) -> None:
        self._objects = objects
        self.states: dict[int, frozenset[int]] = {}
        self._pending: dict[int, frozenset[int]] = {}

    def opened(self, _manager: object, handle: Any) -> None:
        key = id(self._objects.keep(handle))
        self.states[key] = frozenset()
        handle.dispatcher["state"] = lambda _h, data: self._pending.__setitem__(key, _values(data))
        handle.dispatcher["done"] = lambda _h: self._done(key)
        handle.dispatcher["closed"] = lambda h: self._closed(key, h)

    def _done(self, key: int) -> None:
        if key in self._pending:
            self.states[key] = self._pending.pop(key)

    def _closed(self, key: int, handle: Any) -> None:
        self.states.pop(key, None)
        self._pending.pop(key, None)
        self._objects.forget(handle)


def _values(data: bytes) -> frozenset[int]:
    """The protocol's array of 32-bit states, in the machine's byte order."""
    return frozenset(memoryview(data).cast("I")) if len(data) % 4 == 0 else frozenset()
