"""The state file below SQLite's level: what is at its path, whether a database is ours,
whole files built or copied under temporary names and swapped in, and errors in words.

Rules the store relies on:
- a file is swapped in with ``os.replace`` after the old one got its new name by a hard
  link, so at every moment there is a file at the path;
- a crash journal goes wherever its file goes: left beside a restored file, SQLite would
  play it back into that file;
- nothing here opens the state file with ``open()`` while this process may hold SQLite's
  locks on it: closing any descriptor of a file drops every POSIX lock the process holds
  on it, SQLite's included.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path

from heattimer.i18n import _
from heattimer.store import schema

SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite's result codes; an extended code keeps its primary code in the low byte.
BUSY, LOCKED, READONLY, CORRUPT, FULL, CANTOPEN, NOTADB = 5, 6, 8, 11, 13, 14, 26
READONLY_DBMOVED = READONLY | 4 << 8  # the file was renamed or replaced under the connection
READONLY_DIRECTORY = READONLY | 6 << 8  # the folder is read-only: no journal can be made


class LookAgain(Exception):
    """The file at the path changed while this process opened it."""


_WORDS = {
    errno.ENOSPC: _("the disk is full"),
    errno.EDQUOT: _("the disk quota is used up"),
    errno.EROFS: _("the disk is read-only"),
    errno.EACCES: _("permission denied"),
    errno.EPERM: _("permission denied"),
}


def code(error: sqlite3.Error) -> int:
    """SQLite's extended result code of ``error`` (0 if it has none)."""
    return int(getattr(error, "sqlite_errorcode", 0) or 0)


def is_corruption(error: sqlite3.DatabaseError) -> bool:
    """True if SQLite says the file is damaged or is not a database at all."""
    if code(error):
        return code(error) & 0xFF in (CORRUPT, NOTADB)
    text = str(error)
    return "malformed" in text or "not a database" in text


def is_busy(error: sqlite3.Error) -> bool:
    """True if another connection holds the lock this one waited for."""
    return code(error) & 0xFF in (BUSY, LOCKED) or "locked" in str(error)


def cause(error: BaseException, path: Path | None = None) -> str:
    """What went wrong with ``path``, in words a person can act on."""
    if isinstance(error, sqlite3.Error):
        primary = code(error) & 0xFF
        if primary == FULL:
            return _("the disk is full")
        if is_busy(error):
            return _("it is busy: another program holds it")
        if code(error) == READONLY_DIRECTORY and path is not None:
            return _(
                "its folder {folder} is read-only, so the journal SQLite keeps beside the file "
                "cannot be created"
            ).format(folder=path.parent)
        if primary == READONLY and path is not None:
            if _read_only_disk(path):
                return _("the disk it is on is read-only")
            if not os.access(path, os.W_OK):
                return _("permission denied: this user may read it but not change it")
        return str(error)
    if isinstance(error, OSError):
        words = _WORDS.get(error.errno or 0) or error.strerror or str(error)
        # Name the file when it is not the one the message is about (a lock, a temporary).
        if error.filename and path is not None and Path(error.filename) != path:
            words += f" ({error.filename})"
        return words
    return str(error)


def _read_only_disk(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # Windows has no statvfs
        return False


def same_file(a: os.stat_result, b: os.stat_result | None) -> bool:
    """True if two stat results are of one file (a replaced file has a new inode)."""
    return b is not None and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def make_folders(folder: Path) -> None:
    """Create ``folder`` 0700, and its missing parents 0755 at most, whatever the umask:
    under umask 000, mkdir's default would let anyone swap the files inside."""
    missing: list[Path] = []
    probe = folder
    while not os.path.lexists(probe) and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for made in reversed(missing):
        mode = 0o700 if made == folder else 0o755
        try:
            os.mkdir(made, mode)
        except FileExistsError:  # another program made it just now
            continue
        if made == folder:
            os.chmod(made, mode)  # exactly 0700, whatever the umask took away


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` 0700 if it is missing (for backups)."""
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        return
    os.chmod(folder, 0o700)


def create_private(path: Path) -> None:
    """Create an empty file 0600 unless one exists (SQLite keeps the mode it finds)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def remove(path: Path) -> None:
    """Remove a temporary file and its journal, if they are there."""
    for each in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            each.unlink()


def garbage_with_journal(path: Path) -> bool:
    """True if a crash journal waits beside a file that does not start as SQLite files do.
    SQLite would play the journal back into it before finding it is not a database, and
    damaged bytes must stay as they are. (Reads the file: only where this process holds no
    SQLite lock on it.)"""
    if not path.with_name(path.name + "-journal").exists():
        return False
    try:
        with open(path, "rb") as file:
            return not file.read(16).startswith(SQLITE_MAGIC)
    except FileNotFoundError:
        return False


@cache
def tables_up_to(version: int) -> frozenset[str]:
    """The tables a file of ``version`` has: those its migrations create. (Split by hand:
    compiling a regular expression would cost `heattimer status` a fifth of a millisecond.)"""
    names: set[str] = set()
    for step in range(1, version + 1):
        for part in schema.MIGRATIONS[step].split("CREATE TABLE ")[1:]:
            names.add(part.split("(", 1)[0].split()[-1])
    return frozenset(names)


def not_ours(conn: sqlite3.Connection, version: int) -> str:
    """Why the open database is another program's, or "" if it is a Heat Timer file (or a
    blank one, version 0 and nothing in it, which is ours to set up)."""
    rows = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    tables = {str(name) for kind, name in rows if kind == "table"}
    if version == 0 and not rows:
        return ""
    if version > 0 and tables_up_to(version) <= tables:
        return ""
    shown = ", ".join(sorted(tables)[:3]) + (", ..." if len(tables) > 3 else "")
    if not tables:
        return _("it is another program's SQLite database (version {version}, no tables)").format(
            version=version
        )
    return _("it is another program's SQLite database (version {version}, tables {tables})").format(
        version=version, tables=shown
    )


def sound(path: Path) -> bool:
    """True for a backup that is a whole Heat Timer database (version 1 or later, with this
    version's tables at least) passing SQLite's check."""
    try:
        if os.stat(path).st_size == 0:
            return False
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return False
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            return version >= 1 and not not_ours(conn, min(version, schema.SCHEMA_VERSION))
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


STEPPED_RESTARTS = 3
"""How often a copy made in steps may start over before the rest is copied in one step."""


class _StartedOver(Exception):
    pass


def copy_database(source: Path, target: Path, timeout: float, pages: int = -1) -> None:
    """Copy a whole database with SQLite's backup API into a new private file ``target``;
    ``pages`` at a time, so that a writer waits at most for one step (-1: all at once).

    SQLite starts a copy in steps over whenever another connection writes between two
    steps, so writes that keep coming would keep it from ever ending: after
    STEPPED_RESTARTS, it is made in one step (a writer then waits once, for the copy)."""
    restarts = 0
    last = -1  # the pages left after the step before

    def progress(_status: int, remaining: int, _total: int) -> None:
        nonlocal restarts, last
        if last >= 0 and remaining > last:  # it started over
            restarts += 1
            if restarts > STEPPED_RESTARTS:
                raise _StartedOver
        last = remaining

    target.unlink(missing_ok=True)
    create_private(target)
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=timeout)
    try:
        dst = sqlite3.connect(target)
        try:
            try:
                src.backup(dst, pages=pages, progress=progress if pages > 0 else None)
            except _StartedOver:
                src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def link_into_place(temp: Path, path: Path) -> None:
    """Give ``temp`` the name ``path`` unless a file has it already (another process won)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        if not os.path.lexists(path):
            os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    sync_folder(path.parent)


def swap_in(target: Path, replacement: Path, aside: Path) -> None:
    """Put ``replacement`` at ``target``; the file that was there (and its crash journal)
    keeps the name ``aside``. The caller holds SQLite's write lock on the old file."""
    journal = target.with_name(target.name + "-journal")
    aside_journal = aside.with_name(aside.name + "-journal")
    try:
        os.link(target, aside)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: for a moment there is no file at the path, and
        # a process that looks then waits on the recovery lock before it may create one.
        os.rename(target, aside)
    moved_journal = False
    try:
        if journal.exists():
            os.rename(journal, aside_journal)
            moved_journal = True
        os.replace(replacement, target)
    except OSError:
        # Undo, so that the damaged file stays at the path, whole, with its journal.
        if moved_journal:
            with contextlib.suppress(OSError):
                os.rename(aside_journal, journal)
        if not os.path.lexists(target):
            with contextlib.suppress(OSError):
                os.rename(aside, target)
        else:
            with contextlib.suppress(OSError):
                aside.unlink()
        raise
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (POSIX; elsewhere the OS does what it does)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back whatever is open; a failure here must not hide the error being handled."""
    with contextlib.suppress(sqlite3.Error):
        if conn.in_transaction:
            conn.rollback()


def build_fresh(path: Path) -> None:
    """A new, empty Heat Timer database at ``path`` (a temporary name)."""
    path.unlink(missing_ok=True)
    create_private(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        migrate(conn)
    finally:
        conn.close()


def migrate(conn: sqlite3.Connection, still_there: Callable[[], bool] | None = None) -> None:
    """Bring the database to this version, in one transaction. ``still_there`` is asked
    holding the write lock: a file swapped out since it was opened is never migrated."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if still_there is not None and not still_there():
            raise LookAgain
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, schema.SCHEMA_VERSION + 1):
            for statement in schema.MIGRATIONS[target].split(";"):
                if statement.strip():
                    conn.execute(statement)
        if version < schema.SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        conn.commit()
    except BaseException:
        rollback(conn)
        raise
