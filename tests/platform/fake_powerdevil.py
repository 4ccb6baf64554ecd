"""A stand-in for KDE's power manager (powerdevil) on a private D-Bus: its policy agent's
HasInhibition answers from what a file says is inhibited.

Run as ``python fake_powerdevil.py BUS_ADDRESS POLICIES_FILE``; it owns
org.kde.Solid.PowerManagement.PolicyAgent on that bus and serves
HasInhibition(uint32 policies) -> boolean at /org/kde/Solid/PowerManagement/PolicyAgent,
as powerdevil does: true when any of the asked policies is inhibited. The file holds the
inhibited policies as one number (powerdevil's flags: 1 interrupt the session, i.e.
suspend, as a music player asks; 4 change the screen settings, as a video player asks).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import ClassInfo, QObject, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor
from stand_in import serve  # (beside this script, which runs as a program)

SERVICE = "org.kde.Solid.PowerManagement.PolicyAgent"
PATH = "/org/kde/Solid/PowerManagement/PolicyAgent"


@ClassInfo({"D-Bus Interface": "org.kde.Solid.PowerManagement.PolicyAgent"})
class PolicyAgentAdaptor(QDBusAbstractAdaptor):
    """The one method the app calls."""

    def __init__(self, parent: QObject, policies_file: Path) -> None:
        super().__init__(parent)
        self.policies_file = policies_file

    @Slot("uint", result=bool)
    def HasInhibition(self, policies: int) -> bool:
        """Whether any of ``policies`` is inhibited now: what the test wrote."""
        return bool(int(self.policies_file.read_text().strip() or 0) & policies)


if __name__ == "__main__":
    sys.exit(serve("fake-powerdevil", SERVICE, PATH, PolicyAgentAdaptor))
