"""One app per data folder: a second launch brings the first one's window forward.

The lock (heattimer.instance.AppLock, an OS lock the OS drops when a process
dies) decides who is first; QLocalServer only carries the "show yourself"
message. A server name is derived from the data folder, so test instances on
other folders do not meet.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from heattimer.instance import AppLock

CONNECT_MS = 1500
RETRIES = 6


def server_name(data_dir: Path) -> str:
    """A short, per-user, per-folder name for the local socket."""
    user = os.environ.get("USER") or os.environ.get("USERNAME") or str(os.getuid())
    digest = hashlib.sha1(f"{user}:{Path(data_dir).resolve()}".encode()).hexdigest()[:12]
    return f"heattimer-{digest}"


class SingleInstance(QObject):
    """Holds the lock and listens; ``activated`` when another launch asks to be shown."""

    activated = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.lock = AppLock(data_dir)
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this process is the app; False if another one runs (and was told to show)."""
        for _ in range(RETRIES):
            if self.lock.acquire():
                self._listen()
                return True
            if self._ask_first_instance():
                return False
        return False

    def release(self) -> None:
        """Stop listening and let go of the lock."""
        if self._server is not None:
            self._server.close()
        self.lock.release()

    def _listen(self) -> None:
        QLocalServer.removeServer(self.name)  # a socket file a crashed app left behind
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.listen(self.name)
        server.newConnection.connect(self._on_connection)
        self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.disconnected.connect(socket.deleteLater)
            self.activated.emit()

    def _ask_first_instance(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(b"show\n")
        socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        return True
