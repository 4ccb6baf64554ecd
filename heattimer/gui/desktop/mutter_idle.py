"""GNOME on Wayland: the idle time from Mutter's IdleMonitor, over D-Bus.

Rules:
- The same interface as heattimer.platform.idle's monitors; ``idle_seconds()`` never
  raises, None is "cannot tell right now".
- Each question is one blocking call with a short timeout: it runs on the GUI
  thread, which must not hang on a stuck compositor (QtDBus would wait 25 s).
- QtDBus loads on first use, and only on Wayland; nothing here touches the
  ``Qt`` namespace (its first use costs the app 16 ms, see gui/drawing.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

SERVICE = "org.gnome.Mutter.IdleMonitor"
PATH = "/org/gnome/Mutter/IdleMonitor/Core"
INTERFACE = "org.gnome.Mutter.IdleMonitor"
TIMEOUT_MS = 500


class MutterIdle:
    """Mutter's idle time (GNOME Shell, X11 or Wayland): GetIdletime, in milliseconds."""

    name = "GNOME (Mutter idle monitor)"

    def __init__(self, bus: QDBusConnection | None = None) -> None:
        self._bus = bus  # None: the session bus, connected on first use

    @classmethod
    def available(cls, bus: QDBusConnection | None = None) -> MutterIdle | None:
        """A monitor if Mutter answers on ``bus`` (default: the session bus), else None."""
        monitor = cls(bus)
        return monitor if monitor.idle_seconds() is not None else None

    def idle_seconds(self) -> float | None:
        """Seconds since the last input Mutter saw; None if it does not answer in time."""
        from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

        if self._bus is None:
            self._bus = QDBusConnection.sessionBus()
        if not self._bus.isConnected():
            return None
        request = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "GetIdletime")
        try:
            reply = self._bus.call(request, QDBus.CallMode.Block, TIMEOUT_MS)
            if reply.type() != QDBusMessage.MessageType.ReplyMessage:
                return None  # no such service, access denied, or timed out
            answer = reply.arguments()
        except (RuntimeError, TypeError):  # a reply PySide6 cannot convert: cannot tell
            return None
        if len(answer) != 1 or isinstance(answer[0], bool) or not isinstance(answer[0], int):
            return None
        return answer[0] / 1000.0
