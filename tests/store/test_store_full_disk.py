"""A full disk, on a real small tmpfs: creating the file, restoring a backup and writing the
day's backup each fail with one line that says the disk is full, leave no temporary file,
and lose nothing; once there is room again, all goes on. (Mounting needs root: without it
these skip, and under HEATTIMER_REQUIRE_DESKTOP=1, as in CI, they fail.)"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from heattimer.store import Store
from tests.needs import require
from tests.store.helpers import (
    T0,
    Warnings,
    backups,
    column,
    damaged_files,
    db_path,
    heattimer,
    leftovers,
    sha256,
)
from tests.store.scenes import filled_folder


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB file system of its own, unmounted at the end."""
    mount = tmp_path / "disk"
    mount.mkdir()
    # As root, or through passwordless sudo (as .ci/run gives a user), owned by this user.
    root = [] if os.geteuid() == 0 else ["sudo", "-n"]
    if root and (not shutil.which("sudo") or subprocess.run([*root, "true"]).returncode):
        missing = ["root or passwordless sudo, to mount a small tmpfs"]
    else:
        options = f"size=2m,mode=0700,uid={os.getuid()},gid={os.getgid()}"
        done = subprocess.run(
            [*root, "mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)],
            capture_output=True,
            text=True,
        )
        said = (done.stderr.strip().splitlines() or ["it failed"])[0]
        missing = [f"a tmpfs mount ({said})"] if done.returncode else []
    require(missing, "full-disk tests", "run the tests as root, as .ci/run does")
    yield mount
    subprocess.run([*root, "umount", str(mount)], check=True)


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill the disk up, but for ``leave`` bytes; the file that fills it."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as file:
        try:
            while True:
                file.write(b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC
    if leave:
        os.truncate(filler, filler.stat().st_size - leave)
    return filler


def one_line(stderr: str) -> str:
    """The one `heattimer: ` line of a command (others, like "Logged.", are its answer)."""
    assert "Traceback" not in stderr
    (line,) = [line for line in stderr.splitlines() if line.startswith("heattimer: ")]
    return line


def test_a_full_disk_while_the_file_is_created(disk: Path) -> None:
    data_dir = disk / "data"
    filler = fill(disk)

    result = heattimer(data_dir, "status")

    assert result.returncode == 3
    assert (
        one_line(result.stderr) == f"heattimer: cannot create {db_path(data_dir)}: the disk is full"
    )
    assert leftovers(data_dir) == []
    assert not db_path(data_dir).exists()
    filler.unlink()
    assert heattimer(data_dir, "status").returncode == 0


def test_a_full_disk_while_a_backup_is_restored(disk: Path) -> None:
    data_dir = disk / "data"
    in_backup = filled_folder(data_dir)
    db_path(data_dir).write_bytes(b"not a database" * 2000)
    digest = sha256(db_path(data_dir))
    filler = fill(disk)

    result = heattimer(data_dir, "status")

    assert result.returncode == 3
    line = one_line(result.stderr)
    assert "could not be used" in line and "the disk is full" in line
    assert "It was left as it was" in line
    assert sha256(db_path(data_dir)) == digest, "the damaged file was not left as it was"
    assert damaged_files(data_dir) == [] and leftovers(data_dir) == []
    filler.unlink()
    again = heattimer(data_dir, "injury", "list", "--json")
    assert again.returncode == 0, again.stderr
    assert all(i in again.stdout for i in in_backup)


def big_folder(data_dir: Path) -> set[str]:
    """A state file of about 250 KiB with no backup yet today (so the next write makes one)."""
    clock = FakeClock(T0)
    store = Store(data_dir, warn=Warnings(), clock=clock)
    service = Service(store, clock, UTC)
    ids = {service.log_injury(note="y" * 3000).id for _ in range(80)}
    store.close()
    for backup in backups(data_dir):
        backup.unlink()
    return ids


def test_a_full_disk_while_the_days_backup_is_written_still_logs_the_injury(
    disk: Path,
) -> None:
    """Room for the injury, not for a copy of the file: the injury is logged, and the one
    line says the backup could not be written."""
    data_dir = disk / "data"
    kept = big_folder(data_dir)
    fill(disk, leave=64 * 1024)

    result = heattimer(data_dir, "injury", "add", "--note", "logged on a full disk")

    assert result.returncode == 0, result.stderr
    line = one_line(result.stderr)
    assert line == (
        f"heattimer: could not write today's backup in {data_dir / 'backups'}: the disk is full"
    )
    assert "logged on a full disk" in column(db_path(data_dir), "SELECT note FROM injuries")
    assert kept <= column(db_path(data_dir), "SELECT id FROM injuries")
    assert backups(data_dir) == [] and leftovers(data_dir) == []


def test_a_disk_too_full_for_the_backup_and_the_write_says_so_once(disk: Path) -> None:
    data_dir = disk / "data"
    kept = big_folder(data_dir)
    before = sha256(db_path(data_dir))
    filler = fill(disk)

    result = heattimer(data_dir, "injury", "add")

    assert result.returncode == 3
    assert (
        one_line(result.stderr) == f"heattimer: cannot write {db_path(data_dir)}: the disk is full"
    )
    assert sha256(db_path(data_dir)) == before
    assert backups(data_dir) == [] and leftovers(data_dir) == []
    filler.unlink()
    assert heattimer(data_dir, "injury", "add").returncode == 0
    assert kept < column(db_path(data_dir), "SELECT id FROM injuries")
    assert len(backups(data_dir)) == 1
