"""The installed `heattimer` under a wall clock that really steps, and in real zones.

The clock is stepped by libfaketime (Debian's `faketime` package), preloaded into the
command as a step of the computer's clock would reach it: the wall clock moves, the
kernel's real-time clock (/proc/uptime) does not. Every other process here runs on the
same offset as the one before it unless a test says otherwise. The zones are the real
ones, through $TZ.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from heattimer.exits import Exit
from tests.needs import require

SCRIPT = Path(sys.executable).with_name("heattimer")
FAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")


@pytest.fixture(autouse=True)
def _faketime() -> None:
    require([] if FAKETIME.exists() else ["libfaketime (Debian: faketime)"], "a clock-step test")


class Heattimer:
    """The installed command on one data folder, at a wall clock offset from the real one."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.offset = timedelta(0)

    def at(self, instant: datetime) -> None:
        """Put the wall clock at ``instant`` from now on (the real-time clock is untouched)."""
        self.offset = instant - datetime.now(UTC)

    def step(self, delta: timedelta) -> None:
        """The wall clock steps by ``delta``."""
        self.offset += delta

    def run(self, *argv: str, tz: str = "Europe/Berlin") -> subprocess.CompletedProcess[str]:
        seconds = self.offset.total_seconds()
        env = {
            **os.environ,
            "TZ": tz,
            "LD_PRELOAD": str(FAKETIME),
            "FAKETIME": f"{seconds:+.3f}",
            "FAKETIME_DONT_RESET": "1",
        }
        env.pop("HEATTIMER_DATA_DIR", None)
        return subprocess.run(
            [str(SCRIPT), "--data-dir", str(self.data), *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    def ok(self, *argv: str, tz: str = "Europe/Berlin") -> str:
        done = self.run(*argv, tz=tz)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def status(self, tz: str = "Europe/Berlin") -> dict:
        return json.loads(self.ok("status", "--json", tz=tz))


@pytest.fixture
def cli(tmp_path: Path) -> Heattimer:
    return Heattimer(tmp_path / "data")


def one_line(done: subprocess.CompletedProcess[str], code: int) -> str:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_after_the_clock_steps_back_an_hour_the_session_still_runs_and_stops(
    cli: Heattimer,
) -> None:
    cli.ok("start", "--minutes", "20")
    cli.step(timedelta(hours=-1))
    status = cli.status()
    assert status["session"] is not None, "the running session vanished"
    assert 1180 <= status["session"]["remaining_s"] <= 1200  # ends on time in real time
    refused = cli.run("start")
    assert refused.returncode == Exit.REFUSED
    assert "session_running" in refused.stderr
    assert cli.ok("stop").startswith("Stopped the heat session after")
    assert cli.status()["session"] is None


def test_after_the_clock_steps_forward_the_session_is_not_cut_short(cli: Heattimer) -> None:
    cli.ok("start", "--minutes", "15")
    cli.step(timedelta(hours=3))
    status = cli.status()
    assert status["session"] is not None
    assert 890 <= status["session"]["remaining_s"] <= 900


def test_after_the_clock_steps_forward_the_cool_down_still_runs_in_real_time(
    cli: Heattimer,
) -> None:
    cli.ok("session", "add", "--at", "20m ago", "--minutes", "15")  # ended 5 minutes ago
    cli.step(timedelta(hours=3))
    refused = cli.run("start")
    assert refused.returncode == Exit.REFUSED and "cool_down" in refused.stderr
    status = cli.status()
    lifts = datetime.fromisoformat(status["heat"]["available_at"])
    assert (
        timedelta(minutes=54)
        < lifts - datetime.fromisoformat(status["now"])
        <= timedelta(minutes=55)
    )


def test_a_red_flag_logged_just_before_a_5_second_step_back_holds_heat(cli: Heattimer) -> None:
    cli.ok("injury", "add", "--red-flag", "numbness")
    cli.step(timedelta(seconds=-5))
    status = cli.status()
    assert status["heat"]["allowed"] is False
    assert status["heat"]["reason"] == "red_flag"
    assert cli.run("start").returncode == Exit.REFUSED


def test_an_injury_logged_then_a_day_of_clock_back_still_blocks_for_48_real_hours(
    cli: Heattimer,
) -> None:
    cli.ok("injury", "add")
    cli.step(timedelta(days=-1))
    status = cli.status()
    assert status["heat"]["reason"] == "injury"
    lifts = datetime.fromisoformat(status["heat"]["available_at"])
    now = datetime.fromisoformat(status["now"])
    assert timedelta(hours=47, minutes=59) < lifts - now <= timedelta(hours=48)


def berlin_afternoon(cli: Heattimer) -> None:
    """Three heat sessions recorded earlier today, 1 Dec 2026, in Berlin; now 16:00 there."""
    cli.at(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    for start in ("09:00", "12:00", "14:00"):
        cli.ok("session", "add", "--at", f"2026-12-01T{start}", "--minutes", "15")


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_a_change_of_zone_gives_no_fourth_session(cli: Heattimer, zone: str) -> None:
    berlin_afternoon(cli)
    refused = cli.run("start", tz=zone)  # Kiritimati: already 2 Dec; Pago Pago: 05:00 on 1 Dec
    assert refused.returncode == Exit.REFUSED, refused.stdout
    assert "daily_cap" in refused.stderr
    status = cli.status(tz=zone)
    assert status["today"]["sessions"] == 3
    # Berlin's midnight, wherever the computer is now.
    assert datetime.fromisoformat(status["heat"]["available_at"]) >= datetime(
        2026, 11, 30, 23, 0, tzinfo=UTC
    ) + timedelta(days=1)


def test_a_fourth_recorded_session_is_kept_and_said_to_be_over_the_limit(cli: Heattimer) -> None:
    berlin_afternoon(cli)
    done = cli.run("session", "add", "--at", "2026-12-01T15:00", "--minutes", "20")
    assert done.returncode == 0
    assert "note: That makes 4 heat sessions today, over your limit of 3" in done.stderr
    assert done.stderr.count("\n") == 1
    assert cli.status()["today"]["sessions"] == 4


@pytest.mark.parametrize(
    ("zone", "evening", "day_start"),
    [
        # Santiago springs forward at midnight: 6 Sep 2026 begins at 01:00 -03.
        ("America/Santiago", datetime(2026, 9, 6, 3, 20, tzinfo=UTC), "2026-09-06T01:00:00-03:00"),
        # Havana springs forward at midnight too: 8 Mar 2026 begins at 01:00 -04.
        ("America/Havana", datetime(2026, 3, 8, 4, 20, tzinfo=UTC), "2026-03-08T01:00:00-04:00"),
    ],
)
def test_where_midnight_is_skipped_the_next_day_is_announced_from_its_first_instant(
    cli: Heattimer, zone: str, evening: datetime, day_start: str
) -> None:
    cli.at(evening)  # 23:20 local, the night the clocks skip midnight
    for hours_ago in ("10h ago", "7h ago", "4h ago"):
        cli.ok("session", "add", "--at", hours_ago, "--minutes", "15", tz=zone)
    status = cli.status(tz=zone)
    assert (
        status["now"].startswith(evening.astimezone().strftime("%Y")) and "23:20" in status["now"]
    )
    assert status["heat"]["reason"] == "daily_cap"
    assert status["heat"]["available_at"] == day_start
    assert datetime.fromisoformat(status["heat"]["available_at"]) > datetime.fromisoformat(
        status["now"]
    )
    assert "tomorrow 01:00" in status["heat"]["message"]


def test_a_local_time_the_clocks_skipped_is_refused_naming_the_gap(cli: Heattimer) -> None:
    cli.at(datetime(2026, 4, 10, 12, 0, tzinfo=UTC))
    line = one_line(cli.run("injury", "add", "--at", "2026-03-29T02:30"), Exit.BAD_INPUT)
    assert "2026-03-29T02:30 does not exist in Europe/Berlin" in line
    assert "from 02:00 to 03:00" in line
    assert json.loads(cli.ok("injury", "list", "--json")) == []


def test_a_time_in_the_repeated_hour_means_its_first_pass(cli: Heattimer) -> None:
    cli.at(datetime(2026, 11, 1, 12, 0, tzinfo=UTC))
    cli.ok("injury", "add", "--at", "2026-10-25T02:30")
    (injury,) = json.loads(cli.ok("injury", "list", "--json"))
    assert injury["at"] == "2026-10-25T02:30:00+02:00"  # summer time: the first 02:30


@pytest.mark.parametrize(
    ("tz", "says"),
    [
        ("UTC+25", "more than 24 hours"),
        ("Europe/Berln", "names no time zone"),
        ("/nonexistent/zone", "names no file of zone rules"),
    ],
)
def test_a_bad_tz_is_one_clear_line(cli: Heattimer, tz: str, says: str) -> None:
    line = one_line(cli.run("status", tz=tz), Exit.BAD_INPUT)
    assert says in line and tz in line
