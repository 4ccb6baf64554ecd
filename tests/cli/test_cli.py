"""The command line as a person or a script uses it: `main([...])` with a clock the test moves."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from heattimer.cli import main
from heattimer.platform.clock import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")


class Cli:
    """Runs `heattimer` in-process on one data folder, with a fake clock."""

    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data = data
        self.capsys = capsys
        self.clock = FakeClock(datetime(2026, 11, 24, 8, 0, tzinfo=UTC))  # 09:00 in Berlin

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--data-dir", str(self.data), *argv], clock=self.clock, zone=BERLIN)
        out, err = self.capsys.readouterr()
        return code, out, err

    def status(self) -> dict:
        code, out, _ = self("status", "--json")
        assert code == 0
        return json.loads(out)

    def ok(self, *argv: str) -> str:
        code, out, err = self(*argv)
        assert code == 0, err
        return out


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", capsys)


def test_status_json_has_the_documented_schema(cli: Cli) -> None:
    status = cli.status()
    assert status["heat"] == {
        "allowed": True,
        "reason": None,
        "available_at": None,
        "message": "Heat is available: 3 of 3 sessions left today.",
    }
    assert status["today"] == {"date": "2026-11-24", "sessions": 0, "cap": 3}
    assert status["session"] is None
    assert status["recovery"]["phase"] == "none"
    assert status["now"] == "2026-11-24T09:00:00+01:00"
    assert set(status) >= {"heat", "today", "session", "recovery", "cold", "breaks", "settings"}


def test_start_shows_a_running_session_with_its_remaining_time(cli: Cli) -> None:
    out = cli.ok("start")
    assert "ends at 09:15" in out
    cli.clock.jump(timedelta(minutes=5))
    status = cli.status()
    assert status["session"]["kind"] == "heat"
    assert status["session"]["started_at"] == "2026-11-24T09:00:00+01:00"
    assert status["session"]["ends_at"] == "2026-11-24T09:15:00+01:00"
    assert status["session"]["remaining_s"] == 600
    assert status["heat"]["reason"] == "session_running"
    assert status["today"]["sessions"] == 1


def test_a_second_start_is_refused_with_exit_1_and_one_line(cli: Cli) -> None:
    cli.ok("start", "--minutes", "20")
    code, out, err = cli("start")
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert "session_running" in err and "09:20" in err


def test_cool_down_refuses_until_an_hour_after_the_last_session(cli: Cli) -> None:
    cli.ok("start")
    cli.clock.jump(timedelta(minutes=15))  # the session completes at its deadline
    code, _, err = cli("start")
    assert code == 1 and "cool_down" in err and "10:15" in err
    status = cli.status()
    assert status["heat"]["available_at"] == "2026-11-24T10:15:00+01:00"
    cli.clock.jump(timedelta(minutes=60))
    cli.ok("start")


def test_daily_cap_refuses_a_fourth_session_until_local_midnight(cli: Cli) -> None:
    cli.ok("settings", "set", "cool-down-minutes", "40")
    for _ in range(3):
        cli.ok("start")
        cli.clock.jump(timedelta(minutes=55))
    code, _, err = cli("start")
    assert code == 1 and "daily_cap" in err
    status = cli.status()
    assert status["today"]["sessions"] == 3
    assert status["heat"]["available_at"] == "2026-11-25T00:00:00+01:00"
    cli.clock.set(datetime(2026, 11, 24, 23, 0, tzinfo=UTC))  # midnight in Berlin
    cli.ok("start")


def test_a_session_stopped_within_a_minute_does_not_count(cli: Cli) -> None:
    cli.ok("start")
    cli.clock.jump(30)
    out = cli.ok("stop")
    assert "does not count" in out
    status = cli.status()
    assert status["today"]["sessions"] == 0
    assert status["heat"]["allowed"] is True


def test_stop_after_a_minute_counts_and_starts_the_cool_down(cli: Cli) -> None:
    cli.ok("start")
    cli.clock.jump(timedelta(minutes=5))
    cli.ok("stop")
    status = cli.status()
    assert status["today"]["sessions"] == 1
    assert status["heat"]["reason"] == "cool_down"
    assert status["heat"]["available_at"] == "2026-11-24T10:05:00+01:00"


def test_injury_blocks_heat_for_48h_and_offers_cold(cli: Cli) -> None:
    injury_id = cli.ok("injury", "add", "--at", "2h ago", "--area", "shoulder").strip()
    assert len(injury_id) == 32
    status = cli.status()
    assert status["heat"]["reason"] == "injury"
    assert status["heat"]["available_at"] == "2026-11-26T07:00:00+01:00"
    assert status["cold"]["offered"] is True
    assert status["recovery"]["phase"] == "acute"
    code, _, err = cli("start")
    assert code == 1 and "injury" in err and "unlocks" in err
    cli.ok("start", "--cold")
    assert cli.status()["session"]["kind"] == "cold"
    cli.clock.jump(timedelta(hours=46))
    assert cli.status()["heat"]["allowed"] is True
    assert cli.status()["recovery"]["phase"] == "subacute"


def test_red_flag_holds_heat_until_a_professional_clears(cli: Cli) -> None:
    injury_id = cli.ok("injury", "add", "--red-flag", "numbness", "--red-flag", "trauma").strip()
    cli.clock.jump(timedelta(hours=72))
    status = cli.status()
    assert status["heat"]["reason"] == "red_flag"
    assert status["heat"]["available_at"] is None
    assert "physical therapist or physician" in status["heat"]["message"]
    code, _, err = cli("start")
    assert code == 1 and "red_flag" in err
    cli.ok("injury", "clear", injury_id[:8])
    assert cli.status()["heat"]["allowed"] is True
    listed = json.loads(cli.ok("injury", "list", "--json"))
    assert listed[0]["cleared"] is True
    assert listed[0]["red_flags"] == ["numbness", "trauma"]


def test_removed_injury_stops_blocking_but_stays_listed(cli: Cli) -> None:
    injury_id = cli.ok("injury", "add", "--note", "logged by mistake").strip()
    assert cli.status()["heat"]["reason"] == "injury"
    cli.ok("injury", "remove", injury_id)
    assert cli.status()["heat"]["allowed"] is True
    listed = json.loads(cli.ok("injury", "list", "--json"))
    assert [(i["id"], i["removed"], i["note"]) for i in listed] == [
        (injury_id, True, "logged by mistake")
    ]


def test_recorded_session_counts_toward_the_cap(cli: Cli) -> None:
    cli.ok("settings", "set", "daily-cap", "1")
    cli.ok("session", "add", "--at", "2026-11-24T07:00", "--minutes", "15")
    status = cli.status()
    assert status["today"]["sessions"] == 1
    assert status["heat"]["reason"] == "daily_cap"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["session", "add", "--at", "2026-11-24T10:00", "--minutes", "15"], "future"),
        (["session", "add", "--at", "5m ago", "--minutes", "15"], "not ended"),
        (["session", "add", "--at", "yesterday-ish", "--minutes", "15"], "cannot read the time"),
        (["injury", "add", "--at", "2026-11-25T10:00+01:00"], "future"),
        (["injury", "add", "--at", "31d ago"], "30 days"),
        (["start", "--minutes", "14"], "15 to 20"),
        (["start", "--cold", "--minutes", "25"], "10 to 20"),
        (["settings", "set", "daily-cap", "4"], "daily-cap"),
        (["settings", "set", "cool-down-minutes", "-1"], "0 to 240"),
        (["settings", "set", "no-such-key", "1"], "unknown setting"),
        (["injury", "remove", "ffffffff"], "no injury"),
        (["history", "--days", "0"], "from 1 to"),
        (["history", "--days", "99999999"], "from 1 to"),
        (["session", "add", "--at", "10000000h ago", "--minutes", "15"], "30 days back"),
        (["session", "add", "--at", "0001-01-01T00:00+00:00", "--minutes", "15"], "30 days back"),
        (["start", "--minutes", "ten"], "invalid int"),
        (["injury", "add", "--red-flag", "headache"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    cli: Cli, argv: list[str], words: str
) -> None:
    before = cli.ok("history", "--format", "json"), cli.ok("injury", "list", "--json")
    settings = cli.ok("settings", "show", "--json")
    code, out, err = cli(*argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("heattimer: ")
    assert words in err
    assert "Traceback" not in err
    after = cli.ok("history", "--format", "json"), cli.ok("injury", "list", "--json")
    assert after == before
    assert cli.ok("settings", "show", "--json") == settings


def test_recorded_session_may_not_overlap_another(cli: Cli) -> None:
    cli.ok("session", "add", "--at", "2026-11-24T07:00", "--minutes", "20")
    code, _, err = cli("session", "add", "--at", "2026-11-24T07:10", "--minutes", "15")
    assert code == 2 and "overlaps" in err
    assert cli.status()["today"]["sessions"] == 1


def test_time_with_an_offset_is_taken_as_given(cli: Cli) -> None:
    cli.ok("session", "add", "--at", "2026-11-24T06:00+00:00", "--minutes", "15")
    rows = json.loads(cli.ok("history", "--format", "json"))
    assert rows[0]["start"] == "2026-11-24T07:00:00+01:00"


def test_history_in_table_csv_and_json(cli: Cli) -> None:
    cli.ok("start", "--warmup")
    cli.clock.jump(timedelta(minutes=15))
    table = cli.ok("history")
    assert "2026-11-24" in table and "completed" in table and "09:00" in table
    csv_text = cli.ok("history", "--format", "csv")
    assert csv_text.splitlines()[0] == "date,start,end,kind,minutes,how,counts,warmup,id"
    rows = json.loads(cli.ok("history", "--format", "json"))
    assert rows[0]["minutes"] == 15 and rows[0]["warmup"] is True and rows[0]["counts"] is True


def test_history_days_limits_how_far_back(cli: Cli) -> None:
    cli.ok("session", "add", "--at", "3d ago", "--minutes", "15")
    assert json.loads(cli.ok("history", "--days", "3", "--format", "json")) == []
    assert len(json.loads(cli.ok("history", "--days", "4", "--format", "json"))) == 1


def test_settings_set_is_validated_and_shown(cli: Cli) -> None:
    assert cli.ok("settings", "set", "heat-minutes", "20").strip() == "heat-minutes = 20"
    shown = json.loads(cli.ok("settings", "show", "--json"))
    assert shown["heat-minutes"] == 20
    assert "ends at 09:20" in cli.ok("start")


def test_stop_with_nothing_running_says_so(cli: Cli) -> None:
    assert cli.ok("stop").strip() == "No session was running."


def test_break_now_without_the_app_exits_4(cli: Cli) -> None:
    code, _, err = cli("break", "now")
    assert code == 4 and "not running" in err


def test_an_unusable_data_folder_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    code = main(["--data-dir", str(not_a_folder / "data"), "status"])
    err = capsys.readouterr().err
    assert code == 3 and err.count("\n") == 1 and "Traceback" not in err


def test_version_and_help_exit_0(cli: Cli) -> None:
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("heattimer ")
    code, out, _ = cli("injury", "add", "--help")
    assert code == 0 and "--red-flag" in out


def test_data_dir_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HEATTIMER_DATA_DIR", str(tmp_path / "env-data"))
    assert main(["status"]) == 0
    assert (tmp_path / "env-data" / "heattimer.sqlite3").exists()


def test_start_at_login_is_shown_and_set_with_the_settings(cli: Cli) -> None:
    import os

    entry = Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "heattimer.desktop"
    assert json.loads(cli.ok("settings", "show", "--json"))["start-at-login"] is False
    assert cli.ok("settings", "set", "start-at-login", "on").strip() == "start-at-login = on"
    assert entry.exists() and str(cli.data) in entry.read_text()
    assert "start-at-login          on" in cli.ok("settings", "show")
    code, _, err = cli("settings", "set", "start-at-login", "maybe")
    assert code == 2 and err.strip() == "heattimer: expected on or off, got 'maybe'"
    assert entry.exists()  # a bad value changes nothing
    cli.ok("settings", "set", "start-at-login", "off")
    assert not entry.exists()


def test_history_all_exports_sessions_breaks_and_injuries_one_row_each(cli: Cli) -> None:
    import csv
    import io

    from heattimer.core.model import BreakOutcome
    from heattimer.service import Service
    from heattimer.store import Store

    cli.ok("session", "add", "--at", "2026-11-23T18:00", "--minutes", "15")
    store = Store(cli.data)
    service = Service(store, cli.clock, BERLIN)
    service.start_sitting()
    cli.clock.jump(timedelta(minutes=5))
    service.record_break(BreakOutcome.SNOOZED, "pelvic-tilt")
    store.close()
    cli.ok("injury", "add", "--at", "2026-11-24T07:30", "--area", "neck", "--note", "slept, badly")
    rows = list(csv.DictReader(io.StringIO(cli.ok("history", "--all", "--format", "csv"))))
    assert [(r["kind"], r["start"], r["how"]) for r in rows] == [
        ("heat", "2026-11-23T18:00:00+01:00", "recorded"),
        ("injury", "2026-11-24T07:30:00+01:00", "logged"),
        ("break", "2026-11-24T09:05:00+01:00", "snoozed"),
    ]
    assert rows[1]["detail"] == "neck; slept, badly" and rows[2]["detail"] == "pelvic-tilt"
    events = json.loads(cli.ok("history", "--all", "--format", "json"))
    assert [e["kind"] for e in events] == ["heat", "injury", "break"]
    assert events[0]["counts"] is True and events[2]["minutes"] is None
    # Without --all: the sessions alone, in the format as it was.
    plain = list(csv.reader(io.StringIO(cli.ok("history", "--format", "csv"))))
    assert plain[0] == ["date", "start", "end", "kind", "minutes", "how", "counts", "warmup", "id"]
    assert len(plain) == 2
