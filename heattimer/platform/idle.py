"""How long since the person last touched the keyboard or mouse: one small interface per platform.

Rules:
- No Qt here (GNOME on Wayland asks Mutter over D-Bus, in gui/desktop/mutter_idle.py).
- ``idle_seconds()`` never raises: None means "cannot tell right now", and the
  caller then counts the time as sitting.
- On Windows and macOS, ctypes and the system library load when first asked, never at import.
- ``system_idle_monitor()`` picks the real default for this OS, and only one that
  answered once; ``FakeIdle`` is for tests. On X11 it is heattimer/platform/x11.py's, asked on
  the app's own display.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from heattimer.platform.ports import IdleMonitor


class NullIdle:
    """No idle source on this desktop: every answer is "cannot tell"."""

    name = "none"

    def idle_seconds(self) -> float | None:
        """Always None."""
        return None


class FakeIdle:
    """An idle time that a test sets by hand (``seconds``)."""

    name = "fake"

    def __init__(self, seconds: float | None = 0.0) -> None:
        self.seconds = seconds

    def idle_seconds(self) -> float | None:
        """What the test set."""
        return self.seconds


class WindowsIdle:
    """Windows: GetLastInputInfo, against the tick count (milliseconds since boot)."""

    name = "Windows"

    def __init__(self) -> None:
        self._calls: tuple[Callable[[], int | None], Callable[[], int]] | None = None
        self._loaded = False

    def _load(self) -> tuple[Callable[[], int | None], Callable[[], int]] | None:
        if self._loaded:
            return self._calls
        self._loaded = True
        if sys.platform != "win32":
            return None
        try:
            import ctypes
            from ctypes import wintypes

            class LASTINPUTINFO(ctypes.Structure):
                _fields_ = [("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD)]

            user32 = ctypes.WinDLL("user32")
            kernel32 = ctypes.WinDLL("kernel32")
            get_last_input = user32.GetLastInputInfo
            get_last_input.argtypes = [ctypes.POINTER(LASTINPUTINFO)]
            get_last_input.restype = wintypes.BOOL
            get_tick_count = kernel32.GetTickCount64
            get_tick_count.argtypes = []
            get_tick_count.restype = ctypes.c_uint64
        except (OSError, AttributeError):
            return None

        def last_input() -> int | None:
            last = LASTINPUTINFO()
            last.cbSize = ctypes.sizeof(LASTINPUTINFO)
            return int(last.dwTime) if get_last_input(ctypes.byref(last)) else None

        self._calls = (last_input, lambda: int(get_tick_count()))
        return self._calls

    def idle_seconds(self) -> float | None:
        """Seconds since this session's last input; None off Windows or on any failure."""
        calls = self._load()
        if calls is None:
            return None
        last_input, tick_count = calls
        try:
            last = last_input()
            now = tick_count()
        except OSError:
            return None
        if last is None:
            return None
        # dwTime is a 32-bit tick count that wraps every 49.7 days: compare in 32 bits.
        # Input injected with SendInput may carry a tick a little ahead of now (the
        # documentation warns of this), which would read as ~49 days: call that no idle.
        elapsed = (now - last) & 0xFFFFFFFF
        return 0.0 if elapsed > 0x7FFFFFFF else elapsed / 1000.0


class MacIdle:
    """macOS: CoreGraphics' seconds since the last input event of any kind."""

    name = "macOS"
    _COMBINED_SESSION_STATE = 0  # kCGEventSourceStateCombinedSessionState
    _ANY_INPUT_EVENT = 0xFFFFFFFF  # kCGAnyInputEventType, ~0 as a uint32 CGEventType

    def __init__(self) -> None:
        self._function: Callable[[int, int], float] | None = None
        self._loaded = False

    def _load(self) -> Callable[[int, int], float] | None:
        if not self._loaded:
            self._loaded = True
            if sys.platform == "darwin":
                import ctypes

                # Since macOS 11 system frameworks live only in the dyld cache; dlopen of
                # the full path still finds them. Older systems export it from
                # ApplicationServices too.
                for path in (
                    "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics",
                    "/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices",
                ):
                    try:
                        function = ctypes.CDLL(path).CGEventSourceSecondsSinceLastEventType
                    except (OSError, AttributeError):
                        continue
                    function.argtypes = [ctypes.c_int32, ctypes.c_uint32]
                    function.restype = ctypes.c_double  # CFTimeInterval
                    self._function = function
                    break
        return self._function

    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard, mouse or tablet event; None off macOS or on failure."""
        function = self._load()
        if function is None:
            return None
        try:
            seconds = float(function(self._COMBINED_SESSION_STATE, self._ANY_INPUT_EVENT))
        except (OSError, ValueError, TypeError):
            return None
        if seconds != seconds or seconds < 0:  # NaN or nonsense: cannot tell
            return None
        return seconds


def system_idle_monitor(x11: IdleMonitor | None = None) -> IdleMonitor:
    """This computer's idle source, if one answers; NullIdle otherwise (and on Wayland).
    ``x11`` is the X server's (heattimer/platform/x11.py, on the app's own display)."""
    monitor: IdleMonitor
    if sys.platform == "win32":
        monitor = WindowsIdle()
    elif sys.platform == "darwin":
        monitor = MacIdle()
    elif os.environ.get("WAYLAND_DISPLAY") or x11 is None:
        # Under XWayland the X server sees only X clients' input: typing into a
        # Wayland window would look like being away. The GUI asks Mutter instead.
        return NullIdle()
    else:
        monitor = x11
    return monitor if monitor.idle_seconds() is not None else NullIdle()


__all__ = [
    "FakeIdle",
    "MacIdle",
    "NullIdle",
    "WindowsIdle",
    "system_idle_monitor",
]
