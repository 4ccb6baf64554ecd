"""The state file as it sits on disk: private modes, random ids, nothing deleted, daily
backups, and files from a newer Heat Timer opened read-only."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
from collections.abc import Callable
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from heattimer.core.model import BreakOutcome, Kind, RedFlag
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from heattimer.store import ReadOnlyStore, Store, StoreError
from tests.store.helpers import (
    Warnings,
    backups,
    column,
    damaged_files,
    db_path,
    integrity,
    query,
    sha256,
)

HEX_ID = re.compile(r"^[0-9a-f]{32}$")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def backup_name(day: str) -> str:
    return f"heattimer-{day}.sqlite3"


# -- modes ---------------------------------------------------------------------


def test_fresh_data_folder_is_0700_and_every_file_in_it_0600(
    tmp_path: Path, clock: FakeClock
) -> None:
    data_dir = tmp_path / "nested" / "data"
    old_umask = os.umask(0)  # the most permissive umask: modes must not depend on it
    try:
        store = Store(data_dir, warn=Warnings(), clock=clock)
        Service(store, clock, UTC).log_injury()
        store.close()
    finally:
        os.umask(old_umask)

    assert mode(data_dir) == 0o700
    assert mode(db_path(data_dir)) == 0o600
    assert mode(data_dir / "backups") == 0o700
    (backup,) = backups(data_dir)
    assert mode(backup) == 0o600
    for path in data_dir.rglob("*"):
        assert mode(path) & 0o077 == 0, f"{path} is readable by others"


def test_file_restored_from_a_backup_is_0600(
    open_service: Callable[[], Service], data_dir: Path
) -> None:
    open_service().log_injury()
    db_path(data_dir).write_bytes(b"this is not a database\n" * 10)
    os.chmod(db_path(data_dir), 0o644)

    open_service().status()

    assert mode(db_path(data_dir)) == 0o600
    assert integrity(db_path(data_dir)) == "ok"


# -- ids and no deletion -----------------------------------------------------------


def test_every_record_gets_a_random_32_hex_id(
    open_service: Callable[[], Service], data_dir: Path, clock: FakeClock
) -> None:
    service = open_service()
    injuries = [service.log_injury(red_flags=[RedFlag.TRAUMA]) for _ in range(5)]
    service.clear_injury(injuries[0].id)
    for _ in range(5):
        service.record_break(BreakOutcome.DONE, "cat-cow")
    service.record_session(Kind.HEAT, clock.now() - timedelta(hours=3), 15)
    clock.jump(timedelta(days=3))
    service.start(Kind.COLD)
    service.stop()

    path = db_path(data_dir)
    ids = [
        str(row[0])
        for table in ("sessions", "injuries", "clearances", "breaks")
        for row in query(path, f"SELECT id FROM {table}")
    ]
    assert len(ids) == 2 + 5 + 1 + 5
    assert all(HEX_ID.match(i) for i in ids), ids
    assert len(set(ids)) == len(ids)


def test_a_removed_injury_stays_in_the_file_with_removed_at(
    open_service: Callable[[], Service], data_dir: Path, clock: FakeClock
) -> None:
    service = open_service()
    kept = service.log_injury(note="real")
    mistake = service.log_injury(note="logged by mistake")
    clock.jump(60)

    service.remove_injury(mistake.id[:8])

    rows = dict(query(db_path(data_dir), "SELECT id, removed_at FROM injuries"))
    assert set(rows) == {kept.id, mistake.id}
    assert rows[kept.id] is None
    assert rows[mistake.id] == "2026-11-24T09:01:00.000Z"
    # ...and the service still lists it, marked removed.
    listed = {i.id: i for i in open_service().injuries()}
    assert listed[mistake.id].removed_at == clock.now()


# -- daily backups ---------------------------------------------------------------------


def test_first_write_of_a_day_leaves_a_sound_backup_of_the_file(
    open_service: Callable[[], Service], data_dir: Path, clock: FakeClock
) -> None:
    service = open_service()
    first = service.log_injury(note="day one")
    assert [b.name for b in backups(data_dir)] == [backup_name("2026-11-24")]

    clock.set(clock.now() + timedelta(days=1))
    second = open_service().log_injury(note="day two")

    day_two = data_dir / "backups" / backup_name("2026-11-25")
    assert day_two.exists()
    assert integrity(day_two) == "ok"
    assert query(day_two, "PRAGMA user_version") == query(db_path(data_dir), "PRAGMA user_version")
    # A copy of the file as it stood: what day one wrote is in it.
    assert first.id in column(day_two, "SELECT id FROM injuries")
    assert {first.id, second.id} <= column(db_path(data_dir), "SELECT id FROM injuries")


def test_an_app_left_running_past_midnight_still_backs_up_the_new_day(
    open_service: Callable[[], Service], data_dir: Path, clock: FakeClock
) -> None:
    service = open_service()  # one store, kept open across days like the GUI's
    service.log_injury()
    for day in range(1, 4):
        clock.jump(timedelta(days=1))
        service.record_break(BreakOutcome.DONE)
        assert len(backups(data_dir)) == day + 1

    assert [b.name for b in backups(data_dir)][-1] == backup_name("2026-11-27")


def test_only_the_last_seven_backups_are_kept(
    open_service: Callable[[], Service], data_dir: Path, clock: FakeClock
) -> None:
    service = open_service()
    service.log_injury()
    today = backups(data_dir)[0]
    older = [f"2026-11-{day:02d}" for day in range(10, 24)]  # 14 older days
    for day in older:
        shutil.copyfile(today, today.with_name(backup_name(day)))
    clock.jump(timedelta(days=1))

    open_service().log_injury()

    kept = ["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"]
    assert [b.name for b in backups(data_dir)] == [backup_name(d) for d in [*kept, "2026-11-25"]]
    assert not [p for p in (data_dir / "backups").iterdir() if p.name.startswith(".")]


def test_another_program_holding_the_file_does_not_make_it_damaged(
    data_dir: Path, clock: FakeClock, warnings: Warnings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy file is not a broken file: the day's check may wait, but never moves it aside."""
    store = Store(data_dir, warn=warnings, clock=clock)
    kept = Service(store, clock, UTC).log_injury()
    store.close()
    clock.jump(timedelta(days=1))  # the next write is the first of a day: check, then back up
    monkeypatch.setattr("heattimer.store.connection.BUSY_TIMEOUT_S", 0.2)
    store = Store(data_dir, warn=warnings, clock=clock)
    holder = sqlite3.connect(db_path(data_dir), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="busy"):
            Service(store, clock, UTC).log_injury()
    finally:
        holder.rollback()
        holder.close()

    assert damaged_files(data_dir) == []
    assert not any("could not be used" in w for w in warnings)
    assert kept.id in column(db_path(data_dir), "SELECT id FROM injuries")
    later = Service(store, clock, UTC).log_injury()  # once free, it works and backs up
    assert {kept.id, later.id} <= column(db_path(data_dir), "SELECT id FROM injuries")
    assert backups(data_dir)[-1].name == backup_name("2026-11-25")
    store.close()


# -- a file from a newer Heat Timer -----------------------------------------------------


@pytest.fixture
def newer_file(open_service: Callable[[], Service], data_dir: Path) -> tuple[Path, str]:
    """A file with one injury, stamped as written by a newer Heat Timer; its sha256."""
    open_service().log_injury(note="from the newer app")
    conn = sqlite3.connect(db_path(data_dir))
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    return db_path(data_dir), sha256(db_path(data_dir))


def test_newer_file_opens_read_only_with_a_clear_reason(
    newer_file: tuple[Path, str], open_service: Callable[[], Service], warnings: Warnings
) -> None:
    service = open_service()

    reason = service.store.read_only_reason
    assert reason is not None
    assert "newer" in reason and "read-only" in reason and "\n" not in reason
    assert warnings == []  # not damaged: nothing moved aside


def test_newer_file_can_be_read(
    newer_file: tuple[Path, str], open_service: Callable[[], Service]
) -> None:
    service = open_service()

    status = service.status()
    assert status.heat.allowed is False  # the injury in the file blocks heat
    assert [i.note for i in service.injuries()] == ["from the newer app"]


@pytest.mark.parametrize(
    "write",
    [
        lambda s: s.start(),
        lambda s: s.log_injury(),
        lambda s: s.record_break(BreakOutcome.DONE),
        lambda s: s.set_setting("daily-cap", "2"),
        lambda s: s.remove_injury(s.injuries()[0].id),
    ],
    ids=["start", "injury", "break", "setting", "remove"],
)
def test_newer_file_refuses_every_write_and_keeps_its_bytes(
    newer_file: tuple[Path, str],
    open_service: Callable[[], Service],
    data_dir: Path,
    write: Callable[[Service], object],
) -> None:
    path, digest = newer_file
    service = open_service()

    with pytest.raises(ReadOnlyStore, match="newer"):
        write(service)

    service.store.close()
    assert sha256(path) == digest
    assert query(path, "PRAGMA user_version") == [(7,)]
    assert damaged_files(data_dir) == []


# -- change notices ------------------------------------------------------------------


def test_data_version_changes_when_another_process_writes(
    open_service: Callable[[], Service], data_dir: Path
) -> None:
    watcher = open_service()
    before = watcher.store.data_version()

    other = sqlite3.connect(db_path(data_dir))
    other.execute("INSERT INTO settings VALUES ('daily-cap', '2', '2026-11-24T09:00:00.000Z')")
    other.commit()
    other.close()

    assert watcher.store.data_version() != before
    assert watcher.settings().daily_cap == 2


def test_a_store_follows_the_file_when_another_program_replaced_it(tmp_path: Path) -> None:
    """If another program moved a damaged file aside and restored a backup, a long-running
    app writes into the restored file, not into the one that was set aside."""
    from heattimer.platform.clock import FakeClock
    from heattimer.service import Service
    from heattimer.store import Store

    clock = FakeClock()
    app = Service(Store(tmp_path), clock)
    app.log_injury(note="before")
    (tmp_path / "heattimer.sqlite3").rename(tmp_path / "set-aside.sqlite3")
    other = Service(Store(tmp_path), clock)  # the CLI, finding no file, starts a new one
    other.log_injury(note="restored file")
    app.log_injury(note="after")
    notes = {i.note for i in Service(Store(tmp_path), clock).injuries()}
    assert notes == {"restored file", "after"}
