"""Helpers for the state-file tests: raw looks at the file (plain sqlite3, no help from the
store), and child processes that write through the real store (see store_child.py)."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from heattimer.platform.clock import FakeClock
from heattimer.store import DB_NAME, Store, files

HERE = Path(__file__).resolve().parent
CHILD = HERE / "store_child.py"
HEATTIMER = Path(sys.executable).with_name("heattimer")
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


class Warnings(list[str]):
    """A ``warn`` callback that keeps what the store told the person."""

    def __call__(self, message: str) -> None:
        self.append(message)


def db_path(data_dir: Path) -> Path:
    return data_dir / DB_NAME


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Rows from the file, read with plain sqlite3 and no help from the store."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def integrity(path: Path) -> str:
    """The file's full ``PRAGMA integrity_check`` answer ("ok" if sound)."""
    return "; ".join(str(row[0]) for row in query(path, "PRAGMA integrity_check"))


def column(path: Path, sql: str) -> set[str]:
    return {str(row[0]) for row in query(path, sql)}


def damaged_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.iterdir() if "damaged" in p.name)


def backups(data_dir: Path) -> list[Path]:
    folder = data_dir / "backups"
    return sorted(folder.glob("heattimer-*.sqlite3")) if folder.is_dir() else []


def child(mode: str, *args: object, stdin: int | None = None) -> subprocess.Popen[bytes]:
    """A child process running ``store_child.py`` (see its docstring)."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), mode, *map(str, args)],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def lines(output: bytes) -> list[tuple[str, str]]:
    """The complete lines a child wrote, as (word, rest); a cut-off last line is dropped."""
    complete = output.decode().split("\n")[:-1]
    return [(line.partition(" ")[0], line.partition(" ")[2]) for line in complete]


def heattimer(
    data_dir: Path, *args: str, preexec_fn: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed ``heattimer`` command, run as a separate process (``preexec_fn``: run
    in the child first, e.g. to drop privileges)."""
    return subprocess.run(
        [str(HEATTIMER), "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=preexec_fn,
    )


def leftovers(data_dir: Path) -> list[str]:
    """Temporary files a command left behind in the data folder or its backups."""
    names = [p.name for p in data_dir.iterdir()] if data_dir.is_dir() else []
    folder = data_dir / "backups"
    names += [p.name for p in folder.iterdir()] if folder.is_dir() else []
    return [n for n in names if ".new-" in n or ".restoring-" in n or n.startswith(".heattimer")]


def settled(store: Store) -> None:
    """Wait for a backup running beside the writes to end (a bound on a failure only)."""
    deadline = time.monotonic() + 60
    while store.backing_up:
        assert time.monotonic() < deadline, "the day's backup never ended"
        time.sleep(0.01)


def todays(data_dir: Path, clock: FakeClock) -> list[Path]:
    return [b for b in backups(data_dir) if f"{clock.now():%Y-%m-%d}" in b.name]


class HeldCopy:
    """files.copy_database, held until the test lets it go: which thread runs it, and when."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
        self.go, self.entered = threading.Event(), threading.Event()
        self.threads: list[str] = []
        self.data_dir = data_dir
        monkeypatch.setattr(files, "copy_database", self.copy)

    def copy(self, source: Path, *args: Any) -> None:
        if not source.is_relative_to(self.data_dir):  # (an earlier test's, still going)
            _REAL_COPY(source, *args)
            return
        self.threads.append(threading.current_thread().name)
        self.entered.set()
        assert self.go.wait(timeout=20), "the test never let the copy go (or it waited for it)"
        _REAL_COPY(source, *args)


_REAL_COPY = files.copy_database
