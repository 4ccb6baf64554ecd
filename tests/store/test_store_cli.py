"""The state file seen through the `heattimer` command: bad input never changes it, and a
file from a newer Heat Timer is read but never written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from heattimer.cli import main
from heattimer.store.schema import SCHEMA_VERSION
from tests.store.helpers import damaged_files, db_path, heattimer, query, sha256

BAD_INPUT = [
    ["settings", "set", "daily-cap", "9"],
    ["settings", "set", "daily-cap", "three"],
    ["settings", "set", "no-such-setting", "1"],
    ["start", "--minutes", "99"],
    ["start", "--cold", "--minutes", "5"],
    ["injury", "add", "--at", "in the future"],
    ["injury", "add", "--at", "2099-01-01T10:00"],
    ["injury", "add", "--at", "2099-01-01T10:00+02:00"],
    ["injury", "add", "--at", "40d ago"],
    ["injury", "add", "--area", "spleen"],
    ["injury", "add", "--red-flag", "headache"],
    ["session", "add", "--at", "2099-01-01T10:00", "--minutes", "15"],
    ["session", "add", "--at", "5m ago", "--minutes", "15"],
    ["session", "add", "--at", "1d ago", "--minutes", "99"],
    ["session", "add", "--at", "yesterday-ish", "--minutes", "15"],
    ["injury", "remove", "nosuchid"],
    ["injury", "remove", "ab"],
    ["injury", "clear", "nosuchid"],
]


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A data folder with a setting, an injury, a removed injury and a past session in it."""
    data_dir = tmp_path / "data"
    for args in (
        ["settings", "set", "cool-down-minutes", "90"],
        ["injury", "add", "--at", "3d ago", "--note", "kept"],
        ["session", "add", "--at", "4d ago", "--minutes", "15"],
    ):
        assert main(["--data-dir", str(data_dir), *args]) == 0
    return data_dir


def assert_one_clean_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    assert line.startswith("heattimer: ")


@pytest.mark.parametrize("args", BAD_INPUT, ids=" ".join)
def test_bad_input_run_as_a_process_exits_2_and_leaves_the_file_alone(
    filled: Path, args: list[str]
) -> None:
    path = db_path(filled)
    before = sha256(path)

    result = heattimer(filled, *args)

    assert result.returncode == 2, result
    assert_one_clean_line(result.stderr)
    assert result.stdout == ""
    assert sha256(path) == before
    assert not path.with_name(path.name + "-journal").exists()


@pytest.mark.parametrize("args", BAD_INPUT, ids=" ".join)
def test_bad_input_through_main_exits_2_and_leaves_the_file_alone(
    filled: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = db_path(filled)
    before = sha256(path)
    capsys.readouterr()

    code = main(["--data-dir", str(filled), *args])

    _, err = capsys.readouterr()
    assert code == 2
    assert_one_clean_line(err)
    assert sha256(path) == before


def test_a_relative_data_folder_works_like_an_absolute_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)

    code = main(["--data-dir", "relative", "injury", "add", "--note", "here"])

    out, err = capsys.readouterr()
    assert code == 0, err
    injury_id = out.strip()
    assert [(injury_id, "here")] == query(
        db_path(tmp_path / "relative"), "SELECT id, note FROM injuries"
    )
    assert len(list((tmp_path / "relative" / "backups").iterdir())) == 1


# -- a file from a newer Heat Timer ---------------------------------------------------


@pytest.fixture
def newer(filled: Path) -> Path:
    conn = sqlite3.connect(db_path(filled))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return filled


WRITES = [
    ["start"],
    ["stop"],
    ["injury", "add"],
    ["settings", "set", "daily-cap", "2"],
    ["session", "add", "--at", "2h ago", "--minutes", "15"],
]


@pytest.mark.parametrize("args", WRITES, ids=" ".join)
def test_newer_file_write_as_a_process_exits_3_and_keeps_the_bytes(
    newer: Path, args: list[str]
) -> None:
    before = sha256(db_path(newer))

    result = heattimer(newer, *args)

    assert result.returncode == 3, result
    assert_one_clean_line(result.stderr)
    assert "newer" in result.stderr
    assert sha256(db_path(newer)) == before
    assert damaged_files(newer) == []


def test_newer_file_write_through_main_exits_3_and_keeps_the_bytes(
    newer: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sha256(db_path(newer))
    capsys.readouterr()

    code = main(["--data-dir", str(newer), "start"])

    _, err = capsys.readouterr()
    assert code == 3
    assert_one_clean_line(err)
    assert "newer" in err
    assert sha256(db_path(newer)) == before


def test_newer_file_can_still_be_read_from_the_command_line(newer: Path) -> None:
    before = sha256(db_path(newer))

    status = heattimer(newer, "status", "--json")
    injuries = heattimer(newer, "injury", "list", "--json")

    assert status.returncode == 0, status.stderr
    assert '"allowed"' in status.stdout
    assert injuries.returncode == 0 and "kept" in injuries.stdout
    assert sha256(db_path(newer)) == before
