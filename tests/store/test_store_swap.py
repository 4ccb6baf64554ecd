"""Files swapped under a running program: a repair puts the restored file in place with one
rename, so a program looking at the path at any moment finds a file there (one that found
none would create a fresh, empty one, without the injuries restored from the backup), and a
write whose file is replaced under it is done again in the file now at the path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest

from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from heattimer.store import Store
from heattimer.store.tables import Tables
from tests.store.helpers import HEATTIMER, Warnings, damaged_files, db_path, query
from tests.store.scenes import filled_folder, overwrite_page

REPAIRS = 30

# Looks at the path as fast as it can until the stop file appears; prints how often it
# found nothing there, and how often it looked.
WATCHER = """
import os, sys
path, stop = sys.argv[1], sys.argv[2]
missing = looks = 0
print("ready", flush=True)
while not os.path.exists(stop):
    for _ in range(1000):
        looks += 1
        try:
            os.stat(path)
        except FileNotFoundError:
            missing += 1
print(missing, looks)
"""


@pytest.mark.slow
def test_the_path_never_lacks_a_file_while_a_damaged_one_is_repaired(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    filled_folder(data_dir)
    path, stop = db_path(data_dir), tmp_path / "stop"
    watcher = subprocess.Popen(
        [sys.executable, "-c", WATCHER, str(path), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert watcher.stdout is not None and watcher.stdout.readline() == "ready\n"
    try:
        for _ in range(REPAIRS):
            path.write_bytes(b"damaged " * 4096)
            warnings = Warnings()
            Store(data_dir, warn=warnings).close()
            assert len(warnings) == 1  # it was repaired
    finally:
        stop.touch()
        out, _ = watcher.communicate(timeout=30)

    missing, looks = map(int, out.split())
    assert missing == 0, f"no file at the path {missing} times in {looks} looks"
    assert len([p for p in damaged_files(data_dir) if not p.name.endswith("-journal")]) == REPAIRS


def test_a_file_replaced_in_the_middle_of_a_write_gets_the_write(data_dir: Path) -> None:
    """Another program swaps a new file in after this write checked its file but before it
    changed anything (SQLite then says "attempt to write a readonly database"): the write
    is done again, in the file now at the path, instead of failing."""
    clock = FakeClock()
    store = Store(data_dir, warn=Warnings(), clock=clock)
    Service(store, clock, UTC).log_injury(note="before")
    path = db_path(data_dir)
    replacement = path.with_name("replacement.sqlite3")
    shutil.copyfile(path, replacement)
    attempts: list[Path] = []

    def body(t: Tables) -> None:
        if not attempts:
            os.replace(replacement, path)  # as a repair in another process would
        attempts.append(path)
        t.set_setting("daily-cap", "2", clock.now())

    store.write(body)
    store.close()

    assert len(attempts) == 2
    assert query(path, "SELECT value FROM settings WHERE key = 'daily-cap'") == [("2",)]


def waiting_for_a_lock(pid: int) -> bool:
    """True if process ``pid`` is blocked waiting for a flock (Linux's /proc/locks)."""
    with open("/proc/locks") as locks:
        return any(" -> FLOCK " in line and f" {pid} " in line for line in locks)


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux's /proc/locks")
def test_a_repair_waits_for_a_transaction_in_flight_in_another_program(tmp_path: Path) -> None:
    """A connection that outlived a swap would take the restored file's journal for its own
    crash journal and play it back: so no repair swaps the file while a program is using
    it. Here a read is in flight while a command finds the file damaged: the command waits
    for it, then repairs."""
    data_dir = tmp_path / "data"
    in_backup = filled_folder(data_dir)
    path = db_path(data_dir)
    overwrite_page(path, "breaks")  # the command's check finds it; injuries still read
    before = path.stat().st_ino
    store = Store(data_dir, warn=Warnings())
    during: list[tuple[int, int]] = []

    def body(t: Tables) -> subprocess.Popen[str]:
        command = subprocess.Popen(
            [str(HEATTIMER), "--data-dir", str(data_dir), "injury", "add"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        while not waiting_for_a_lock(command.pid):
            assert command.poll() is None, command.communicate()[1]
        during.append((len(t.injuries()), path.stat().st_ino))
        return command

    command = store.read(body)
    _, err = command.communicate(timeout=60)
    store.close()

    assert command.returncode == 0, err
    assert during == [(len(in_backup) + 1, before)], "the file was swapped during the read"
    assert path.stat().st_ino != before and "could not be used" in err
