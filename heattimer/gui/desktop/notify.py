"""Desktop notifications that a person cannot miss, and whose button works.

Rules:
- Linux: straight to the notification server over the app's own session-bus connection
  (heattimer/platform/notifications.py), read when its socket has data, so the "Heat is off"
  button reaches the app. The alarm is critical (desktops keep it on the screen); everything
  else is normal, with the server's own timeout: an information never looks like an error.
- Without a server (or off Linux), the tray icon's own message: Warning for the alarm,
  Information otherwise. Without a tray either, nothing: the window is the app's voice then.
- Closing a notification answers nothing; only its button does.
- The D-Bus library loads with the first notification (start-up and an idle app stay lighter).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from heattimer import APP_ID, APP_NAME
from heattimer.gui.widgets.icons import png_path

if TYPE_CHECKING:
    from heattimer.platform.notifications import Note, NotificationBus


def ids_file() -> Path:
    """Where the ids of the notifications on the screen are kept, for the login session."""
    import platformdirs

    return Path(platformdirs.user_runtime_dir("heattimer", appauthor=False)) / "notifications.json"


class Notifier(QObject):
    """Shows notifications; ``actionInvoked(key)`` when the person clicks one's button."""

    actionInvoked = Signal(str, str)
    """A button's key, and the activation token the server handed with it ("" for none)."""

    def __init__(
        self,
        tray: QSystemTrayIcon | None = None,
        parent: QObject | None = None,
        ids: Path | None = None,
        use_bus: bool = sys.platform.startswith("linux"),
    ) -> None:
        super().__init__(parent)
        self.tray = tray
        self.sent: list[tuple[str, str, bool]] = []
        self._ids = ids
        self._use_bus = use_bus
        self._bus: NotificationBus | None = None
        self._watch: QSocketNotifier | None = None

    def notify(
        self,
        tag: str,
        title: str,
        body: str,
        urgent: bool = False,
        actions: tuple[tuple[str, str], ...] = (),
        image: str = "",
    ) -> None:
        """Show a notification, with its buttons (key, label) and a picture (a file:// URI);
        one with the same ``tag`` replaces the one before."""
        from heattimer.platform.notifications import Note, Urgency

        self.sent.append((title, body, urgent))
        urgency = Urgency.CRITICAL if urgent else Urgency.NORMAL
        icon = Path(png_path("heattimer", 64)).as_uri()
        note = Note(tag, title, body, urgency, actions, icon, image)
        bus = self._connected()
        if bus is None:
            self._tray_message(note)
            return
        try:
            bus.show(note)
        except OSError:
            self._lost()
            self._tray_message(note)

    def close(self, tag: str) -> None:
        """Take the notification with ``tag`` off the screen, if it is still there."""
        if self._bus is not None:
            try:
                self._bus.close(tag)
            except OSError:
                self._lost()

    def _connected(self) -> NotificationBus | None:
        if self._bus is None and self._use_bus:
            from heattimer.platform.notifications import NotificationBus

            self._bus = NotificationBus.open(APP_NAME, APP_ID, self._ids or ids_file())
            if self._bus is not None:
                self._watch = QSocketNotifier(self._bus.fileno(), QSocketNotifier.Type.Read, self)
                self._watch.activated.connect(self._read)
        return self._bus

    def _read(self) -> None:
        from heattimer.platform.notifications import Clicked

        if self._bus is None:
            return
        try:
            events = self._bus.read()
        except OSError:
            self._lost()
            return
        for event in events:
            if isinstance(event, Clicked):
                self.actionInvoked.emit(event.key, event.token)
            else:
                self._tray_message(event.note)

    def _lost(self) -> None:
        """The bus went away (the session ends, or the bus restarted): the next notification
        connects again."""
        if self._watch is not None:
            self._watch.setEnabled(False)
            self._watch.deleteLater()
            self._watch = None
        if self._bus is not None:
            self._bus.disconnect()
            self._bus = None

    def _tray_message(self, note: Note) -> None:
        from heattimer.platform.notifications import Urgency

        if self.tray is None or not self.tray.isVisible():
            return
        urgent = note.urgency is Urgency.CRITICAL
        icon = QSystemTrayIcon.MessageIcon
        self.tray.showMessage(
            note.title,
            note.body,
            icon.Warning if urgent else icon.Information,
            60_000 if urgent else 10_000,
        )
