"""The state file as a connection: transactions, opening, repairing, the daily backup.

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
  Every use of the file holds that lock shared, after checking that its
  connection is on the file at the path, so no repair swaps a file in use.
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

import _thread  # not threading: `heattimer status` needs only a lock (0.7 ms less)
import contextlib
import os
import sqlite3
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from heattimer.i18n import _
from heattimer.platform.clock import SystemClock
from heattimer.platform.filelock import lock_fd, unlock_fd
from heattimer.store import files, schema
from heattimer.store.tables import Tables

if TYPE_CHECKING:
    from typing import TypeVar

    from heattimer.platform.ports import Clock

    T = TypeVar("T")

DB_NAME = "heattimer.sqlite3"
BACKUP_DIR = "backups"
LOCK_NAME = "recovery.lock"
BACKUPS_KEPT = 7
BUSY_TIMEOUT_S = 10.0
BACKUP_STEP_PAGES = 64
"""Pages copied at a time by a backup made beside the app's writes: a writer waits at most
for one step (a quarter of a megabyte, well under a millisecond)."""
ATTEMPTS = 5
"""How often a transaction or an open follows a file that changed under it before giving up."""


class StoreError(Exception):
    """The state file could not be read or written."""


class ReadOnlyStore(StoreError):
    """The state file belongs to a newer Heat Timer; it may be read, not written."""


class _NoFile(Exception):
    """Nothing is at the path: a new file is to be made."""


class _Unusable(Exception):
    """The file at the path is to be set aside (``kind`` says why: damaged, foreign)."""

    def __init__(self, why: str, found: os.stat_result, kind: str = "damaged") -> None:
        super().__init__(why)
        self.why, self.found, self.kind = why, found, kind


def _not_readable(error: BaseException) -> str:
    return _("it is not a readable database ({error})").format(error=error)


def _warn_stderr(message: str) -> None:
    print(f"heattimer: {message}", file=sys.stderr)


class Store:
    """The state file in ``data_dir``, opened (and repaired if need be) on construction."""

    def __init__(
        self,
        data_dir: Path,
        warn: Callable[[str], None] = _warn_stderr,
        clock: Clock | None = None,
        back_up_aside: bool = False,
    ) -> None:
        # Absolute, because SQLite is given file: URIs, and a relative path has none.
        self.data_dir = Path(data_dir).absolute()
        self.path = self.data_dir / DB_NAME
        self.warn = warn
        self.clock = clock or SystemClock()
        self.read_only_reason: str | None = None
        self.back_up_aside = back_up_aside
        """The day's backup on a thread of its own, beside the writes (the app: its first
        write of a day does not wait for it), not before the day's first write (the command
        line, which is gone before a thread would be done)."""
        self._backup_day: str | None = None
        self._backing_up = _thread.allocate_lock()  # the day's backup, made once at a time
        self._aside_tried: str | None = None  # the day a backup beside the writes was begun
        self._conn: sqlite3.Connection | None = None
        self._found: os.stat_result | None = None  # the file the connection has open
        self._lock_file: int | None = None  # recovery.lock, held shared while in use
        self._sharing = False
        try:
            files.make_folders(self.data_dir)
        except OSError as error:
            raise StoreError(
                _("cannot create the data folder {folder}: {cause}").format(
                    folder=self.data_dir, cause=files.cause(error)
                )
            ) from None
        if not self.data_dir.is_dir():
            raise StoreError(
                _("cannot use the data folder {folder}: it is not a folder").format(
                    folder=self.data_dir
                )
            )
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
        # Not while a backup runs beside the writes: it checks a copy of this very file, and
        # a write meanwhile is covered by the recovery hold should that check fail. (The app
        # begins it at launch and on the first tick of a day, so that its own writes rarely
        # come first.) Where that copy failed its check today, the file itself is checked
        # here (and repaired).
        due = self._backup_day != today
        aside = due and self.back_up_aside and self._begin_aside(today)
        if due and not aside and self._backing_up.acquire(blocking=False):
            try:
                done, problem = self._daily_backup(today)
                if done:
                    self._backup_day = today
            finally:
                self._backing_up.release()
        result = self._run(body, write=True)
        if problem:
            # Told once the write has landed: had it failed, its own line names the cause.
            self.warn(problem)
        return result

    def back_up_today(self) -> None:
        """Make the day's backup here and now, without holding up this store's writers (as
        the thread of ``start_back_up_today`` does): copied a few pages at a time, then the
        copy checked. If the copy fails its check, nothing is kept, and the day's next
        write checks the file itself (and repairs it)."""
        today = f"{self.clock.now():%Y-%m-%d}"
        if self._backup_day == today or not self._backing_up.acquire(blocking=False):
            return
        self._aside_tried = today
        self._back_up_aside(today)

    def start_back_up_today(self) -> None:
        """Begin the day's backup on a thread of its own, unless it is made, under way, or
        was tried today and its copy failed its check (the next write then checks the file
        itself). Returns at once: for the app, at launch and at each tick."""
        today = f"{self.clock.now():%Y-%m-%d}"
        if self._backup_day != today:
            self._begin_aside(today)

    @property
    def backing_up(self) -> bool:
        """True while the day's backup is being made."""
        return self._backing_up.locked()

    def _begin_aside(self, today: str) -> bool:
        """The day's backup begun on a thread of its own, or under way already: True; False
        where a write should check the file itself (tried today, and its copy unsound)."""
        if self._aside_tried == today:
            return self._backing_up.locked()
        if not self._backing_up.acquire(blocking=False):
            return True  # (the command line's back_up_today, or a check, is running)
        import threading

        self._aside_tried = today
        try:  # the lock is passed on to the thread, which releases it
            threading.Thread(
                target=self._back_up_aside, args=(today,), name="daily backup", daemon=True
            ).start()
        except RuntimeError:  # no thread to be had (the interpreter is shutting down)
            self._backing_up.release()
            return False
        return True

    def _back_up_aside(self, today: str) -> None:
        """Copy the file beside the writes and check the copy; the lock held is released."""
        try:
            self._sweep_leftovers()
            target = self.data_dir / BACKUP_DIR / f"heattimer-{today}.sqlite3"
            if target.exists() or not self._back_up(target, pages=BACKUP_STEP_PAGES):
                self._backup_day = today
        finally:
            self._backing_up.release()

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the file."""
        try:
            with self._using() as conn:
                return int(conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as error:
            raise StoreError(self._cannot("read", error)) from None

    def close(self) -> None:
        """Close the connection (the store reopens it when used again)."""
        self._forget()
        if self._lock_file is not None:
            os.close(self._lock_file)
            self._lock_file = None

    def _forget(self) -> None:
        """Close the connection only (the lock file stays open, and may be held)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _run(self, body: Callable[[Tables], T], write: bool) -> T:
        verb = "write" if write else "read"
        for attempt in range(ATTEMPTS):
            conn = self._connection()
            try:
                with self._shared():
                    if not self._same_file():
                        self._forget()  # set aside by a repair since it was used: follow it
                        continue
                    conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                    if write and not self._same_file():
                        # Swapped by a program that does not share the lock. Holding the write
                        # lock, no repair can come between this check and the commit.
                        conn.rollback()
                        self._forget()
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
                    self._forget()  # replaced under this connection: follow it and try again
                    continue
                if files.is_corruption(error) and attempt < ATTEMPTS - 1:
                    assert self._found is not None
                    self._recover(_("it is damaged ({error})").format(error=error), self._found)
                    continue
                if files.is_busy(error):
                    raise StoreError(
                        _("{path} is busy: another program holds it").format(path=self.path)
                    ) from None
                raise StoreError(self._cannot(verb, error)) from None
        raise StoreError(self._cannot(verb, _("it keeps changing under this program")))

    def _cannot(self, verb: str, error: BaseException | str) -> str:
        """The line for a read (``verb``: "read") or a write that failed."""
        cause = error if isinstance(error, str) else files.cause(error, self.path)
        if verb == "read":
            return _("cannot read {path}: {cause}").format(path=self.path, cause=cause)
        return _("cannot write {path}: {cause}").format(path=self.path, cause=cause)

    def _cannot_open_line(self, cause: str) -> str:
        return _("cannot open {path}: {cause}").format(path=self.path, cause=cause)

    @contextlib.contextmanager
    def _shared(self) -> Iterator[None]:
        """Hold the recovery lock shared while the connection is used, so that no repair swaps
        the file meanwhile. A connection left on a file set aside must never reach SQLite
        again: the journal beside the path is the restored file's now, and SQLite would take
        it for its own crash journal and play it back. (Windows has no shared lock.)"""
        fd = None if self._sharing or os.name == "nt" else self._lock_fd()
        if fd is None:  # already held, or a folder where no lock can be made (nor any repair)
            yield
            return
        try:
            lock_fd(fd, wait=True, shared=True)
        except OSError:  # a file system that cannot lock: as safe as the programs before this
            yield
            return
        self._sharing = True
        try:
            yield
        finally:
            self._sharing = False
            unlock_fd(fd)

    def _lock_fd(self) -> int | None:
        if self._lock_file is None:
            lock = self.data_dir / LOCK_NAME
            with contextlib.suppress(OSError):
                self._lock_file = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
            if self._lock_file is None:
                with contextlib.suppress(OSError):
                    self._lock_file = os.open(lock, os.O_RDONLY)  # a read-only folder
        return self._lock_file

    @contextlib.contextmanager
    def _using(self) -> Iterator[sqlite3.Connection]:
        """The connection, checked to be on the file at the path, for a block holding the
        recovery lock shared."""
        for _attempt in range(ATTEMPTS):
            conn = self._connection()
            with self._shared():
                if self._same_file():
                    yield conn
                    return
            self._forget()
        raise StoreError(self._cannot_open_line(_("it keeps changing under this program")))

    # -- opening -------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        """The connection, opened if need be; whoever uses it checks, holding the recovery
        lock shared, that it is still on the file at the path."""
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
            raise StoreError(self._cannot_open_line(files.cause(error))) from None

    def _open_file(self) -> None:
        trouble = _("it keeps changing under this program")
        for _attempt in range(ATTEMPTS):
            try:
                with self._shared():
                    self._open_once()
                return
            except _NoFile:
                self._create_fresh()
            except _Unusable as unusable:
                self._recover(unusable.why, unusable.found, unusable.kind)
            except files.LookAgain as again:
                trouble = str(again) or trouble
        raise StoreError(self._cannot_open_line(trouble))

    def _open_once(self) -> None:
        """Open the file at the path, or raise what is to be done first (holding the lock
        shared: creating or repairing takes it exclusive)."""
        found = self._look()
        if found is None:
            raise _NoFile
        if found.st_size == 0:
            raise _Unusable(_("it is empty"), found)
        if files.garbage_with_journal(self.path):
            raise _Unusable(_("it is not an SQLite database"), found)
        try:
            conn = self._connect()
        except sqlite3.DatabaseError as error:
            if files.is_corruption(error):
                raise _Unusable(_not_readable(error), found) from None
            raise files.LookAgain(self._cannot_open(error)) from None
        try:
            conn = self._checked(conn, found)
            if not files.same_file(os.stat(self.path), found):
                raise files.LookAgain  # replaced by a program that does not share the lock
        except BaseException as error:
            conn.close()
            if not isinstance(error, sqlite3.DatabaseError):
                raise
            if files.is_corruption(error):
                raise _Unusable(_not_readable(error), found) from None
            raise StoreError(self._cannot_open_line(files.cause(error, self.path))) from None
        self._conn, self._found = conn, found

    def _look(self) -> os.stat_result | None:
        """The file at the path (through a link), or None if there is none. Anything there
        that can never be the state file is a StoreError naming what it is."""
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            if os.path.islink(self.path):
                raise StoreError(
                    self._cannot_open_line(
                        _("it is a link to {target}, which does not exist").format(
                            target=os.readlink(self.path)
                        )
                    )
                ) from None
            if not self.data_dir.is_dir():
                raise StoreError(
                    self._cannot_open_line(
                        _(
                            "its folder {folder} is gone (removed or renamed while Heat Timer "
                            "was using it)"
                        ).format(folder=self.data_dir)
                    )
                ) from None
            return None
        except OSError as error:
            raise StoreError(self._cannot_open_line(files.cause(error, self.path))) from None
        if not stat.S_ISREG(found.st_mode):
            folder = stat.S_ISDIR(found.st_mode)
            if os.path.islink(self.path):
                target = os.readlink(self.path)
                if folder:
                    what = _("it is a link to {target}, which is a folder, not a file")
                else:
                    what = _("it is a link to {target}, which is not a file")
                what = what.format(target=target)
            else:
                what = _("it is a folder, not a file") if folder else _("it is not a file")
            raise StoreError(self._cannot_open_line(what))
        return found

    def _cannot_open(self, error: sqlite3.DatabaseError) -> str:
        """Why SQLite could not open the file, raised if it will not change by looking again."""
        if files.code(error) & 0xFF != files.CANTOPEN:
            raise StoreError(self._cannot_open_line(files.cause(error, self.path))) from None
        if os.path.exists(self.path) and not os.access(self.path, os.R_OK):
            raise StoreError(
                self._cannot_open_line(_("permission denied (this user may not read it)"))
            ) from None
        return str(error)

    def _checked(self, conn: sqlite3.Connection, found: os.stat_result) -> sqlite3.Connection:
        """The connection, migrated to this version, or reopened read-only for a newer file."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema.SCHEMA_VERSION:
            conn.close()
            self.read_only_reason = _(
                "{path} was written by a newer Heat Timer (file version {version}, this one "
                "knows {known}); it is open read-only: update Heat Timer"
            ).format(path=self.path, version=version, known=schema.SCHEMA_VERSION)
            return self._connect(read_only=True)
        foreign = files.not_ours(conn, version)
        if foreign:
            raise _Unusable(foreign, found, kind="foreign")
        if version < schema.SCHEMA_VERSION:
            files.migrate(conn, still_there=lambda: files.same_file(os.stat(self.path), found))
        return conn

    def _create_fresh(self) -> None:
        """Build a new file under a temporary name and link it into place, holding the
        recovery lock: a process killed meanwhile leaves no half-made file, and a process
        that finds no file while another swaps a backup in waits for it instead."""
        with self._lock(_("cannot create {path}").format(path=self.path)):
            if os.path.lexists(self.path):
                return  # made by another process, or swapped in by a repair, meanwhile
            temp = self.path.with_name(f"{DB_NAME}.new-{os.getpid()}")
            try:
                files.build_fresh(temp)
                files.link_into_place(temp, self.path)
            except (OSError, sqlite3.Error) as error:
                raise StoreError(
                    _("cannot create {path}: {cause}").format(
                        path=self.path, cause=files.cause(error)
                    )
                ) from None
            finally:
                files.remove(temp)

    @contextlib.contextmanager
    def _lock(self, failing: str) -> Iterator[None]:
        """Hold the recovery lock: one process at a time creates or repairs the file.
        ``failing`` starts the line that says the lock could not be taken."""
        from heattimer.platform.filelock import (
            FileLock,  # only to create or repair: not for `status`
        )

        assert not self._sharing, "held shared by this store: taking it would wait forever"
        lock = FileLock(self.data_dir / LOCK_NAME)
        try:
            lock.acquire()
        except OSError as error:
            raise StoreError(
                _("{failing}: cannot make the lock file {lock} ({cause})").format(
                    failing=failing, lock=lock.path, cause=files.cause(error)
                )
            ) from None
        try:
            yield
        finally:
            lock.release()

    # -- damage and backups ----------------------------------------------------

    def _recover(self, why: str, found: os.stat_result, kind: str = "damaged") -> None:
        """Set aside the file found unusable and swap in the newest good backup (or a new
        empty file): once, however many processes found it at the same moment."""
        self._forget()
        with self._lock(
            _("the state file {path} could not be used: {why}, and cannot be repaired").format(
                path=self.path, why=why
            )
        ):
            try:
                there = os.stat(self.path)
            except OSError:
                return  # nothing there now: the caller looks again
            if not files.same_file(there, found):
                return  # another process repaired it while this one waited: just reopen
            from heattimer.store.repair import RepairFailed, repair

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
        target = self.data_dir / BACKUP_DIR / f"heattimer-{day}.sqlite3"
        if target.exists():
            return True, ""
        self._sweep_leftovers()
        with self._using() as conn:
            try:
                check = conn.execute("PRAGMA quick_check").fetchone()[0]
            except sqlite3.DatabaseError as error:
                if not files.is_corruption(error):
                    return False, ""  # busy or unreadable for now: that is not damage
                check = str(error)
            if check == "ok":
                return True, self._back_up(target)
        assert self._found is not None
        self._recover(_("its integrity check failed ({check})").format(check=check), self._found)
        return True, ""

    def _back_up(self, target: Path, pages: int = -1) -> str:
        """Copy the file to ``target`` (whole, or not at all; ``pages`` at a time, and then
        checked, if given); what went wrong, or ""."""
        temp = target.with_name(f".{target.name}.{os.getpid()}.{_thread.get_ident()}")
        try:
            files.make_private_folder(target.parent)
            files.copy_database(self.path, temp, BUSY_TIMEOUT_S, pages)
            if pages > 0 and not files.sound(temp):
                return _("the day's backup failed its check")
            os.replace(temp, target)
            for old in sorted(self._backups(), reverse=True)[BACKUPS_KEPT:]:
                old.unlink(missing_ok=True)
        except (OSError, sqlite3.Error) as error:
            return _("could not write today's backup in {folder}: {cause}").format(
                folder=target.parent, cause=files.cause(error)
            )
        finally:
            files.remove(temp)
        return ""

    def _sweep_leftovers(self) -> None:
        """Remove temporary files that a process killed mid-way left behind (after an hour,
        so as not to take one from a process that is still using it)."""
        cutoff = self.clock.now().timestamp() - 3600
        for pattern in (f"{DB_NAME}.new-*", f"{DB_NAME}.restoring-*", f"{BACKUP_DIR}/.heattimer-*"):
            for leftover in self.data_dir.glob(pattern):
                with contextlib.suppress(OSError):
                    if leftover.stat().st_mtime < cutoff:
                        leftover.unlink()
