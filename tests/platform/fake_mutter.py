"""A stand-in for Mutter's IdleMonitor on a private D-Bus: GetIdletime answers what a file says.

Run as ``python fake_mutter.py BUS_ADDRESS IDLE_FILE``; it owns
org.gnome.Mutter.IdleMonitor on that bus and serves GetIdletime (uint64 ms) at
/org/gnome/Mutter/IdleMonitor/Core, as GNOME Shell does, until terminated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection

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


def main() -> int:
    """Serve until terminated."""
    address, idle_file = sys.argv[1], Path(sys.argv[2])
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, "fake-mutter")
    if not bus.isConnected():
        print("fake-mutter: cannot connect to", address, file=sys.stderr)
        return 1
    holder = QObject()
    IdleMonitorAdaptor(holder, idle_file)
    if not bus.registerObject(PATH, holder) or not bus.registerService(SERVICE):
        print("fake-mutter: cannot register:", bus.lastError().message(), file=sys.stderr)
        return 1
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
