"""The one module that touches the state file: a single SQLite database.

Promises:
- every change is one short ``BEGIN IMMEDIATE`` transaction, so the GUI and
  any number of CLI processes can write at once without losing an update;
  holding SQLite's write lock, a write first checks that its file is still the
  one at the path, so nothing is ever committed into a file set aside;
- a killed process never leaves a file that fails to open (SQLite's rollback
  journal, synchronous=FULL; a new file is built whole under another name);
- a file from a newer Heat Timer is opened read-only, and writing to it
  raises ReadOnlyStore;
- a file that is not a database, fails its integrity check, or is another
  program's database is moved aside (never changed), the person is told in
  one line, and work goes on from the newest good backup, or from empty. One
  process repairs, holding an OS lock on ``recovery.lock`` (which creating a
  new file takes too); the others wait, see the repaired file and reopen it.
  The replacement is swapped in with one rename, so there is always a file at
  the path;
- if that backup is older than the set-aside file's last change, or no backup
  was good and the file held data, the restored file carries a recovery hold
  (``Tables.recovery_hold``) and the line says what may be missing;
- a file-system fault (a full disk, a folder or a dangling link at the path,
  permission denied, a read-only or vanished folder) raises StoreError, one
  line that names it, and leaves no temporary file behind;
- a backup a day (SQLite's backup API), the last few kept;
- folder 0700, files 0600, and no folder it makes is group- or world-writable.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from heattimer import schema
from heattimer import statefile as files
from heattimer.clock import Clock, SystemClock
from heattimer.core.record import TYPE_CHECKING
from heattimer.tables import Tables

if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")

DB_NAME = "heattimer.sqlite3"
BACKUP_DIR = "backups"
LOCK_NAME = "recovery.lock"
BACKUPS_KEPT = 7
BUSY_TIMEOUT_S = 10.0
ATTEMPTS = 5
"""How often a transaction or an open follows a file that changed under it before giving up."""


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
        self._found: os.stat_result | None = None  # the file the connection has open
        try:
            files.make_folders(self.data_dir)
        except OSError as error:
            raise StoreError(
                f"cannot create the data folder {self.data_dir}: {files.cause(error)}"
            ) from None
        if not self.data_dir.is_dir():
            raise StoreError(f"cannot use the data folder {self.data_dir}: it is not a folder")
        self._open()

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
        problem = ""
        if self._backup_day != today:
            done, problem = self._daily_backup(today)
            if done:
                self._backup_day = today
        result = self._run(body, write=True)
        if problem:
            # Told once the write has landed: had it failed, its own line names the cause.
            self.warn(problem)
        return result

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the file."""
        try:
            return int(self._connection().execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as error:
            raise StoreError(f"cannot read {self.path}: {files.cause(error, self.path)}") from None

    def close(self) -> None:
        """Close the connection (the store reopens it when used again)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _run(self, body: Callable[[Tables], T], write: bool) -> T:
        verb = "write" if write else "read"
        for attempt in range(ATTEMPTS):
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                if write and not self._same_file():
                    # Set aside (and replaced) by another process since it was opened. Holding
                    # the write lock, no repair can come between this check and the commit.
                    conn.rollback()
                    self.close()
                    continue
                try:
                    result = body(Tables(conn))
                except BaseException:
                    files.rollback(conn)
                    raise
                conn.commit()
                return result
            except sqlite3.DatabaseError as error:
                files.rollback(conn)
                if files.code(error) == files.READONLY_DBMOVED:
                    self.close()  # replaced under this connection: follow it and try again
                    continue
                if files.is_corruption(error) and attempt < ATTEMPTS - 1:
                    assert self._found is not None
                    self._recover(f"it is damaged ({error})", self._found)
                    continue
                if files.is_busy(error):
                    raise StoreError(f"{self.path} is busy: another program holds it") from None
                raise StoreError(
                    f"cannot {verb} {self.path}: {files.cause(error, self.path)}"
                ) from None
        raise StoreError(f"cannot {verb} {self.path}: it keeps changing under this program")

    # -- opening -------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is not None and not self._same_file():
            # Another program moved a damaged file aside and restored a backup: follow it.
            self.close()
        if self._conn is None:
            self._open()
        assert self._conn is not None
        return self._conn

    def _same_file(self) -> bool:
        try:
            return files.same_file(os.stat(self.path), self._found)
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
        try:
            self._open_file()
        except OSError as error:  # whatever the checks below did not foresee: still one line
            raise StoreError(f"cannot open {self.path}: {files.cause(error)}") from None

    def _open_file(self) -> None:
        trouble = "it keeps changing under this program"
        for _ in range(ATTEMPTS):
            found = self._look()
            if found is None:
                self._create_fresh()
                continue
            if found.st_size == 0:
                self._recover("it is empty", found)
                continue
            if files.garbage_with_journal(self.path):
                self._recover("it is not an SQLite database", found)
                continue
            try:
                conn = self._connect()
            except sqlite3.DatabaseError as error:
                if files.is_corruption(error):
                    self._recover(f"it is not a readable database ({error})", found)
                else:
                    trouble = self._cannot_open(error)
                continue  # repaired, or moved away between the look and the open: look again
            try:
                conn = self._checked(conn, found)
                if files.same_file(os.stat(self.path), found):
                    self._conn, self._found = conn, found
                    return
                conn.close()  # replaced while it was opened: the connection may have the old one
            except files.LookAgain:
                conn.close()
            except sqlite3.DatabaseError as error:
                conn.close()
                if files.is_corruption(error):
                    self._recover(f"it is not a readable database ({error})", found)
                    continue
                raise StoreError(
                    f"cannot open {self.path}: {files.cause(error, self.path)}"
                ) from None
            except OSError as error:
                conn.close()
                raise StoreError(
                    f"cannot open {self.path}: {files.cause(error, self.path)}"
                ) from None
        raise StoreError(f"cannot open {self.path}: {trouble}")

    def _look(self) -> os.stat_result | None:
        """The file at the path (through a link), or None if there is none. Anything there
        that can never be the state file is a StoreError naming what it is."""
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            if os.path.islink(self.path):
                raise StoreError(
                    f"cannot open {self.path}: it is a link to {os.readlink(self.path)},"
                    " which does not exist"
                ) from None
            if not self.data_dir.is_dir():
                raise StoreError(
                    f"cannot open {self.path}: its folder {self.data_dir} is gone"
                    " (removed or renamed while Heat Timer was using it)"
                ) from None
            return None
        except OSError as error:
            raise StoreError(f"cannot open {self.path}: {files.cause(error, self.path)}") from None
        if not stat.S_ISREG(found.st_mode):
            what = "a folder, not a file" if stat.S_ISDIR(found.st_mode) else "not a file"
            if os.path.islink(self.path):
                what = f"a link to {os.readlink(self.path)}, which is {what}"
            raise StoreError(f"cannot open {self.path}: it is {what}")
        return found

    def _cannot_open(self, error: sqlite3.DatabaseError) -> str:
        """Why SQLite could not open the file, raised if it will not change by looking again."""
        if files.code(error) & 0xFF != files.CANTOPEN:
            raise StoreError(f"cannot open {self.path}: {files.cause(error, self.path)}") from None
        if os.path.exists(self.path) and not os.access(self.path, os.R_OK):
            raise StoreError(
                f"cannot open {self.path}: permission denied (this user may not read it)"
            ) from None
        return str(error)

    def _checked(self, conn: sqlite3.Connection, found: os.stat_result) -> sqlite3.Connection:
        """The connection, migrated to this version, or reopened read-only for a newer file."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema.SCHEMA_VERSION:
            conn.close()
            self.read_only_reason = (
                f"{self.path} was written by a newer Heat Timer (file version {version}, "
                f"this one knows {schema.SCHEMA_VERSION}); it is open read-only: update Heat Timer"
            )
            return self._connect(read_only=True)
        foreign = files.not_ours(conn, version)
        if foreign:
            conn.close()
            self._recover(foreign, found, kind="foreign")
            raise files.LookAgain
        if version < schema.SCHEMA_VERSION:
            files.migrate(conn, still_there=lambda: files.same_file(os.stat(self.path), found))
        return conn

    def _create_fresh(self) -> None:
        """Build a new file under a temporary name and link it into place, holding the
        recovery lock: a process killed meanwhile leaves no half-made file, and a process
        that finds no file while another swaps a backup in waits for it instead."""
        with self._lock(f"cannot create {self.path}"):
            if os.path.lexists(self.path):
                return  # made by another process, or swapped in by a repair, meanwhile
            temp = self.path.with_name(f"{DB_NAME}.new-{os.getpid()}")
            try:
                files.build_fresh(temp)
                files.link_into_place(temp, self.path)
            except (OSError, sqlite3.Error) as error:
                raise StoreError(f"cannot create {self.path}: {files.cause(error)}") from None
            finally:
                files.remove(temp)

    @contextlib.contextmanager
    def _lock(self, failing: str) -> Iterator[None]:
        """Hold the recovery lock: one process at a time creates or repairs the file.
        ``failing`` starts the line that says the lock could not be taken."""
        from heattimer.filelock import FileLock  # only to create or repair: not for `status`

        lock = FileLock(self.data_dir / LOCK_NAME)
        try:
            lock.acquire()
        except OSError as error:
            raise StoreError(
                f"{failing}: cannot make the lock file {lock.path} ({files.cause(error)})"
            ) from None
        try:
            yield
        finally:
            lock.release()

    # -- damage and backups ----------------------------------------------------

    def _recover(self, why: str, found: os.stat_result, kind: str = "damaged") -> None:
        """Set aside the file found unusable and swap in the newest good backup (or a new
        empty file): once, however many processes found it at the same moment."""
        self.close()
        with self._lock(
            f"the state file {self.path} could not be used: {why}, and cannot be repaired"
        ):
            try:
                there = os.stat(self.path)
            except OSError:
                return  # nothing there now: the caller looks again
            if not files.same_file(there, found):
                return  # another process repaired it while this one waited: just reopen
            from heattimer.repair import RepairFailed, repair

            try:
                told = repair(
                    self.path, self._backups(), why, kind, self.clock.now(), BUSY_TIMEOUT_S
                )
            except RepairFailed as failed:
                raise StoreError(str(failed)) from None
        self.warn(told)

    def _backups(self) -> list[Path]:
        folder = self.data_dir / BACKUP_DIR
        return list(folder.glob("heattimer-*.sqlite3")) if folder.is_dir() else []

    def _daily_backup(self, day: str) -> tuple[bool, str]:
        """Keep a copy of the file in backups/ for ``day``, checked sound first; keep the last
        few. (done, problem): not done if the file was too busy to check (the next write
        tries again); the problem, if the copy failed, for the person."""
        folder = self.data_dir / BACKUP_DIR
        target = folder / f"heattimer-{day}.sqlite3"
        if target.exists():
            return True, ""
        self._sweep_leftovers()
        try:
            check = self._connection().execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            if not files.is_corruption(error):
                return False, ""  # busy or unreadable for now: that is not damage
            check = str(error)
        if check != "ok":
            assert self._found is not None
            self._recover(f"its integrity check failed ({check})", self._found)
            return True, ""
        temp = folder / f".{target.name}.{os.getpid()}"
        try:
            files.make_private_folder(folder)
            files.copy_database(self.path, temp, BUSY_TIMEOUT_S)
            os.replace(temp, target)
            for old in sorted(self._backups(), reverse=True)[BACKUPS_KEPT:]:
                old.unlink(missing_ok=True)
        except (OSError, sqlite3.Error) as error:
            return True, f"could not write today's backup in {folder}: {files.cause(error)}"
        finally:
            files.remove(temp)
        return True, ""

    def _sweep_leftovers(self) -> None:
        """Remove temporary files that a process killed mid-way left behind (after an hour,
        so as not to take one from a process that is still using it)."""
        cutoff = self.clock.now().timestamp() - 3600
        for pattern in (f"{DB_NAME}.new-*", f"{DB_NAME}.restoring-*", f"{BACKUP_DIR}/.heattimer-*"):
            for leftover in self.data_dir.glob(pattern):
                with contextlib.suppress(OSError):
                    if leftover.stat().st_mtime < cutoff:
                        leftover.unlink()
