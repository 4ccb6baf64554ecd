"""A connection of the app's own to the Wayland compositor, beside Qt's, for the protocols
Qt does not speak for it (idle time, other clients' windows), through pywayland: its
bindings, generated from each protocol's XML, on its own copy of libwayland-client.

Rules:
- No Qt, no thread: what the compositor sent is read when its socket is readable (the app
  watches ``fileno()``) and whenever a monitor is asked, never waiting for the compositor.
- ``open()`` and ``bind()`` never raise for a missing compositor, library or protocol:
  they answer None. ``read()`` never raises: False once the connection is lost.
- One connection per display in the app, shared by the monitors on it: pywayland gives an
  object the compositor creates (a window's handle) the display of whichever connection
  it finds first, so a second connection to the same compositor would get the first's
  objects and lose them when the first closes.
- pywayland lets the garbage collector free a connection before the objects on it (a
  crash, seen at exit and after a collection): on collection and at exit the objects are
  destroyed first, newest first, then the connection. Whoever hears the compositor's
  events keeps what it heard in an object of its own, which may hold ``objects`` but not
  the connection, so no connection is in a cycle.
"""

from __future__ import annotations

import contextlib
import os
import select
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pywayland.client.display import Display
    from pywayland.protocol_core.interface import Interface

Bound = TypeVar("Bound")
Made = TypeVar("Made")


class Connection:
    """The compositor's socket, the globals it offers, and the objects made on it."""

    def __init__(self, display: Display, offered: dict[str, tuple[int, int]], registry: Any):
        self._display: Display | None = display
        self.offered = offered
        """Each global interface's name: (its number, the version offered)."""
        self._registry = registry
        self.objects = Objects(registry)
        """The objects made on the connection, destroyed before it."""
        self._finalizer = weakref.finalize(self, _disconnect, display, self.objects)

    @classmethod
    def open(cls, name: str | None = None) -> Connection | None:
        """The app's connection to the display ``name`` (default: $WAYLAND_DISPLAY), with
        the globals it offers: the one already open, or a new one; None if pywayland is
        missing or there is no such compositor."""
        key = name or os.environ.get("WAYLAND_DISPLAY", "")
        shared = _OPEN.get(key)
        if shared is not None and not shared.closed:
            return shared
        connection = cls._connect(name)
        if connection is not None:
            _OPEN[key] = connection
        return connection

    @classmethod
    def _connect(cls, name: str | None) -> Connection | None:
        try:
            from pywayland.client.display import Display
        except ImportError:  # not installed here, or its library cannot load
            return None
        display = Display(name)
        try:
            display.connect()
        except ValueError:  # no such display
            return None
        offered: dict[str, tuple[int, int]] = {}

        def announced(_registry: object, number: int, interface: str, version: int) -> None:
            offered.setdefault(interface, (number, version))

        try:
            registry = display.get_registry()
            registry.dispatcher["global"] = announced
            if display.roundtrip() < 0:
                display.disconnect()
                return None
        except Exception:  # whatever a compositor or a pywayland does wrong: no connection
            display.disconnect()
            return None
        return cls(display, offered, registry)

    @classmethod
    def made(cls, name: str | None, make: Callable[[Connection], Made | None]) -> Made | None:
        """What ``make`` makes on a new connection to the display ``name``, once the
        compositor has handled what it asked for (and sent what it has to say); None, the
        connection closed, if there is no compositor, ``make`` gives None, or the
        compositor refuses a request."""
        key = name or os.environ.get("WAYLAND_DISPLAY", "")
        in_use = key in _OPEN and not _OPEN[key].closed
        connection = cls.open(name)
        if connection is None:
            return None
        try:
            made = make(connection)
            if made is not None and connection.roundtrip():
                return made
        except Exception:  # whatever a compositor or a pywayland does wrong: nothing made
            pass
        if not in_use:  # (one another monitor uses stays open for it)
            connection.close()
        return None

    def version(self, interface: type[Interface]) -> int | None:
        """The version to bind ``interface`` (a pywayland Interface class) at: the lower of
        what the compositor offers and what these bindings know; None if not offered."""
        number_version = self.offered.get(interface.name)
        if number_version is None:
            return None
        return min(number_version[1], interface.version)

    def bind(self, interface: type[Interface], version: int | None = None) -> Any:
        """The global ``interface`` bound (at ``version``, default ``self.version()``),
        or None if the compositor does not offer it."""
        offered = self.version(interface)
        if offered is None:
            return None
        number = self.offered[interface.name][0]
        return self.objects.keep(self._registry.bind(number, interface, version or offered))

    def roundtrip(self) -> bool:
        """Wait for the compositor to handle every request sent (used while connecting
        only); False if it refused one or is gone."""
        display = self._display
        try:
            return display is not None and display.roundtrip() >= 0
        except Exception:
            return False

    def fileno(self) -> int:
        """The socket, for the app's event loop to watch (-1 once closed); when it is
        readable, call ``read()``."""
        return -1 if self._display is None else self._display.get_fd()

    def read(self) -> bool:
        """Handle whatever the compositor has sent, never waiting for it; False once the
        connection is gone (it is closed then)."""
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

    @property
    def closed(self) -> bool:
        return self._display is None

    def close(self) -> None:
        """Leave the compositor."""
        self._display = None
        self._finalizer()


class Objects:
    """The objects made on one connection, newest last."""

    def __init__(self, *first: Any) -> None:
        self._proxies = list(first)

    def keep(self, proxy: Bound) -> Bound:
        """``proxy`` (made on this connection) is destroyed with it, before it."""
        self._proxies.append(proxy)
        return proxy

    def forget(self, proxy: Any) -> None:
        """Destroy ``proxy`` now (the compositor is told), e.g. once the compositor said
        the thing it stands for is gone."""
        if proxy in self._proxies:
            self._proxies.remove(proxy)
            with contextlib.suppress(RuntimeError, ValueError):  # (destroyed already)
                proxy.destroy()

    def destroy(self) -> None:
        """Destroy every object, newest first (the compositor is told, where the protocol
        has a destructor)."""
        while self._proxies:
            with contextlib.suppress(RuntimeError, ValueError):  # (destroyed already)
                self._proxies.pop().destroy()


_OPEN: weakref.WeakValueDictionary[str, Connection] = weakref.WeakValueDictionary()
"""The open connection to each display (by its name), while a monitor uses it."""


def _disconnect(display: Display, objects: Objects) -> None:
    try:
        objects.destroy()
    finally:
        with contextlib.suppress(RuntimeError, ValueError):
            display.disconnect()
