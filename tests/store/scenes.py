"""Data folders set up for the recovery tests: a file with records, a backup of an earlier
day, and ways to damage the file as a disk or another program would."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from heattimer.core.model import BreakOutcome
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from heattimer.store import Store
from tests.store.helpers import T0, Warnings, backups, db_path

BACKUP_DAY = "2026-11-20"
BACKUP_TAKEN = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # noon: that date in any zone


def page_of(path: Path, name: str) -> tuple[int, int]:
    """(byte offset, page size) of the root page of table or index ``name``."""
    conn = sqlite3.connect(path)
    try:
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)
        ).fetchone()
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    finally:
        conn.close()
    return (root - 1) * size, size


def overwrite_page(path: Path, name: str) -> None:
    """Garbage over the root page of ``name``; the file's header stays good."""
    offset, size = page_of(path, name)
    with open(path, "r+b") as file:
        file.seek(offset)
        file.write(b"\xde\xad\xbe\xef" * (size // 4))


def set_taken(backup: Path, at: datetime) -> None:
    """Give ``backup`` the modification time it would have had, taken at ``at``."""
    os.utime(backup, (at.timestamp(), at.timestamp()))


def filled_folder(data_dir: Path, written_after_backup: bool = True) -> set[str]:
    """A data folder whose only backup (of BACKUP_DAY) holds 20 injuries and a break; with
    ``written_after_backup``, one more injury is written to the file after it. The ids in
    the backup."""
    clock = FakeClock(T0)
    store = Store(data_dir, warn=Warnings(), clock=clock)
    service = Service(store, clock, UTC)
    in_backup = {service.log_injury(note="x" * 500).id for _ in range(20)}
    service.record_break(BreakOutcome.DONE, "cat-cow")
    store.close()
    for old in backups(data_dir):
        old.unlink()
    backup = data_dir / "backups" / f"heattimer-{BACKUP_DAY}.sqlite3"
    shutil.copyfile(db_path(data_dir), backup)
    set_taken(backup, BACKUP_TAKEN)
    if written_after_backup:
        store = Store(data_dir, warn=Warnings(), clock=clock)
        Service(store, clock, UTC).log_injury(note="after the backup")
        store.close()
        for new in backups(data_dir):
            if new != backup:
                new.unlink()
    return in_backup
