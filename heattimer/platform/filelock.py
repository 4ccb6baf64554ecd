"""An OS lock on a small file, exclusive or shared: flock on POSIX, msvcrt on Windows.

The OS drops the lock when the process dies, so a crashed program never leaves
it held. The app holds one on ``app.lock`` while it runs (single_instance.py); the store
holds one on ``recovery.lock`` while it creates or repairs the state file, and every
store holds that one shared while it uses the file.
"""

from __future__ import annotations

import os
from pathlib import Path


def lock_fd(fd: int, wait: bool, shared: bool = False) -> bool:
    """Lock the open file ``fd`` for this process (``shared``: alongside other shared
    holders, never with an exclusive one). Without ``wait``, False at once if another process
    holds it (or the file system cannot lock). Windows knows exclusive locks only."""
    if os.name == "nt":
        return _lock_windows(fd, wait)
    import fcntl

    how = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        fcntl.flock(fd, how if wait else how | fcntl.LOCK_NB)
    except OSError:
        if wait:
            raise
        return False
    return True


def unlock_fd(fd: int) -> None:
    """Let go of the lock on ``fd`` and keep the file open."""
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _lock_windows(fd: int, wait: bool) -> bool:
    import msvcrt

    os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks bytes from the current position
    while True:
        try:
            msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
            return True
        except OSError:
            if not wait:
                return False
            # LK_LOCK gives up after ten seconds while the holder is still at work: ask again.


def held_elsewhere(path: Path) -> bool | None:
    """True if a process holds an exclusive lock (``lock_fd``) on the file at ``path``, asked
    without taking the lock (Linux's /proc/locks); None where the system cannot say."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    # proc(5): "1: FLOCK  ADVISORY  WRITE 1234 08:01:56789 0 EOF", the device as major:minor
    # in hex and the inode in decimal; a waiter's line has "->" after the number.
    wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    try:
        with open("/proc/locks") as locks:
            table = locks.read()
    except OSError:
        return None
    for line in table.splitlines():
        fields = line.split()
        if fields[1:2] == ["FLOCK"] and fields[3:4] == ["WRITE"] and fields[5:6] == [wanted]:
            return True
    return False


class FileLock:
    """An exclusive lock on ``path`` (made 0600 if missing); ``with`` holds it for a block."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Wait until no other process holds the lock, then hold it."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except PermissionError:
            # A lock file already there in a folder this user may not write to: a lock
            # needs no write access to its file.
            fd = os.open(self.path, os.O_RDONLY)
        try:
            lock_fd(fd, wait=True)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        """Give the lock up (closing the file releases it)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
