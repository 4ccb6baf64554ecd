"""The one module that touches the state file: a single SQLite database.

Promises:
- every change is one short ``BEGIN IMMEDIATE`` transaction, so the GUI and
  any number of CLI processes can write at once without losing an update;
- a killed process never leaves a file that fails to open (SQLite's rollback
  journal, synchronous=FULL);
- a file from a newer Heat Timer is opened read-only, and writing to it
  raises ReadOnlyStore;
- a file that is not a database or fails its integrity check is moved aside
  (never overwritten), the person is told, and work goes on from the newest
  good backup, or from empty;
- a backup a day (SQLite's backup API), the last few kept;
- folder 0700, files 0600.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from heattimer.clock import Clock, SystemClock
from heattimer.schema import MIGRATIONS, SCHEMA_VERSION
from heattimer.tables import Tables

if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")

DB_NAME = "heattimer.sqlite3"
BACKUP_DIR = "backups"
BACKUPS_KEPT = 7
BUSY_TIMEOUT_S = 10.0
_CORRUPT_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_CANTOPEN = 14


class StoreError(Exception):
    """The state file could not be read or written."""


class ReadOnlyStore(StoreError):
    """The state file belongs to a newer Heat Timer; it may be read, not written."""


def _warn_stderr(message: str) -> None:
    print(f"heattimer: {message}", file=sys.stderr)


class Store:
    """The state file in ``data_dir``, opened (and repaired if need be) on construction."""

    def __init__(
        self,
        data_dir: Path,
        warn: Callable[[str], None] = _warn_stderr,
        clock: Clock | None = None,
    ) -> None:
        # Absolute, because SQLite is given file: URIs, and a relative path has none.
        self.data_dir = Path(data_dir).absolute()
        self.path = self.data_dir / DB_NAME
        self.warn = warn
        self.clock = clock or SystemClock()
        self.read_only_reason: str | None = None
        self._backup_day: str | None = None
        self._conn: sqlite3.Connection | None = None
        self._inode = -1
        try:
            self._prepare_folder()
            self._open()
        except OSError as error:
            raise StoreError(f"cannot use the data folder {self.data_dir}: {error}") from None

    # -- running transactions ------------------------------------------------

    def read(self, body: Callable[[Tables], T]) -> T:
        """Run ``body`` on one consistent snapshot of the file."""
        return self._run(body, write=False)

    def write(self, body: Callable[[Tables], T]) -> T:
        """Run ``body`` as one write transaction: all of its changes land, or none."""
        if self.read_only_reason is not None:
            raise ReadOnlyStore(self.read_only_reason)
        # Checked before the day's first write, not after: a write must not land in a file
        # that is then found damaged and moved aside. Per day, as the app may run for days.
        today = f"{self.clock.now():%Y-%m-%d}"
        if self._backup_day != today and self._daily_backup(today):
            self._backup_day = today
        return self._run(body, write=True)

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the file."""
        try:
            return int(self._connection().execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as error:
            raise StoreError(f"cannot read {self.path}: {error}") from None

    def close(self) -> None:
        """Close the connection (the store reopens it when used again)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _run(self, body: Callable[[Tables], T], write: bool) -> T:
        for attempt in (1, 2):
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    result = body(Tables(conn))
                except BaseException:
                    conn.rollback()
                    raise
                conn.commit()
                return result
            except sqlite3.DatabaseError as error:
                if attempt == 1 and _is_corruption(error):
                    self._recover(f"it is damaged ({error})")
                    continue
                if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
                    raise StoreError(f"{self.path} is busy: another program holds it") from None
                verb = "write" if write else "read"
                raise StoreError(f"cannot {verb} {self.path}: {error}") from None
        raise AssertionError("unreachable")

    # -- opening -------------------------------------------------------------

    def _prepare_folder(self) -> None:
        if not self.data_dir.exists():
            with contextlib.suppress(FileExistsError):  # another program made it just now
                self.data_dir.mkdir(parents=True, mode=0o700)
                os.chmod(self.data_dir, 0o700)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is not None and not self._same_file():
            # Another program moved a damaged file aside and restored a backup: follow it,
            # or this process would go on writing into the file that was set aside.
            self.close()
        if self._conn is None:
            self._open()
        assert self._conn is not None
        return self._conn

    def _same_file(self) -> bool:
        try:
            return os.stat(self.path).st_ino == self._inode
        except OSError:
            return False

    def _connect(self, read_only: bool = False) -> sqlite3.Connection:
        # mode=rw never creates the file: only _create_fresh does, whole, under another name.
        conn = sqlite3.connect(
            f"{self.path.as_uri()}?mode={'ro' if read_only else 'rw'}",
            uri=True,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def _open(self) -> None:
        for _ in range(3):
            if _is_empty(self.path):
                self._recover("it is empty")
            elif _foreign_with_journal(self.path):
                # SQLite would play the crash journal back into it before finding it is not
                # a database, and the damaged bytes must stay as they are.
                self._recover("it is not an SQLite database")
            if not self.path.exists():
                self._create_fresh()
            conn: sqlite3.Connection | None = None
            try:
                conn = self._connect()
                self._conn = self._checked(conn)
                self._inode = os.stat(self.path).st_ino
                return
            except sqlite3.DatabaseError as error:
                if conn is not None:
                    conn.close()
                if getattr(error, "sqlite_errorcode", 0) & 0xFF == _CANTOPEN:
                    continue  # moved away between the check and the open: look again
                if not _is_corruption(error):
                    raise StoreError(f"cannot open {self.path}: {error}") from None
                self._recover(f"it is not a readable database ({error})")
        raise StoreError(f"cannot open {self.path}: it keeps changing under this program")

    def _checked(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        """The connection, migrated to this version, or reopened read-only for a newer file."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            conn.close()
            self.read_only_reason = (
                f"{self.path} was written by a newer Heat Timer (file version {version}, "
                f"this one knows {SCHEMA_VERSION}); it is open read-only: update Heat Timer"
            )
            return self._connect(read_only=True)
        if version < SCHEMA_VERSION:
            _migrate(conn)
        return conn

    def _sweep_leftovers(self) -> None:
        """Remove temporary files that a process killed mid-way left behind (after an hour,
        so as not to take one from a process that is still using it)."""
        cutoff = self.clock.now().timestamp() - 3600
        for pattern in (f"{DB_NAME}.new-*", f"{DB_NAME}.restoring-*", f"{BACKUP_DIR}/.heattimer-*"):
            for leftover in self.data_dir.glob(pattern):
                with contextlib.suppress(OSError):
                    if leftover.stat().st_mtime < cutoff:
                        leftover.unlink()

    def _create_fresh(self) -> None:
        """Build a new file under a temporary name and link it into place, so that a
        process killed while creating it never leaves a half-made file behind."""
        temp = self.path.with_name(f"{DB_NAME}.new-{os.getpid()}")
        temp.unlink(missing_ok=True)
        _create_private(temp)
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            _migrate(conn)
        finally:
            conn.close()
        _link_into_place(temp, self.path)

    # -- damage and backups ----------------------------------------------------

    def _recover(self, why: str) -> None:
        """Move a damaged file aside and continue from the newest good backup, or empty."""
        self.close()
        # The backup is copied before the damaged file is moved: a process killed while
        # copying leaves the damaged file where it was, for the next start to find again.
        copy = self._copy_of_newest_backup()
        aside: Path | None = self._aside_name()
        try:
            os.rename(self.path, aside)  # type: ignore[arg-type]
        except FileNotFoundError:
            aside = None  # another process moved it already
        journal = self.path.with_name(DB_NAME + "-journal")
        if aside is not None and journal.exists():
            os.rename(journal, aside.with_name(aside.name + "-journal"))
        restored = None
        if copy is not None:
            temp, restored = copy
            _link_into_place(temp, self.path)
        told = f"the state file {self.path} could not be used: {why}."
        if aside is not None:
            told += f" It was moved to {aside.name}."
        told += (
            f" Continuing from the backup of {restored}."
            if restored
            else " No good backup was found: starting empty."
        )
        self.warn(told)

    def _aside_name(self) -> Path:
        """A name no file has yet, that says the file was damaged and when."""
        base = f"{DB_NAME}.damaged-{self.clock.now():%Y%m%dT%H%M%SZ}"
        candidate, number = self.path.with_name(base), 1
        while candidate.exists():
            number += 1
            candidate = self.path.with_name(f"{base}-{number}")
        return candidate

    def _copy_of_newest_backup(self) -> tuple[Path, str] | None:
        """The newest good backup, copied under a temporary name, and its day; or None."""
        for backup in sorted(self._backups(), reverse=True):
            if not _sound(backup):
                continue
            temp = self.path.with_name(f"{DB_NAME}.restoring-{os.getpid()}")
            _copy_database(backup, temp)
            return temp, backup.stem.removeprefix("heattimer-")
        return None

    def _backups(self) -> list[Path]:
        folder = self.data_dir / BACKUP_DIR
        return list(folder.glob("heattimer-*.sqlite3")) if folder.is_dir() else []

    def _daily_backup(self, day: str) -> bool:
        """Keep a copy of the file in backups/ for ``day``, checked sound first; keep the last
        few. False if the file was too busy to check (the next write tries again)."""
        folder = self.data_dir / BACKUP_DIR
        target = folder / f"heattimer-{day}.sqlite3"
        if target.exists():
            return True
        self._sweep_leftovers()
        try:
            check = self._connection().execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            if not _is_corruption(error):
                return False  # busy or unreadable for now: that is not damage
            check = str(error)
        if check != "ok":
            self._recover(f"its integrity check failed ({check})")
            return True
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            temp = folder / f".{target.name}.{os.getpid()}"
            _copy_database(self.path, temp)
            os.replace(temp, target)
            for old in sorted(self._backups(), reverse=True)[BACKUPS_KEPT:]:
                old.unlink(missing_ok=True)
        except (OSError, sqlite3.Error) as error:
            self.warn(f"could not write today's backup in {folder}: {error}")
        return True


def _link_into_place(temp: Path, path: Path) -> None:
    """Give ``temp`` the name ``path`` unless a file has it already (another process won)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        if not path.exists():
            os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _create_private(path: Path) -> None:
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _copy_database(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    _create_private(target)
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _sound(path: Path) -> bool:
    """True for a backup that is a whole Heat Timer database passing SQLite's check."""
    if _is_empty(path):
        return False
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            return ok and int(conn.execute("PRAGMA user_version").fetchone()[0]) >= 1
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _is_empty(path: Path) -> bool:
    """True for a file of no bytes. Only stat(), never open(): closing a file this process
    opened would drop every POSIX lock it holds on it, SQLite's included."""
    try:
        return os.stat(path).st_size == 0
    except FileNotFoundError:
        return False


def _foreign_with_journal(path: Path) -> bool:
    """True if a crash journal waits beside a file that does not start as SQLite files do.
    (Reading the file drops this process's POSIX locks on it, so only then: at open, when
    this store holds none.)"""
    if not path.with_name(path.name + "-journal").exists():
        return False
    try:
        with open(path, "rb") as file:
            return not file.read(16).startswith(b"SQLite format 3\x00")
    except FileNotFoundError:
        return False


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    text = str(error)
    return "malformed" in text or "not a database" in text


def _migrate(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[target].split(";"):
                if statement.strip():
                    conn.execute(statement)
        if version < SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
