"""A stand-in for KDE's power manager (powerdevil) on a private D-Bus: HasInhibit answers
what a file says ("1": something keeps the session awake).

Run as ``python fake_powerdevil.py BUS_ADDRESS ANSWER_FILE``; it owns
org.freedesktop.PowerManagement on that bus and serves
org.freedesktop.PowerManagement.Inhibit.HasInhibit (a boolean) at
/org/freedesktop/PowerManagement/Inhibit, as powerdevil does, until terminated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import ClassInfo, QObject, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor
from stand_in import serve  # (beside this script, which runs as a program)

SERVICE = "org.freedesktop.PowerManagement"
PATH = "/org/freedesktop/PowerManagement/Inhibit"


@ClassInfo({"D-Bus Interface": "org.freedesktop.PowerManagement.Inhibit"})
class InhibitAdaptor(QDBusAbstractAdaptor):
    """The one method the app calls."""

    def __init__(self, parent: QObject, answer_file: Path) -> None:
        super().__init__(parent)
        self.answer_file = answer_file

    @Slot(result=bool)
    def HasInhibit(self) -> bool:
        """Whether anything inhibits: whatever the test wrote."""
        return self.answer_file.read_text().strip() == "1"


if __name__ == "__main__":
    sys.exit(serve("fake-powerdevil", SERVICE, PATH, InhibitAdaptor))
