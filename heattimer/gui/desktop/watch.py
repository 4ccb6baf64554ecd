"""Notice when another program (the CLI) changes the state file, without polling.

Watches the data folder, not the file: SQLite's journal comes and goes in the
folder on every write, and a file watch is lost when a file is replaced.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from heattimer.store import Store, StoreError

DEBOUNCE_MS = 150


class StoreWatcher(QObject):
    """Emits ``changed`` shortly after someone else commits to the store."""

    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._version = self._data_version()
        self._watcher = QFileSystemWatcher(self)
        self._watcher.addPath(str(Path(store.data_dir)))
        self._watch_file()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._check)
        self._watcher.directoryChanged.connect(lambda _: self._debounce.start())
        self._watcher.fileChanged.connect(lambda _: self._debounce.start())

    def _watch_file(self) -> None:
        if str(self.store.path) not in self._watcher.files() and self.store.path.exists():
            self._watcher.addPath(str(self.store.path))

    def _data_version(self) -> int | None:
        try:
            return self.store.data_version()
        except StoreError:
            return None

    def _check(self) -> None:
        self._watch_file()
        version = self._data_version()
        if version != self._version:
            self._version = version
            self.changed.emit()
