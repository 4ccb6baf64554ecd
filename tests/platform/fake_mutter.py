"""A stand-in for Mutter's IdleMonitor on a private D-Bus: GetIdletime answers what a file says.

Run as ``python fake_mutter.py BUS_ADDRESS IDLE_FILE``; it owns
org.gnome.Mutter.IdleMonitor on that bus and serves GetIdletime (uint64 ms) at
/org/gnome/Mutter/IdleMonitor/Core, as GNOME Shell does, until terminated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import ClassInfo, QObject, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor
from stand_in import serve  # (beside this script, which runs as a program)

SERVICE = "org.gnome.Mutter.IdleMonitor"
PATH = "/org/gnome/Mutter/IdleMonitor/Core"


@ClassInfo({"D-Bus Interface": "org.gnome.Mutter.IdleMonitor"})
class IdleMonitorAdaptor(QDBusAbstractAdaptor):
    """The one method the app calls."""

    def __init__(self, parent: QObject, idle_file: Path) -> None:
        super().__init__(parent)
        self.idle_file = idle_file

    @Slot(result="qulonglong")
    def GetIdletime(self) -> int:
        """Milliseconds since the last input: whatever the test wrote."""
        return int(self.idle_file.read_text())


if __name__ == "__main__":
    sys.exit(serve("fake-mutter", SERVICE, PATH, IdleMonitorAdaptor))
