"""After a recovery that may have lost records (a backup older than the damaged file's last
change, or no backup at all), the restored file holds heat until the person has looked at
their injury log, and the one line says from when the backup is and what may be missing."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from heattimer.core.model import RecoveryHold
from heattimer.platform.clock import FakeClock
from heattimer.platform.filelock import lock_fd
from heattimer.service import Service
from heattimer.store import LOCK_NAME
from tests.store.helpers import HEATTIMER, Warnings, damaged_files, db_path, query
from tests.store.scenes import BACKUP_TAKEN, filled_folder, overwrite_page

SHOWN = f"{BACKUP_TAKEN.astimezone():%Y-%m-%d %H:%M}"  # the backup's time, as the line shows it


def hold_of(service: Service) -> RecoveryHold | None:
    return service.store.read(lambda t: t.recovery_hold())


def set_aside(data_dir: Path) -> Path:
    (aside,) = [p for p in damaged_files(data_dir) if not p.name.endswith("-journal")]
    return aside


def test_restored_from_a_backup_older_than_the_last_write_holds_heat(
    open_service: Callable[[], Service], data_dir: Path, clock: FakeClock, warnings: Warnings
) -> None:
    in_backup = filled_folder(data_dir, written_after_backup=True)
    overwrite_page(db_path(data_dir), "injuries")

    service = open_service()
    injuries = {i.id for i in service.injuries()}

    assert in_backup <= injuries
    assert hold_of(service) == RecoveryHold(
        at=clock.now(), backup_at=BACKUP_TAKEN, moved_to=set_aside(data_dir).name
    )
    (line,) = warnings
    assert f"backup of {SHOWN}" in line
    assert "injuries, red flags or clearances logged after that may be missing" in line


def test_a_hold_survives_reopening_and_is_in_the_file_for_every_program(
    open_service: Callable[[], Service], data_dir: Path
) -> None:
    filled_folder(data_dir, written_after_backup=True)
    overwrite_page(db_path(data_dir), "injuries")
    open_service().status()

    again = open_service()

    hold = hold_of(again)
    assert hold is not None and hold.moved_to == set_aside(data_dir).name


def test_damage_to_a_file_not_written_since_its_backup_holds_nothing(
    open_service: Callable[[], Service], data_dir: Path, warnings: Warnings
) -> None:
    in_backup = filled_folder(data_dir, written_after_backup=False)
    path = db_path(data_dir)
    overwrite_page(path, "injuries")
    # Last written an hour before the backup was taken; then the disk damaged it, which
    # changes no modification time (only a program writing to the file does).
    written = (BACKUP_TAKEN - timedelta(hours=1)).timestamp()
    os.utime(path, (written, written))

    service = open_service()

    assert in_backup == {i.id for i in service.injuries()}
    assert hold_of(service) is None
    (line,) = warnings
    assert f"backup of {SHOWN}" in line and "may be missing" not in line


def test_starting_empty_after_a_damaged_file_that_held_data_holds_heat(
    open_service: Callable[[], Service], data_dir: Path, clock: FakeClock, warnings: Warnings
) -> None:
    filled_folder(data_dir)
    shutil.rmtree(data_dir / "backups")
    overwrite_page(db_path(data_dir), "injuries")

    service = open_service()

    assert service.injuries() == []
    assert hold_of(service) == RecoveryHold(
        at=clock.now(), backup_at=None, moved_to=set_aside(data_dir).name
    )
    (line,) = warnings
    assert "starting empty" in line and "missing" in line


def test_an_empty_file_with_no_backup_starts_empty_without_a_hold(
    open_service: Callable[[], Service], data_dir: Path, warnings: Warnings
) -> None:
    """Nothing was in the file and no backup was ever taken: nothing can have been lost."""
    data_dir.mkdir(mode=0o700)
    db_path(data_dir).write_bytes(b"")

    service = open_service()

    assert hold_of(service) is None
    (line,) = warnings
    assert "starting empty." in line and "missing" not in line


def test_a_write_in_flight_when_the_repair_starts_is_counted_as_possibly_lost(
    tmp_path: Path,
) -> None:
    """A writer has a transaction open on the damaged file when another command starts to
    repair it, and commits only once the repair is under way. Its injury lands in the
    file set aside, not in the backup: the repair waits for it (taking SQLite's write lock)
    before it judges what may be lost, so heat is held and the line says so."""
    data_dir = tmp_path / "data"
    filled_folder(data_dir, written_after_backup=False)
    path = db_path(data_dir)
    overwrite_page(path, "breaks")  # the day's check finds it; an injury can still be written
    untouched = (BACKUP_TAKEN - timedelta(hours=1)).timestamp()  # as yet, nothing after it
    os.utime(path, (untouched, untouched))
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO injuries (id, at, area, note, logged_at)"
        " VALUES ('f' || hex(randomblob(15)), ?, 'neck', 'in flight', ?)",
        ("2026-11-24T09:00:00.000Z", "2026-11-24T09:00:00.000Z"),
    )
    repairer = subprocess.Popen(
        [str(HEATTIMER), "--data-dir", str(data_dir), "injury", "add"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        wait_until_held(data_dir / LOCK_NAME, repairer)
    finally:
        writer.commit()
        writer.close()
    _, err = repairer.communicate(timeout=60)

    assert repairer.returncode == 0, err
    (line,) = [line for line in err.splitlines() if line.startswith("heattimer: ")]
    assert "may be missing" in line
    hold = query(path, "SELECT value FROM state WHERE key = 'recovery.moved_to'")
    assert hold == [(set_aside(data_dir).name,)]
    assert query(set_aside(data_dir), "SELECT note FROM injuries WHERE note = 'in flight'")


def wait_until_held(lock: Path, holder: subprocess.Popen[str]) -> None:
    """Return once another process holds ``lock`` (fail if ``holder`` ends first)."""
    while True:
        fd = os.open(lock, os.O_RDWR)
        try:
            if not lock_fd(fd, wait=False):
                return
        finally:
            os.close(fd)  # had it, so nobody else did yet: let go and look again
        assert holder.poll() is None, "the command ended without taking the lock"
