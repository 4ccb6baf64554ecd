"""X11: the idle time and the full-screen check, through Xlib on the app's own display.

The app asks an X server two things (and tells it one: that a posture-break popup is no
window for the taskbar): how long since the last keyboard or mouse input
(the MIT-SCREEN-SAVER extension, libXss), and whether the window in front is full
screen (the window manager's _NET_ACTIVE_WINDOW and _NET_WM_STATE, libX11). It asks on
the connection Qt already has (``QNativeInterface.QX11Application.display()``): no
second connection, and no authentication of ours (Qt's Xlib did it).

Rules:
- Nothing here raises: a library that is not installed, a display that is gone, a window
  closed between two requests, a reply that makes no sense: each reads as None, "cannot
  tell". (Qt sets Xlib's error handler to one that ignores errors, so a BadWindow is a
  failed request here, not the end of the app: tests/platform/test_x11.py guards it.)
- Only from the GUI thread, the one that owns the display.
"""

from __future__ import annotations

import ctypes
import ctypes.util

XA_ATOM = 4  # predefined atoms (X11/Xatom.h)
XA_WINDOW = 33
_SUCCESS = 0
_REPLACE = 0  # PropModeReplace


class _ScreenSaverInfo(ctypes.Structure):
    """XScreenSaverInfo (X11/extensions/scrnsaver.h)."""

    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("event_mask", ctypes.c_ulong),
    ]


def _library(name: str, soname: str) -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(soname)
    except OSError:
        found = ctypes.util.find_library(name)
        try:
            return ctypes.CDLL(found) if found else None
        except OSError:
            return None


class X11Desktop:
    """Idle time and full screen, asked of the X server behind an Xlib ``Display *``."""

    name = "X11 screen saver"

    def __init__(self, display: int) -> None:
        self._display = ctypes.c_void_p(display) if display else None
        self._xlib = _library("X11", "libX11.so.6")
        self._xss = _library("Xss", "libXss.so.1")
        self._atoms: dict[bytes, int] = {}
        if self._xlib is not None:
            self._declare(self._xlib, self._xss)

    @staticmethod
    def _declare(xlib: ctypes.CDLL, xss: ctypes.CDLL | None) -> None:
        ptr, ulong, long, c_int = ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long, ctypes.c_int
        xlib.XDefaultRootWindow.argtypes = [ptr]
        xlib.XDefaultRootWindow.restype = ulong
        xlib.XInternAtom.argtypes = [ptr, ctypes.c_char_p, c_int]
        xlib.XInternAtom.restype = ulong
        xlib.XGetWindowProperty.argtypes = [
            ptr, ulong, ulong, long, long, c_int, ulong,
            ctypes.POINTER(ulong), ctypes.POINTER(c_int), ctypes.POINTER(ulong),
            ctypes.POINTER(ulong), ctypes.POINTER(ctypes.c_void_p),
        ]  # fmt: skip
        xlib.XGetWindowProperty.restype = c_int
        xlib.XFree.argtypes = [ptr]
        xlib.XChangeProperty.argtypes = [ptr, ulong, ulong, ulong, c_int, c_int, ptr, c_int]
        xlib.XFlush.argtypes = [ptr]
        if xss is not None:
            xss.XScreenSaverQueryInfo.argtypes = [ptr, ulong, ctypes.POINTER(_ScreenSaverInfo)]
            xss.XScreenSaverQueryInfo.restype = ctypes.c_int  # Status: nonzero on success

    @property
    def usable(self) -> bool:
        """True if there is a display and libX11 to ask it with."""
        return self._display is not None and self._xlib is not None

    # -- idle time ---------------------------------------------------------------

    def idle_seconds(self) -> float | None:
        """Seconds since the last input anywhere on this X server; None if it cannot tell."""
        if not self.usable or self._xss is None:
            return None
        assert self._xlib is not None
        info = _ScreenSaverInfo()
        root = self._xlib.XDefaultRootWindow(self._display)
        if not self._xss.XScreenSaverQueryInfo(self._display, root, ctypes.byref(info)):
            return None
        return int(info.idle) / 1000.0

    # -- full screen -------------------------------------------------------------

    def active_window(self) -> int | None:
        """The window the window manager says is active (0: none); None if it cannot tell."""
        if not self.usable:
            return None
        assert self._xlib is not None
        root = self._xlib.XDefaultRootWindow(self._display)
        values = self._property(root, b"_NET_ACTIVE_WINDOW", XA_WINDOW)
        if values:
            return values[0]
        # None active, if a window manager keeps the property at all (EWMH lists what it
        # supports on the root window); else there is no telling.
        supported = self._property(root, b"_NET_SUPPORTED", XA_ATOM)
        return 0 if supported and self._atom(b"_NET_ACTIVE_WINDOW") in supported else None

    def fullscreen_window_active(self) -> bool | None:
        """True if the active window is full screen; None if the desktop cannot tell."""
        window = self.active_window()
        if window is None:
            return None
        if window == 0:
            return False
        states = self._property(window, b"_NET_WM_STATE", XA_ATOM)
        if states is None:
            return None
        return self._atom(b"_NET_WM_STATE_FULLSCREEN") in states

    # -- windows of ours ---------------------------------------------------------

    def keep_off_taskbar(self, window: int) -> bool:
        """Ask taskbars and pagers not to list ``window`` (a popup of ours, created but not yet
        shown: Qt adds its own states to these when it maps it). False if it cannot."""
        if not self.usable or not window:
            return False
        assert self._xlib is not None
        states = (ctypes.c_ulong * 2)(
            self._atom(b"_NET_WM_STATE_SKIP_TASKBAR"), self._atom(b"_NET_WM_STATE_SKIP_PAGER")
        )
        self._xlib.XChangeProperty(
            self._display, window, self._atom(b"_NET_WM_STATE"), XA_ATOM, 32, _REPLACE, states, 2
        )
        self._xlib.XFlush(self._display)
        return True

    def _atom(self, name: bytes) -> int:
        if name not in self._atoms:
            assert self._xlib is not None
            self._atoms[name] = int(self._xlib.XInternAtom(self._display, name, 0))
        return self._atoms[name]

    def _property(self, window: int, name: bytes, kind: int) -> list[int] | None:
        """A window's 32-bit property as numbers; None if the request failed or is not one."""
        assert self._xlib is not None
        actual, form = ctypes.c_ulong(), ctypes.c_int()
        count, after, data = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        status = self._xlib.XGetWindowProperty(
            self._display, window, self._atom(name), 0, 1024, 0, kind,
            ctypes.byref(actual), ctypes.byref(form), ctypes.byref(count),
            ctypes.byref(after), ctypes.byref(data),
        )  # fmt: skip
        if status != _SUCCESS:
            return None
        try:
            if actual.value == 0:
                return []  # no such property on that window
            if actual.value != kind or form.value != 32 or not data.value:
                return None
            # Format 32 comes back as an array of C longs (Xlib's rule), whatever their size.
            values = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
            return [int(values[i]) for i in range(count.value)]
        finally:
            if data.value:
                self._xlib.XFree(data)


__all__ = ["X11Desktop"]
