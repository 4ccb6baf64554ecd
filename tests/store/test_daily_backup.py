"""The day's backup made beside the app's writes (Store.back_up_today, in a thread of the
app's own): whole and checked, never in the way of a write, never of a damaged file."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from heattimer.service import Service
from heattimer.store.files import sound
from tests.store.helpers import backups, damaged_files, db_path, query
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
    while worker.is_alive() or written < 5:  # the app goes on writing meanwhile
        service.log_injury(note=f"during {written}")
        written += 1
    worker.join()
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
