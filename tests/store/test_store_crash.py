"""A process killed at any moment (SIGKILL, or the kernel in the middle of a commit) leaves a
file that opens without being called damaged and holds every record reported committed."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from heattimer.store import Store
from tests.store.helpers import T0, Warnings, child, damaged_files, db_path, lines

pytestmark = pytest.mark.slow


class Committed:
    """Everything a killed writer reported as written, over all its runs."""

    def __init__(self) -> None:
        self.injuries: set[str] = set()
        self.removed: set[str] = set()
        self.breaks: set[str] = set()
        self.sessions: set[str] = set()
        self.stopped: set[str] = set()

    def add(self, report: list[tuple[str, str]]) -> None:
        kinds = {
            "injury": self.injuries,
            "removed": self.removed,
            "break": self.breaks,
            "session": self.sessions,
            "stopped": self.stopped,
        }
        for word, rest in report:
            assert word != "warn", rest
            if word in kinds:
                kinds[word].add(rest)

    def assert_in(self, data_dir: Path) -> None:
        """Open the file as the app does, and find every committed record in it."""
        warnings = Warnings()
        store = Store(data_dir, warn=warnings)
        try:

            def look(sql: str) -> set[str]:
                return store.read(lambda t: {str(r[0]) for r in t.conn.execute(sql)})

            check = store.read(lambda t: t.conn.execute("PRAGMA integrity_check").fetchall())
            found = {
                "injuries": look("SELECT id FROM injuries"),
                "removed": look("SELECT id FROM injuries WHERE removed_at IS NOT NULL"),
                "breaks": look("SELECT exercise FROM breaks"),
                "sessions": look("SELECT id FROM sessions"),
                "stopped": look("SELECT id FROM sessions WHERE stopped = 1"),
            }
        finally:
            store.close()
        assert warnings == [], "the file was called damaged after a crash"
        assert damaged_files(data_dir) == []
        assert check == [("ok",)]
        assert self.injuries <= found["injuries"]
        assert self.removed <= found["removed"]
        assert self.breaks <= found["breaks"]
        assert self.sessions <= found["sessions"]
        assert self.stopped <= found["stopped"]


def kill_at_random(data_dir: Path, seed: int, rng: random.Random) -> list[tuple[str, str]]:
    process = child("crash", data_dir, seed)
    assert process.stdout is not None
    ready: list[bytes] = []
    while not ready or ready[-1] != b"ready\n":
        line = process.stdout.readline()
        assert line, process.communicate()[1].decode()
        ready.append(line)
    time.sleep(rng.uniform(0, 0.03))
    process.kill()
    out, err = process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL, err.decode()
    return lines(b"".join(ready) + out)


def test_writer_killed_at_random_moments_keeps_every_committed_record(data_dir: Path) -> None:
    rng = random.Random(2026)
    committed = Committed()
    for seed in range(40):
        committed.add(kill_at_random(data_dir, seed, rng))
        committed.assert_in(data_dir)
    # The kills landed while writing: there was plenty to lose.
    assert len(committed.injuries) > 80
    assert committed.sessions and committed.removed and committed.breaks


def test_writer_killed_in_the_middle_of_a_commit_keeps_every_committed_record(
    data_dir: Path,
) -> None:
    """The kernel kills the writer at the first write that would grow the file, which comes
    after the commit has already rewritten the file's first page: the file looks short, and
    a crash journal sits beside it. SQLite rolls that back; it is not damage."""
    committed = Committed()
    journal = db_path(data_dir).with_name("heattimer.sqlite3-journal")
    for seed in range(4):
        process = child("crash", data_dir, seed, "limit")
        out, err = process.communicate(timeout=60)
        assert process.returncode == -signal.SIGXFSZ, err.decode()
        assert journal.exists(), "the kill did not land inside a commit"
        assert looks_short(db_path(data_dir))
        committed.add(lines(out))
        committed.assert_in(data_dir)
        assert not journal.exists()
    assert len(committed.injuries) > 4


def test_killed_while_creating_the_file_in_a_fresh_folder(data_dir: Path) -> None:
    """A kill at any moment of the first start leaves a folder the next start uses as if new."""
    rng = random.Random(11)
    folders = killed_creating = 0
    for run in range(8):
        root = data_dir / f"run{run}"
        process = child("create", root)
        assert process.stdout is not None
        assert process.stdout.readline() == b"begin 0\n"
        time.sleep(rng.uniform(0, 0.05))
        process.kill()
        out, _ = process.communicate(timeout=30)
        killed_creating += lines(b"begin 0\n" + out)[-1][0] == "begin"
        for folder in sorted(root.iterdir() if root.exists() else []):
            folders += 1
            assert_usable_as_new(folder)
    assert folders >= 8
    assert killed_creating >= 4, "the kills did not land while a file was being created"


def test_killed_by_the_kernel_while_writing_the_new_file(data_dir: Path) -> None:
    """The first start is killed while it writes the new file (it may not grow past 8 KiB)."""
    process = child("create", data_dir, 8192)
    out, err = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGXFSZ, err.decode()
    assert ("made", "0") not in lines(out)

    assert_usable_as_new(data_dir / "0")


def looks_short(path: Path) -> bool:
    """True if the file's header counts more pages than the file holds."""
    header = path.read_bytes()[:100]
    page_size = int.from_bytes(header[16:18], "big")
    return int.from_bytes(header[28:32], "big") * page_size > path.stat().st_size


def assert_usable_as_new(folder: Path) -> None:
    warnings = Warnings()
    store = Store(folder, warn=warnings)
    try:
        store.write(lambda t: t.set_setting("daily-cap", "2", T0))
        assert store.read(lambda t: t.settings()) == {"daily-cap": "2"}
        assert store.read(lambda t: t.conn.execute("PRAGMA integrity_check").fetchall()) == [
            ("ok",)
        ]
    finally:
        store.close()
    assert warnings == [], f"{folder}: a half-made first file was called damaged"
    assert damaged_files(folder) == []
