"""X11 through Xlib, called with ctypes: no Qt, no third-party package.

Rules:
- Nothing here raises. A missing library, display, window manager or property
  reads as None: "cannot tell".
- ctypes and the libraries load on first use, never at import, so the CLI's
  start-up pays nothing for them.
- An ``XConnection`` is a Display of our own (Qt keeps its own), opened once and
  kept for reuse. Use it from one thread (the GUI's).
- Xlib's default error handler ends the process, and a window may close between
  two of our requests; so our requests run with a handler of ours that notes the
  error instead, installed only for their duration.
"""

from __future__ import annotations

import os
import sys

from heattimer.core.record import TYPE_CHECKING

if TYPE_CHECKING:
    import ctypes
    from collections.abc import Callable
    from typing import TypeVar

    T = TypeVar("T")

XA_ATOM = 4  # predefined atoms (X11/Xatom.h): they need no round trip to the server
XA_WINDOW = 33
_SUCCESS = 0

_libraries: dict[str, ctypes.CDLL | None] = {}


def _open_library(soname: str, short: str) -> ctypes.CDLL | None:
    import ctypes

    try:
        return ctypes.CDLL(soname)
    except OSError:
        pass
    import ctypes.util  # spawns ldconfig: only when the usual name is not there (BSDs)

    found = ctypes.util.find_library(short)
    if not found:
        return None
    try:
        return ctypes.CDLL(found)
    except OSError:
        return None


def xlib() -> ctypes.CDLL | None:
    """libX11 with the prototypes we call, or None when it is not installed."""
    if "X11" not in _libraries:
        lib = _open_library("libX11.so.6", "X11")
        try:
            if lib is not None:
                _prototypes_x11(lib)
        except AttributeError:  # a symbol is missing: not a usable Xlib
            lib = None
        _libraries["X11"] = lib
    return _libraries["X11"]


def _prototypes_x11(lib: ctypes.CDLL) -> None:
    # Without argtypes and restype, ctypes passes and returns C ints: 64-bit pointers
    # and XIDs would be cut in half.
    from ctypes import POINTER, c_char_p, c_int, c_long, c_ulong, c_void_p

    lib.XOpenDisplay.argtypes = [c_char_p]
    lib.XOpenDisplay.restype = c_void_p
    lib.XCloseDisplay.argtypes = [c_void_p]
    lib.XCloseDisplay.restype = c_int
    lib.XDefaultRootWindow.argtypes = [c_void_p]
    lib.XDefaultRootWindow.restype = c_ulong
    lib.XInternAtom.argtypes = [c_void_p, c_char_p, c_int]
    lib.XInternAtom.restype = c_ulong
    lib.XGetWindowProperty.argtypes = [
        c_void_p,  # display
        c_ulong,  # window
        c_ulong,  # property
        c_long,  # offset, in 32-bit units
        c_long,  # length, in 32-bit units
        c_int,  # delete
        c_ulong,  # requested type
        POINTER(c_ulong),  # actual type
        POINTER(c_int),  # actual format
        POINTER(c_ulong),  # number of items
        POINTER(c_ulong),  # bytes after
        POINTER(c_void_p),  # data, to XFree
    ]
    lib.XGetWindowProperty.restype = c_int
    lib.XFree.argtypes = [c_void_p]
    lib.XFree.restype = c_int
    lib.XSync.argtypes = [c_void_p, c_int]
    lib.XSync.restype = c_int
    lib.XSetErrorHandler.argtypes = [c_void_p]
    lib.XSetErrorHandler.restype = c_void_p


def xss() -> ctypes.CDLL | None:
    """libXss (the MIT-SCREEN-SAVER extension's client side), or None when not installed."""
    if "Xss" not in _libraries:
        from ctypes import POINTER, c_int, c_ulong, c_void_p

        lib = _open_library("libXss.so.1", "Xss")
        try:
            if lib is not None:
                lib.XScreenSaverQueryExtension.argtypes = [c_void_p, POINTER(c_int), POINTER(c_int)]
                lib.XScreenSaverQueryExtension.restype = c_int
                lib.XScreenSaverQueryInfo.argtypes = [c_void_p, c_ulong, c_void_p]
                lib.XScreenSaverQueryInfo.restype = c_int
        except AttributeError:
            lib = None
        _libraries["Xss"] = lib
    return _libraries["Xss"]


class XConnection:
    """A Display of our own on an X server (``$DISPLAY`` unless named); ``ok`` says if it opened."""

    def __init__(self, display: str | None = None) -> None:
        self.display = display if display is not None else os.environ.get("DISPLAY", "")
        self.lib: ctypes.CDLL | None = None
        self.handle: int | None = None
        self.root = 0
        self._atoms: dict[str, int] = {}
        lib = xlib() if self.display else None
        if lib is None:
            return
        handle = lib.XOpenDisplay(self.display.encode())
        if handle:
            self.lib, self.handle = lib, handle
            self.root = lib.XDefaultRootWindow(handle)

    @property
    def ok(self) -> bool:
        """True while the Display is open."""
        return self.handle is not None

    def close(self) -> None:
        """Close the Display; every later request answers None."""
        if self.lib is not None and self.handle is not None:
            self.lib.XCloseDisplay(self.handle)
        self.handle = None

    def guarded(self, request: Callable[[ctypes.CDLL, int], T]) -> T | None:
        """``request(lib, display)``, or None if the Display is closed or the server said error."""
        lib, handle = self.lib, self.handle
        if lib is None or handle is None:
            return None
        import ctypes

        errors: list[int] = []

        def note(_display: int | None, _event: int | None) -> int:
            errors.append(1)
            return 0  # Xlib ignores the return value; returning at all keeps the process alive

        handler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(note)
        previous = lib.XSetErrorHandler(ctypes.cast(handler, ctypes.c_void_p))
        try:
            result = request(lib, handle)
            lib.XSync(handle, 0)  # errors of our requests arrive before our handler leaves
        finally:
            lib.XSetErrorHandler(previous)
        return None if errors else result

    def atom(self, name: str) -> int | None:
        """The atom called ``name`` (created if the server has none yet), or None."""
        if name not in self._atoms:
            value = self.guarded(lambda lib, dpy: int(lib.XInternAtom(dpy, name.encode(), 0)))
            if not value:
                return None
            self._atoms[name] = value
        return self._atoms[name]

    def property_values(self, window: int, name: str, kind: int) -> list[int] | None:
        """The 32-bit values of ``window``'s property ``name`` of type ``kind``.

        [] when the window has no such property; None when the window is gone, the
        property has another type or format, or the server cannot be asked.
        """
        prop = self.atom(name)
        if prop is None:
            return None
        return self.guarded(lambda lib, dpy: _read_property(lib, dpy, window, prop, kind))


def _read_property(
    lib: ctypes.CDLL, dpy: int, window: int, prop: int, kind: int
) -> list[int] | None:
    from ctypes import POINTER, byref, c_int, c_ulong, c_void_p, cast

    actual_type, actual_format = c_ulong(), c_int()
    count, after, data = c_ulong(), c_ulong(), c_void_p()
    status = lib.XGetWindowProperty(
        dpy,
        window,
        prop,
        0,
        1024,  # 32-bit units: far more than any list of window states
        0,
        kind,
        byref(actual_type),
        byref(actual_format),
        byref(count),
        byref(after),
        byref(data),
    )
    if status != _SUCCESS:
        return None
    try:
        if actual_type.value == 0:  # None: the window has no such property
            return []
        if actual_type.value != kind or actual_format.value != 32:
            return None
        # Format 32 comes back as C longs, 64 bits wide on 64-bit systems (Xlib's rule).
        values = cast(data, POINTER(c_ulong))
        return [values[i] for i in range(count.value)]
    finally:
        if data.value:
            lib.XFree(data)


class X11Probe:
    """Asks the X server and its window manager what the desktop is doing."""

    def __init__(self, display: str | None = None) -> None:
        self.connection = XConnection(display)

    @property
    def display(self) -> str:
        """The display this probe asks."""
        return self.connection.display

    def active_window(self) -> int | None:
        """The window the window manager calls active; 0 for none; None when it cannot tell."""
        conn = self.connection
        if not conn.ok:
            return None
        found = conn.property_values(conn.root, "_NET_ACTIVE_WINDOW", XA_WINDOW)
        if found is None:
            return None
        if found:
            return found[0]
        # Unset: a window manager that supports it has not focused anything yet (openbox
        # at start); with no such window manager there is no telling.
        supported = conn.property_values(conn.root, "_NET_SUPPORTED", XA_ATOM)
        return 0 if supported and conn.atom("_NET_ACTIVE_WINDOW") in supported else None

    def fullscreen_window_active(self) -> bool | None:
        """True if the active window is full screen, False if not, None when it cannot tell."""
        window = self.active_window()
        if window is None:
            return None
        if window == 0:
            return False  # nothing has the focus: nothing full screen is in front
        fullscreen = self.connection.atom("_NET_WM_STATE_FULLSCREEN")
        states = self.connection.property_values(window, "_NET_WM_STATE", XA_ATOM)
        if fullscreen is None or states is None:
            return None
        return fullscreen in states

    def close(self) -> None:
        """Close the probe's Display."""
        self.connection.close()


_probe: X11Probe | None = None


def fullscreen_window_active() -> bool | None:
    """Is the active window full screen on this X11 desktop? None when not on X11 or unknown."""
    global _probe
    if sys.platform in ("win32", "darwin"):
        return None  # on macOS, opening $DISPLAY would start XQuartz just to ask
    if os.environ.get("WAYLAND_DISPLAY"):
        return None  # XWayland sees only X clients' windows, not the one in front
    display = os.environ.get("DISPLAY", "")
    if not display:
        return None
    if _probe is None or _probe.display != display:
        if _probe is not None:
            _probe.close()
        _probe = X11Probe(display)
    return _probe.fullscreen_window_active()
