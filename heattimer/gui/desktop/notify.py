"""Desktop notifications that a person cannot miss.

On Linux the alarm goes straight to org.freedesktop.Notifications with
critical urgency (so desktops show a banner and keep it), the app's name, a
"Heat is off" action, and the id of the previous alarm so repeats replace it
instead of piling up. PySide6's QtDBus cannot send the spec's uint32 and byte
arguments, so the call goes through `gdbus`, which every GLib-based desktop
has; the answer and the ActionInvoked signal come back through QtDBus.
Elsewhere (or without gdbus) the tray icon's own message is used, with the
Critical icon (Qt maps Information to low urgency, which GNOME hides).
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import SLOT, QObject, Signal, Slot
from PySide6.QtWidgets import QSystemTrayIcon

from heattimer import APP_ID, APP_NAME

if TYPE_CHECKING:
    from PySide6.QtCore import QProcess

_BUS = "org.freedesktop.Notifications"
_PATH = "/org/freedesktop/Notifications"


def _call(method: str, *args: str) -> list[str]:
    """gdbus's arguments for calling ``method`` of the notification server."""
    return [
        "call",
        "--session",
        "--dest",
        _BUS,
        "--object-path",
        _PATH,
        "--method",
        f"{_BUS}.{method}",
        *args,
    ]


def _gvariant_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


class Notifier(QObject):
    """Shows notifications; ``actionInvoked(key)`` when the person clicks one of its buttons."""

    actionInvoked = Signal(str)

    def __init__(self, tray: QSystemTrayIcon | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.tray = tray
        self.sent: list[tuple[str, str, bool]] = []
        self._gdbus: str | None = None
        self._looked_for_gdbus = False
        self._ids: dict[str, int] = {}
        self._bus_listening = False

    def _find_gdbus(self) -> str | None:
        if not self._looked_for_gdbus and sys.platform.startswith("linux"):
            import shutil  # only when a notification is due: start-up stays lighter

            self._gdbus = shutil.which("gdbus")
        self._looked_for_gdbus = True
        return self._gdbus

    def notify(
        self,
        tag: str,
        title: str,
        body: str,
        urgent: bool = False,
        action: tuple[str, str] | None = None,
    ) -> None:
        """Show a notification; one with the same ``tag`` replaces the previous one."""
        self.sent.append((title, body, urgent))
        if os.environ.get("DBUS_SESSION_BUS_ADDRESS") and self._find_gdbus():
            self._send_dbus(tag, title, body, urgent, action)
        elif self.tray is not None and self.tray.isVisible():
            icon = (
                QSystemTrayIcon.MessageIcon.Critical
                if urgent
                else (QSystemTrayIcon.MessageIcon.Warning)
            )
            self.tray.showMessage(title, body, icon, 60_000 if urgent else 10_000)

    def close(self, tag: str) -> None:
        """Take the notification with ``tag`` off the screen, if it is still there."""
        nid = self._ids.pop(tag, None)
        if nid and self._gdbus:
            from PySide6.QtCore import QProcess

            QProcess.startDetached(self._gdbus, _call("CloseNotification", str(nid)))

    def _send_dbus(
        self, tag: str, title: str, body: str, urgent: bool, action: tuple[str, str] | None
    ) -> None:
        if not self._bus_listening:
            self._listen()  # only once there is a notification whose button may be clicked
        actions = (
            "[]"
            if action is None
            else (f"[{_gvariant_string(action[0])}, {_gvariant_string(action[1])}]")
        )
        hints = (
            f"{{'urgency': <byte {2 if urgent else 1}>, "
            f"'desktop-entry': <{_gvariant_string(APP_ID)}>, "
            f"'category': <'x-heattimer'>"
            + (", 'sound-name': <'alarm-clock-elapsed'>" if urgent else "")
            + "}"
        )
        from PySide6.QtCore import QProcess  # loaded with the first notification

        process = QProcess(self)
        process.finished.connect(lambda *_: self._remember_id(tag, process))
        process.start(
            self._gdbus or "gdbus",
            _call(
                "Notify",
                APP_NAME,
                str(self._ids.get(tag, 0)),
                "heattimer",
                title,
                body,
                actions,
                hints,
                "0" if urgent else "-1",
            ),
        )

    def _remember_id(self, tag: str, process: QProcess) -> None:
        out = bytes(process.readAllStandardOutput().data()).decode(errors="replace")
        found = re.search(r"uint32 (\d+)", out)
        if found:
            self._ids[tag] = int(found.group(1))
        elif self.tray is not None and self.tray.isVisible():
            title, body, _ = self.sent[-1]
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Critical, 60_000)
        process.deleteLater()

    def _listen(self) -> None:
        from PySide6.QtDBus import QDBusConnection  # loaded when first needed: start-up is lighter

        bus = QDBusConnection.sessionBus()
        if bus.isConnected():
            self._bus_listening = bus.connect(
                "",
                _PATH,
                _BUS,
                "ActionInvoked",
                self,
                SLOT("on_action(uint,QString)"),  # type: ignore[call-overload]
            )

    @Slot("uint", str)
    def on_action(self, nid: int, key: str) -> None:
        """A button of one of our notifications was clicked."""
        if nid in self._ids.values():
            self.actionInvoked.emit(key)
