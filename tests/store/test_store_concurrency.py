"""Several processes on one state file at once: the GUI and any number of CLI commands.
No committed record is lost, and a read-modify-write (starting a session) never runs twice."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.store.helpers import (
    HEATTIMER,
    child,
    column,
    damaged_files,
    db_path,
    integrity,
    lines,
    query,
)

pytestmark = pytest.mark.slow

WRITERS, WRITES = 5, 100


def finish(process: subprocess.Popen[bytes], timeout: float = 60) -> list[tuple[str, str]]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err.decode()
    return lines(out)


def test_concurrent_writers_lose_no_record(data_dir: Path) -> None:
    processes = [child("writer", data_dir, f"w{n}", WRITES) for n in range(WRITERS)]
    reports = [finish(p) for p in processes]

    for report in reports:
        assert report[-1] == ("done", "")
        assert [word for word, _ in report if word == "warn"] == []
    injuries = {rest for report in reports for word, rest in report if word == "injury"}
    breaks = {rest for report in reports for word, rest in report if word == "break"}
    assert len(injuries) == len(breaks) == WRITERS * WRITES // 2
    path = db_path(data_dir)
    assert column(path, "SELECT id FROM injuries") == injuries
    assert column(path, "SELECT exercise FROM breaks") == breaks
    assert integrity(path) == "ok"
    assert damaged_files(data_dir) == []


def test_concurrent_starts_let_exactly_one_session_run(data_dir: Path) -> None:
    racers = [child("racer", data_dir, stdin=subprocess.PIPE) for _ in range(5)]
    for racer in racers:
        assert racer.stdout is not None and racer.stdout.readline() == b"ready\n"

    def ask(racer: subprocess.Popen[bytes], command: str) -> None:
        assert racer.stdin is not None
        racer.stdin.write(f"{command}\n".encode())
        racer.stdin.flush()

    def answer(racer: subprocess.Popen[bytes]) -> tuple[str, str]:
        assert racer.stdout is not None
        word, _, rest = racer.stdout.readline().decode().strip().partition(" ")
        return word, rest

    started: list[str] = []
    try:
        for round_ in range(40):
            at = time.monotonic() + 0.01  # all five start at this moment
            for racer in racers:
                ask(racer, f"start {at} {2 * round_}")
            answers = [answer(racer) for racer in racers]
            winners = [
                (r, rest) for r, (word, rest) in zip(racers, answers, strict=True) if word == "ok"
            ]
            assert len(winners) == 1, answers
            assert (
                sorted(a for a in answers if a[0] != "ok") == [("refused", "session_running")] * 4
            )
            winner, session_id = winners[0]
            started.append(session_id)
            ask(winner, "stop")
            assert answer(winner) == ("stopped", session_id)
    finally:
        for racer in racers:
            ask(racer, "quit")
            racer.communicate(timeout=30)

    path = db_path(data_dir)
    assert column(path, "SELECT id FROM sessions") == set(started)
    assert query(path, "SELECT count(*) FROM sessions WHERE ended_at IS NULL") == [(0,)]


def test_programs_started_together_on_a_fresh_folder_all_open_it(tmp_path: Path) -> None:
    """The app and a command (or two commands) started at once on a new data folder: each
    creates the folder and the file if it is not there yet, and none of them fails."""
    at = time.monotonic() + 0.3
    processes = [child("first", tmp_path, at, 100) for _ in range(4)]
    reports = [finish(p) for p in processes]

    problems = [(word, rest) for report in reports for word, rest in report if word != "done"]
    assert problems == []
    for n in range(100):
        assert integrity(db_path(tmp_path / str(n) / "data")) == "ok"


def test_concurrent_cli_starts_on_a_fresh_folder_start_one_session(data_dir: Path) -> None:
    """Four `heattimer start` at once on a folder with no file yet: the file is created once,
    one session starts, the other three are refused (exit 1) because it runs."""
    commands = [
        subprocess.Popen(
            [str(HEATTIMER), "--data-dir", str(data_dir), "start"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [c.communicate(timeout=60) for c in commands]
    results = [(c.returncode, out, err) for c, (out, err) in zip(commands, outputs, strict=True)]

    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1, 1, 1], results
    for code, _, err in results:
        assert "Traceback" not in err
        if code == 1:
            assert "session_running" in err
    path = db_path(data_dir)
    assert query(path, "SELECT count(*) FROM sessions") == [(1,)]
    assert damaged_files(data_dir) == []
    assert [p.name for p in data_dir.iterdir() if ".new-" in p.name] == []


def test_opening_the_file_while_another_process_writes_never_calls_it_damaged(
    data_dir: Path,
) -> None:
    """`heattimer status` run while the app writes must not move the file aside: a file in
    the middle of a commit looks short for a moment, and that is not damage."""
    assert finish(child("writer", data_dir, "seed", 2))  # the file exists before the race
    writer = child("writer", data_dir, "w", 300)
    openers = [child("opener", data_dir, 150) for _ in range(2)]

    written = finish(writer)
    opened = [finish(o) for o in openers]

    warned = [rest for report in [written, *opened] for word, rest in report if word == "warn"]
    assert warned == []
    assert damaged_files(data_dir) == []
    injuries = {rest for word, rest in written if word == "injury"}
    assert injuries <= column(db_path(data_dir), "SELECT id FROM injuries")
