"""The day's backup made beside the app's writes (Store.back_up_today, in a thread of the
app's own): whole and checked, never in the way of a write, never of a damaged file."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import pytest

from heattimer.core.model import BreakOutcome
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from heattimer.store import Store
from heattimer.store.files import copy_database, sound
from tests.store.helpers import HeldCopy, backups, damaged_files, db_path, query, settled, todays
from tests.store.scenes import overwrite_page


def test_a_backup_made_while_the_app_writes_is_whole_and_sound(
    open_service: Callable[[], Service], data_dir: Path
) -> None:
    service = open_service()
    for n in range(300):
        service.log_injury(note=f"before {n} " + "x" * 800)
    for backup in backups(data_dir):
        backup.unlink()
    service.store._backup_day = None  # a new day
    worker = threading.Thread(target=service.store.back_up_today)
    worker.start()
    written = 0
    while (worker.is_alive() and written < 100) or written < 5:  # the app writes meanwhile
        service.log_injury(note=f"during {written}")
        written += 1
    worker.join(timeout=60)  # a bound on a failure, not a wait for the rule
    assert not worker.is_alive(), "the backup did not end while the app wrote"
    (backup,) = backups(data_dir)
    assert sound(backup)
    notes = {str(row[0]) for row in query(backup, "SELECT note FROM injuries")}
    assert {f"before {n} " + "x" * 800 for n in range(300)} <= notes
    assert service.store._backup_day is not None


def test_a_damaged_file_gets_no_backup_and_the_days_first_write_repairs_it(
    open_service: Callable[[], Service], data_dir: Path
) -> None:
    service = open_service()
    for n in range(50):
        service.log_injury(note=f"kept {n} " + "x" * 800)
    for backup in backups(data_dir):
        backup.unlink()
    service.store._backup_day = None
    service.store.close()
    overwrite_page(db_path(data_dir), "injuries")
    service.store.back_up_today()
    assert backups(data_dir) == [], "a copy of a damaged file was kept as a backup"
    assert service.store._backup_day is None
    service.log_injury(note="after")  # the day's first write checks the file itself
    assert len(damaged_files(data_dir)) == 1
    assert "after" in {str(row[0]) for row in query(db_path(data_dir), "SELECT note FROM injuries")}


class WritesBetweenSteps:
    """The source connection of a copy, where another connection writes after each step."""

    def __init__(self, conn: sqlite3.Connection, source: Path) -> None:
        self.conn, self.source, self.writing = conn, source, True

    def backup(self, target: sqlite3.Connection, **options: Any) -> None:
        progress = options.pop("progress", None)
        with contextlib.closing(REAL_CONNECT(self.source)) as writer:

            def step(status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(status, remaining, total)
                if self.writing:
                    writer.execute("INSERT INTO notes VALUES ('more')")
                    writer.commit()

            self.conn.backup(target, progress=step, **options)

    def close(self) -> None:
        self.conn.close()


REAL_CONNECT = sqlite3.connect


def test_a_backup_ends_though_another_program_writes_between_all_its_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite starts a copy made in steps over whenever another connection wrote between two
    steps: writes that keep coming must not keep the day's backup from ever ending."""
    source, copy = tmp_path / "source.sqlite3", tmp_path / "copy.sqlite3"
    with contextlib.closing(REAL_CONNECT(source)) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.executemany("INSERT INTO notes VALUES (?)", [("x" * 800,)] * 2000)  # 400 pages
        conn.commit()
    sources: list[WritesBetweenSteps] = []

    def connect(path: str | Path, *args: Any, **kwargs: Any) -> object:
        conn = REAL_CONNECT(path, *args, **kwargs)
        if str(path).startswith(source.as_uri()):
            sources.append(WritesBetweenSteps(conn, source))
            return sources[-1]
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    copying = threading.Thread(target=copy_database, args=(source, copy, 30.0, 64))
    copying.start()
    copying.join(timeout=60)  # a bound on a failure, not a wait for the rule
    ended = not copying.is_alive()
    for each in sources:
        each.writing = False  # let a copy that never ends, end
    copying.join()
    assert ended, "the copy started over at every step, for as long as the writes went on"
    assert query(copy, "PRAGMA integrity_check") == [("ok",)]
    assert len(query(copy, "SELECT text FROM notes WHERE text != 'more'")) == 2000


def test_with_the_backup_aside_the_days_first_write_does_not_wait_for_it(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(data_dir, clock=clock, back_up_aside=True)  # as the app opens it
    service = Service(store, clock, UTC)
    service.log_injury(note="yesterday's")
    settled(store)  # (that day's backup, begun by this write)
    held = HeldCopy(monkeypatch, data_dir)
    clock.jump(timedelta(days=1))  # a new day: no backup for it yet
    service.log_injury(note="the day's first")  # returns while the copy is held
    service.log_injury(note="and another")
    assert held.entered.wait(timeout=20)  # a bound on a failure, not a wait for the rule
    assert store.backing_up and held.threads == ["daily backup"]
    assert not todays(data_dir, clock)  # not yet: the writes went ahead of it
    held.go.set()
    settled(store)
    (today,) = todays(data_dir, clock)
    assert f"{clock.now():%Y-%m-%d}" in today.name and sound(today)
    notes = {str(row[0]) for row in query(today, "SELECT note FROM injuries")}
    assert "yesterday's" in notes and "the day's first" in notes
    service.log_injury(note="later")  # the day's backup is made: none again
    assert held.threads == ["daily backup"]
    store.close()


def test_with_the_backup_aside_a_damaged_file_is_still_found_and_repaired_by_a_write(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store(data_dir, clock=clock, back_up_aside=True)
    service = Service(store, clock, UTC)
    for n in range(50):
        service.record_break(BreakOutcome.DONE, f"kept {n} " + "x" * 800)
    settled(store)
    store.close()
    overwrite_page(db_path(data_dir), "breaks")  # a table the injury log's writes never read
    clock.jump(timedelta(days=1))
    service.log_injury(note="first")  # begins the backup aside, which finds the copy unsound
    settled(store)
    assert todays(data_dir, clock) == [] and damaged_files(data_dir) == []
    service.log_injury(note="after")  # so the next write checks the file itself
    assert len(damaged_files(data_dir)) == 1
    assert "after" in {str(row[0]) for row in query(db_path(data_dir), "SELECT note FROM injuries")}
    store.close()
