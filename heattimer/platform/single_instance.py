"""Is the app running for this data folder? One lock file answers, for the GUI and the CLI.

The app holds an exclusive OS lock (filelock.py: flock on POSIX, msvcrt on Windows) on
``app.lock`` in the data folder for as long as it runs. The OS drops the lock
when the process dies, so a crashed app never blocks the next start.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO  # `heattimer start` and the app only, not `status`

from heattimer.platform.filelock import held_elsewhere, lock_fd

LOCK_NAME = "app.lock"


class AppLock:
    """The app's claim on a data folder; ``acquire`` is False if another app holds it."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool:
        """Take the lock if no running app has it."""
        if self._file is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        file = os.fdopen(fd, "r+b")
        if not lock_fd(file.fileno(), wait=False):
            file.close()
            return False
        file.seek(0)
        file.truncate()
        file.write(str(os.getpid()).encode())
        file.flush()
        self._file = file
        return True

    def release(self) -> None:
        """Give the lock up (closing the file releases it)."""
        if self._file is not None:
            self._file.close()
            self._file = None


def app_running(data_dir: Path) -> bool:
    """True if an app holds the lock on ``data_dir`` now. On Linux asked without taking the
    lock (/proc/locks), so an app starting that moment never finds it taken; elsewhere the
    lock is taken for an instant (PROBES_TAKE_THE_LOCK), and the app starting tries again."""
    path = Path(data_dir) / LOCK_NAME
    held = held_elsewhere(path)
    if held is not None:
        return held
    probe = AppLock(data_dir)
    if probe.acquire():
        probe.release()
        return False
    return True


PROBES_TAKE_THE_LOCK = not os.path.exists("/proc/locks")
"""Where ``app_running`` must take the lock for an instant to see whether it is held."""
