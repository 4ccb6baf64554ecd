"""Serve a stand-in D-Bus service on a private bus until terminated: the shared ``main`` of
fake_mutter.py and fake_powerdevil.py, run as ``python fake_X.py BUS_ADDRESS FILE``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtDBus import QDBusConnection


def serve(name: str, service: str, path: str, adaptor: Callable[[QObject, Path], object]) -> int:
    """Own ``service`` with ``adaptor(holder, FILE)`` at ``path`` on BUS_ADDRESS."""
    address, answer_file = sys.argv[1], Path(sys.argv[2])
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, name)
    if not bus.isConnected():
        print(f"{name}: cannot connect to", address, file=sys.stderr)
        return 1
    holder = QObject()
    adaptor(holder, answer_file)
    if not bus.registerObject(path, holder) or not bus.registerService(service):
        print(f"{name}: cannot register:", bus.lastError().message(), file=sys.stderr)
        return 1
    return app.exec()
