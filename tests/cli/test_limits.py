"""Limits no pattern of commands gets around, and answers that never misreport a write."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from heattimer.exits import Exit
from tests.cli.test_cli import Cli

SCRIPT = Path(sys.executable).with_name("heattimer")


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", capsys)


def test_start_and_stop_every_59_seconds_gets_one_free_start_then_the_cool_down(cli: Cli) -> None:
    cli.ok("settings", "set", "daily-cap", "1")
    cli.ok("settings", "set", "cool-down-minutes", "240")
    heat = timedelta(0)
    started = 0
    for _ in range(40):
        code, _, _ = cli("start")
        if code == 0:
            started += 1
            cli.clock.jump(59)
            heat += timedelta(seconds=59)
            cli.ok("stop")
        else:
            cli.clock.jump(1)
    assert started == 2  # the first was free (an accidental start), the second counted
    assert heat <= timedelta(minutes=2)
    status = cli.status()
    assert status["today"]["sessions"] == 1
    assert status["heat"]["reason"] in ("daily_cap", "cool_down")


def test_a_start_stopped_at_exactly_60_seconds_counts(cli: Cli) -> None:
    cli.ok("start")
    cli.clock.jump(60)
    out = cli.ok("stop")
    assert "does not count" not in out
    assert cli.status()["today"]["sessions"] == 1
    code, _, err = cli("start")
    assert code == Exit.REFUSED and "cool_down" in err


def test_heat_right_after_an_accidental_start_is_shorter_by_its_seconds(cli: Cli) -> None:
    cli.ok("start")
    cli.clock.jump(50)
    assert "does not count" in cli.ok("stop")
    out = cli.ok("start", "--minutes", "20")
    assert "Started a 20 min heat session" in out  # 19 min 10 s, said rounded up
    assert "Shortened" in out
    session = cli.status()["session"]
    assert session["remaining_s"] == 20 * 60 - 50


def test_the_cool_down_cannot_be_set_under_40_minutes(cli: Cli) -> None:
    for minutes in ("0", "1", "39"):
        code, _, err = cli("settings", "set", "cool-down-minutes", minutes)
        assert code == Exit.BAD_INPUT
        assert "from 40 to 240 minutes" in err and err.count("\n") == 1
    assert cli.status()["settings"]["cool-down-minutes"] == 60


def test_three_sessions_of_20_minutes_never_make_an_hour_of_heat_straight(cli: Cli) -> None:
    cli.ok("settings", "set", "cool-down-minutes", "40")
    starts = []
    for _ in range(3):
        while cli("start", "--minutes", "20")[0] != 0:
            cli.clock.jump(60)
        starts.append(cli.clock.now())
        cli.clock.jump(timedelta(minutes=20))
        cli.ok("confirm")
    # Within any hour at most 20 minutes of heat: each start 60 min after the one before.
    assert all(b - a >= timedelta(minutes=60) for a, b in itertools.pairwise(starts))


def test_loosening_the_cool_down_does_not_shorten_the_one_already_running(cli: Cli) -> None:
    cli.ok("settings", "set", "cool-down-minutes", "240")
    cli.ok("start")
    cli.clock.jump(timedelta(minutes=15))
    cli.ok("settings", "set", "cool-down-minutes", "40")
    cli.clock.jump(timedelta(minutes=41))
    code, _, err = cli("start")
    assert code == Exit.REFUSED and "cool_down" in err
    assert cli.status()["heat"]["available_at"] == "2026-11-24T13:15:00+01:00"  # 09:15 + 4 h


def test_raising_the_cap_applies_from_tomorrow(cli: Cli) -> None:
    cli.ok("settings", "set", "daily-cap", "1")
    cli.ok("start")
    cli.clock.jump(timedelta(minutes=90))
    cli.ok("settings", "set", "daily-cap", "3")
    code, _, err = cli("start")
    assert code == Exit.REFUSED and "daily_cap" in err
    cli.clock.set(datetime(2026, 11, 24, 23, 0, tzinfo=UTC))  # midnight in Berlin
    cli.ok("start")


def test_a_session_recorded_over_the_cap_is_kept_and_counted(cli: Cli) -> None:
    cli.clock.set(datetime(2026, 11, 24, 17, 0, tzinfo=UTC))  # 18:00 in Berlin
    for at in ("08:00", "11:00", "14:00"):
        cli.ok("session", "add", "--at", f"2026-11-24T{at}", "--minutes", "15")
    code, out, err = cli("session", "add", "--at", "2026-11-24T16:00", "--minutes", "20")
    assert code == 0 and out.startswith("Recorded a 20-minute heat session")
    assert "That makes 4 heat sessions today, over your limit of 3" in err
    assert cli.status()["today"]["sessions"] == 4


def test_a_session_recorded_within_48_h_of_an_injury_says_so(cli: Cli) -> None:
    cli.ok("injury", "add", "--at", "10h ago")
    _, _, err = cli("session", "add", "--at", "2h ago", "--minutes", "15")
    assert "within 48 h of the injury" in err


def run_installed(data: Path, shell: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HEATTIMER_DATA_DIR": str(data)}
    return subprocess.run(
        ["bash", "-c", shell.replace("heattimer", str(SCRIPT))],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"])
def test_an_answer_that_cannot_be_printed_is_exit_6_and_the_injury_is_kept(
    tmp_path: Path, redirect: str
) -> None:
    data = tmp_path / "data"
    done = run_installed(data, f"heattimer injury add --note kept {redirect}")
    assert done.returncode == Exit.OUTPUT_FAILED, done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert "done, but the answer could not be printed" in done.stderr
    listed = run_installed(data, "heattimer injury list --json")
    assert [i["note"] for i in json.loads(listed.stdout)] == ["kept"]


def test_status_into_a_full_device_is_exit_6_not_a_state_file_failure(tmp_path: Path) -> None:
    done = run_installed(tmp_path / "data", "heattimer status --json >/dev/full")
    assert done.returncode == Exit.OUTPUT_FAILED
    assert done.stderr.count("\n") == 1
