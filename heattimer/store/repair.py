"""Putting a good file in place of an unusable state file: the newest sound backup, or a new
empty file, swapped in while the old one is kept under a name that says why.

Rules (the store calls this holding the recovery lock, once it has seen that the file it
found unusable is still the one at the path):
- the replacement is built whole under a temporary name first; if that fails (a full
  disk), the old file stays where it was, as it was, and no temporary is left;
- SQLite's write lock on the old file is taken before anything is decided, so every
  commit to it has landed, and shows in its modification time, when that time is read;
- if the backup is older than that time (a tie counts as older), or there was no backup
  and the file held data, records may be missing: the replacement gets a recovery hold
  (Tables.set_recovery_hold) in a write transaction before it is swapped in.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from heattimer.core.model import RecoveryHold
from heattimer.i18n import _
from heattimer.store import files, schema
from heattimer.store.tables import Tables


class RepairFailed(Exception):
    """No replacement could be put in place; the message is the line for the person."""


def repair(
    path: Path, backups: list[Path], why: str, kind: str, now: datetime, timeout: float
) -> str:
    """Set the file at ``path`` aside as ``<name>.<kind>-<time>`` and put the newest sound
    of ``backups`` (or a new empty file) in its place. The line that tells the person."""
    # Through a link the person made, the file it points to is repaired; the link stays.
    target = Path(os.path.realpath(path))
    aside = _free_name(target.with_name(f"{target.name}.{kind}-{now:%Y%m%dT%H%M%SZ}"))
    backup = next((b for b in sorted(backups, reverse=True) if files.sound(b)), None)
    taken = None if backup is None else backup.stat().st_mtime
    when = "" if taken is None else f"{datetime.fromtimestamp(taken).astimezone():%Y-%m-%d %H:%M}"
    temp = target.with_name(f"{target.name}.restoring-{os.getpid()}")
    try:
        holder = _write_lock(target, timeout)
        try:
            hold = _may_have_lost(os.stat(target), taken, kind)
            if backup is not None:
                files.copy_database(backup, temp, timeout)
            else:
                files.build_fresh(temp)
            if hold:
                backup_at = None if taken is None else datetime.fromtimestamp(taken, UTC)
                _set_hold(temp, RecoveryHold(now, backup_at, aside.name))
            files.swap_in(target, temp, aside)
        finally:
            if holder is not None:
                files.rollback(holder)
                holder.close()
    except (OSError, sqlite3.Error) as error:
        if backup is not None:
            failed = _(
                "the state file {path} could not be used: {why}; the backup of {time} could "
                "not be put in its place: {cause}. It was left as it was"
            )
        else:
            failed = _(
                "the state file {path} could not be used: {why}; a new empty file could not be "
                "put in its place: {cause}. It was left as it was"
            )
        raise RepairFailed(
            failed.format(path=path, why=why, time=when, cause=files.cause(error))
        ) from None
    finally:
        files.remove(temp)
    return _told(path, why, kind, aside, when if backup is not None else None, hold)


def _may_have_lost(bad: os.stat_result, taken: float | None, kind: str) -> bool:
    """True if the file set aside may hold records the replacement lacks."""
    if taken is None:
        return kind == "damaged" and bad.st_size > 0  # another program's file held none
    return taken <= bad.st_mtime


def _told(path: Path, why: str, kind: str, aside: Path, when: str | None, hold: bool) -> str:
    if kind == "foreign":
        told = _("{path} is not Heat Timer's: {why}. It was moved, unchanged, to {aside}.")
    else:
        told = _("the state file {path} could not be used: {why}. It was moved to {aside}.")
    told = told.format(path=path, why=why, aside=aside.name)
    if when is None and hold:
        then = _(
            "No good backup was found: starting empty, so every injury, red flag and clearance "
            "logged before is missing; heat waits until you have checked your injury log and "
            "confirmed it ('heattimer injury confirm', or the app's button)."
        )
    elif when is None:
        then = _("No good backup was found: starting empty.")
    elif hold:
        then = _(
            "Continuing from the backup of {time}: injuries, red flags or clearances logged "
            "after that may be missing; heat waits until you have checked your injury log and "
            "confirmed it ('heattimer injury confirm', or the app's button)."
        ).format(time=when)
    else:
        then = _("Continuing from the backup of {time}, taken after its last change.").format(
            time=when
        )
    return f"{told} {then}"


def _write_lock(target: Path, timeout: float) -> sqlite3.Connection | None:
    """SQLite's write lock on the file about to be set aside: no writer can then be between
    its check that its file is at the path and its commit. None where SQLite cannot lock
    it (it is not a database): no writer can commit to it then either."""
    if os.stat(target).st_size == 0 or files.garbage_with_journal(target):
        # SQLite would start a new database in an empty file, and would play a journal
        # back into a file that does not start as a database before finding it is not one.
        return None
    conn = None
    try:
        conn = sqlite3.connect(
            f"{target.as_uri()}?mode=rw", uri=True, timeout=timeout, isolation_level=None
        )
        conn.execute("BEGIN IMMEDIATE")
        return conn
    except sqlite3.DatabaseError as error:
        if conn is not None:
            conn.close()
        if files.is_busy(error):
            raise
        return None


def _set_hold(path: Path, hold: RecoveryHold) -> None:
    """Record the recovery hold in the replacement at ``path``, before it is swapped in."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] > schema.SCHEMA_VERSION:
            return  # a newer Heat Timer's file is never written (it opens read-only)
        files.migrate(conn)  # an older backup gets this version's tables first
        conn.execute("BEGIN IMMEDIATE")
        try:
            Tables(conn).set_recovery_hold(hold)
            conn.commit()
        except BaseException:
            files.rollback(conn)
            raise
    finally:
        conn.close()


def _free_name(candidate: Path) -> Path:
    """``candidate``, or with -2, -3... if a file has that name already."""
    base, number = candidate, 1
    while os.path.lexists(candidate):
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate
