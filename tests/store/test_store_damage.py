"""A damaged state file is moved aside (never overwritten), the person is told in one line,
and work goes on from the newest good backup, or from empty."""

from __future__ import annotations

import random
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from heattimer.core.model import BreakOutcome
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from tests.store.helpers import (
    Warnings,
    backups,
    child,
    column,
    damaged_files,
    db_path,
    heattimer,
    integrity,
    sha256,
)
from tests.store.scenes import BACKUP_DAY, BACKUP_TAKEN, overwrite_page, set_taken


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(20_000))


def text_file(path: Path) -> None:
    path.write_text("my heat sessions\n2026-11-20 15 min\n" * 50)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def query_fails(path: Path) -> None:
    """Every read of the injuries now raises "database disk image is malformed"."""
    overwrite_page(path, "injuries")


def check_fails(path: Path) -> None:
    """Reads of the status still work; only the integrity check finds the damage."""
    overwrite_page(path, "breaks")


DAMAGE = {
    "random-bytes": random_bytes,
    "text-file": text_file,
    "empty": empty,
    "truncated": cut_in_half,
    "malformed-query": query_fails,
    "integrity-check": check_fails,
}


class Scene:
    """A data folder whose only backup holds some injuries, and one injury written after it."""

    def __init__(self, open_service: Callable[[], Service], data_dir: Path, clock: FakeClock):
        service = open_service()
        self.in_backup = {service.log_injury(note="x" * 2000).id for _ in range(20)}
        service.record_break(BreakOutcome.DONE, "cat-cow")
        service.store.close()
        self.backup = data_dir / "backups" / f"heattimer-{BACKUP_DAY}.sqlite3"
        shutil.copyfile(db_path(data_dir), self.backup)
        # Taken on BACKUP_DAY, as its name says: the store tells the person its time.
        set_taken(self.backup, BACKUP_TAKEN)
        later = open_service()
        self.after_backup = later.log_injury(note="after the backup").id
        later.store.close()
        for other in backups(data_dir):
            if other != self.backup:
                other.unlink()
        clock.jump(86_400)  # the next write is the first of a new day


def damage(data_dir: Path, kind: str) -> str:
    """Damage the file; return the sha256 of the damaged bytes."""
    DAMAGE[kind](db_path(data_dir))
    return sha256(db_path(data_dir))


def use(service: Service, kind: str) -> str | None:
    """What the person does next: log an injury (returning its id), or read the status."""
    if kind == "integrity-check":
        return service.log_injury(note="logged today").id
    service.status()
    return None


def assert_moved_aside(data_dir: Path, digest: str, warnings: list[str]) -> Path:
    (aside,) = [p for p in damaged_files(data_dir) if not p.name.endswith("-journal")]
    assert aside.name.startswith("heattimer.sqlite3.damaged-")
    assert sha256(aside) == digest, "the damaged bytes were changed"
    assert len(warnings) == 1, warnings
    assert "\n" not in warnings[0]
    assert aside.name in warnings[0]
    return aside


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_file_is_moved_aside_and_work_goes_on_from_the_backup(
    kind: str,
    open_service: Callable[[], Service],
    data_dir: Path,
    clock: FakeClock,
    warnings: Warnings,
) -> None:
    scene = Scene(open_service, data_dir, clock)
    digest = damage(data_dir, kind)

    service = open_service()
    written = use(service, kind)

    assert_moved_aside(data_dir, digest, warnings)
    assert f"backup of {BACKUP_DAY}" in warnings[0]
    path = db_path(data_dir)
    assert integrity(path) == "ok"
    ids = {i.id for i in service.injuries()}
    assert scene.in_backup <= ids  # the backup's records are really there
    assert scene.after_backup not in ids  # ...and they came from the backup
    if written is not None:
        assert written in ids, "the injury logged while recovering was lost"
    # Work goes on: a new record lands in the new file and survives a reopen.
    later = service.log_injury(note="later").id
    assert later in column(path, "SELECT id FROM injuries")
    assert len(damaged_files(data_dir)) == 1


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_file_without_any_backup_starts_empty(
    kind: str,
    open_service: Callable[[], Service],
    data_dir: Path,
    clock: FakeClock,
    warnings: Warnings,
) -> None:
    Scene(open_service, data_dir, clock)
    shutil.rmtree(data_dir / "backups")
    digest = damage(data_dir, kind)

    service = open_service()
    written = use(service, kind)

    assert_moved_aside(data_dir, digest, warnings)
    assert "starting empty" in warnings[0]
    assert integrity(db_path(data_dir)) == "ok"
    assert [i.id for i in service.injuries()] == ([written] if written else [])


def test_the_newest_good_backup_is_used_when_a_newer_one_is_damaged(
    open_service: Callable[[], Service], data_dir: Path, clock: FakeClock, warnings: Warnings
) -> None:
    scene = Scene(open_service, data_dir, clock)
    (data_dir / "backups" / "heattimer-2026-11-22.sqlite3").write_bytes(b"garbage" * 1000)
    truncated = scene.backup.with_name("heattimer-2026-11-21.sqlite3")
    shutil.copyfile(scene.backup, truncated)
    cut_in_half(truncated)
    damage(data_dir, "random-bytes")

    service = open_service()

    assert f"backup of {BACKUP_DAY}" in warnings[0]
    assert scene.in_backup <= {i.id for i in service.injuries()}


@pytest.mark.slow
def test_a_crash_journal_of_the_damaged_file_goes_aside_with_it(
    open_service: Callable[[], Service], data_dir: Path, clock: FakeClock, warnings: Warnings
) -> None:
    """A crash journal left beside the damaged file belongs to it: played back into the file
    restored from the backup, it would write the damaged file's pages into the good one."""
    scene = Scene(open_service, data_dir, clock)
    writer = child("crash", data_dir, 1, "limit")  # killed inside a commit: a journal stays
    writer.communicate(timeout=60)
    assert writer.returncode == -signal.SIGXFSZ
    path = db_path(data_dir)
    journal = path.with_name(path.name + "-journal")
    journal_bytes = journal.read_bytes()
    for other in backups(data_dir):
        if other != scene.backup:
            other.unlink()
    digest = damage(data_dir, "random-bytes")

    service = open_service()
    ids = {i.id for i in service.injuries()}

    assert integrity(path) == "ok"
    assert scene.in_backup <= ids
    assert scene.after_backup not in ids
    assert not journal.exists()
    aside = assert_moved_aside(data_dir, digest, warnings)
    assert aside.with_name(aside.name + "-journal").read_bytes() == journal_bytes


@pytest.mark.slow
def test_killed_while_restoring_the_backup_the_next_start_restores_it(
    open_service: Callable[[], Service], data_dir: Path, clock: FakeClock, warnings: Warnings
) -> None:
    """A restore is not instant (the backup is copied back), and the program may be killed
    meanwhile: the next start must still find the damage, say so, and restore the backup,
    not quietly begin with an empty file."""
    scene = Scene(open_service, data_dir, clock)
    digest = damage(data_dir, "random-bytes")
    restorer = child("recover", data_dir, 16_384)  # the backup is bigger than that
    restorer.communicate(timeout=60)
    assert restorer.returncode == -signal.SIGXFSZ

    service = open_service()
    ids = {i.id for i in service.injuries()}

    assert scene.in_backup <= ids
    assert len(warnings) == 1 and f"backup of {BACKUP_DAY}" in warnings[0]
    assert digest in {sha256(p) for p in damaged_files(data_dir)}


# -- through the command line -------------------------------------------------------


@pytest.mark.parametrize("kind", ["random-bytes", "empty", "truncated", "malformed-query"])
def test_cli_says_in_one_line_that_the_file_was_moved_aside(
    kind: str, open_service: Callable[[], Service], data_dir: Path, clock: FakeClock
) -> None:
    scene = Scene(open_service, data_dir, clock)
    digest = damage(data_dir, kind)

    result = heattimer(data_dir, "injury", "list", "--json")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("heattimer: ")
    (aside,) = damaged_files(data_dir)
    assert aside.name in line and BACKUP_DAY in line
    assert sha256(aside) == digest
    assert all(i in result.stdout for i in scene.in_backup)
    assert len(backups(data_dir)) == 1
