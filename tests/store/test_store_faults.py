"""What is at the state path, and what the folder allows, decides what happens: each fault is
one line that names it (exit 3 from the command, no traceback), and nothing the person made
is replaced, followed or changed. Run through the installed `heattimer` command."""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Callable
from datetime import UTC
from functools import cache
from pathlib import Path

import pytest

from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from heattimer.store import Store, StoreError, schema
from tests.needs import require
from tests.store.helpers import (
    HEATTIMER,
    Warnings,
    damaged_files,
    db_path,
    heattimer,
    leftovers,
    query,
    sha256,
)
from tests.store.scenes import filled_folder


def one_line(stderr: str) -> str:
    """The one line a failed command wrote, checked to be a clean `heattimer: ` line."""
    assert "Traceback" not in stderr
    (line,) = stderr.splitlines()
    assert line.startswith("heattimer: ")
    return line


# -- what is at the path ----------------------------------------------------------


def test_a_folder_at_the_state_path_is_named_as_a_folder(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / "heattimer.sqlite3").mkdir(parents=True)

    result = heattimer(data_dir, "status")

    assert result.returncode == 3
    assert one_line(result.stderr).endswith("heattimer.sqlite3: it is a folder, not a file")
    assert db_path(data_dir).is_dir() and list(db_path(data_dir).iterdir()) == []
    assert damaged_files(data_dir) == []


def test_a_dangling_link_at_the_state_path_is_named_and_never_followed(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    target = tmp_path / "usb-stick" / "heattimer.sqlite3"
    db_path(data_dir).symlink_to(target)

    result = heattimer(data_dir, "injury", "add")

    assert result.returncode == 3
    assert one_line(result.stderr).endswith(f"it is a link to {target}, which does not exist")
    assert os.readlink(db_path(data_dir)) == str(target), "the link was replaced"
    assert not target.parent.exists(), "a file was created through the link"
    assert leftovers(data_dir) == []


def test_a_link_to_a_damaged_file_repairs_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "synced"
    in_backup = filled_folder(elsewhere)
    data_dir = tmp_path / "data"
    shutil.copytree(elsewhere / "backups", data_dir / "backups", copy_function=shutil.copy2)
    db_path(data_dir).symlink_to(db_path(elsewhere))
    db_path(elsewhere).write_bytes(b"not a database any more" * 100)

    result = heattimer(data_dir, "injury", "list", "--json")

    assert result.returncode == 0, result.stderr
    assert in_backup <= {i["id"] for i in json.loads(result.stdout)}
    assert db_path(data_dir).is_symlink()
    assert os.readlink(db_path(data_dir)) == str(db_path(elsewhere))
    assert len(damaged_files(elsewhere)) == 1


# -- permissions -------------------------------------------------------------------


PR_CAPBSET_DROP = 24


def drop_privileges() -> None:
    """In a child about to exec: give up every capability, so that even root is refused
    what a file's mode refuses its owner (root's own Python may be where no other user
    can reach it, so the child stays uid 0)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in range(64):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            if ctypes.get_errno() == errno.EINVAL:
                return  # past the last capability this kernel knows
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@cache
def unprivileged() -> Callable[[], None] | None:
    """How to start a child the file system refuses things to: as it is, unless root."""
    if os.geteuid() != 0:
        return None
    try:
        subprocess.run(["true"], preexec_fn=drop_privileges, check=True)
    except (subprocess.SubprocessError, OSError) as error:
        require(
            [f"a way to drop root's capabilities ({error})"],
            "permission tests",
            "run the tests as root, as .ci/run does",
        )
    return drop_privileges


def heattimer_unprivileged(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, run by a user that file modes apply to."""
    return heattimer(data_dir, *args, preexec_fn=unprivileged())


def test_an_unreadable_state_file_says_permission_denied(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert heattimer_unprivileged(data_dir, "injury", "add").returncode == 0
    before = sha256(db_path(data_dir))
    os.chmod(db_path(data_dir), 0)

    result = heattimer_unprivileged(data_dir, "status")

    assert result.returncode == 3
    assert one_line(result.stderr).endswith("permission denied (this user may not read it)")
    os.chmod(db_path(data_dir), 0o600)  # (for this test's own look, as any user)
    assert sha256(db_path(data_dir)) == before
    assert damaged_files(data_dir) == []


def test_a_read_only_state_file_reads_and_says_why_it_cannot_be_written(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert heattimer_unprivileged(data_dir, "injury", "add").returncode == 0
    os.chmod(db_path(data_dir), 0o400)

    written = heattimer_unprivileged(data_dir, "injury", "add")
    read = heattimer_unprivileged(data_dir, "status")

    assert written.returncode == 3
    assert "may read it but not change it" in one_line(written.stderr)
    assert read.returncode == 0, read.stderr


def test_a_read_only_data_folder_reads_and_says_why_it_cannot_be_written(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert heattimer_unprivileged(data_dir, "injury", "add", "--note", "kept").returncode == 0
    shutil.rmtree(data_dir / "backups")  # so the write is the day's first: a backup is due
    os.chmod(data_dir, 0o500)

    written = heattimer_unprivileged(data_dir, "injury", "add", "--note", "lost")
    read = heattimer_unprivileged(data_dir, "injury", "list", "--json")

    assert written.returncode == 3
    line = one_line(written.stderr)
    assert f"its folder {data_dir} is read-only" in line and "journal" in line
    assert read.returncode == 0, read.stderr
    assert [i["note"] for i in json.loads(read.stdout)] == ["kept"]
    assert leftovers(data_dir) == []


# -- someone else's database ----------------------------------------------------------


def foreign_database(path: Path, version: int) -> str:
    """Another program's SQLite database at ``path``; its sha256."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('buy milk')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    return sha256(path)


@pytest.mark.parametrize("version", [0, 1])
def test_a_foreign_database_is_moved_aside_unchanged_and_work_goes_on_from_the_backup(
    tmp_path: Path, version: int
) -> None:
    data_dir = tmp_path / "data"
    in_backup = filled_folder(data_dir)
    digest = foreign_database(db_path(data_dir), version)

    result = heattimer(data_dir, "injury", "list", "--json")

    assert result.returncode == 0, result.stderr
    (aside,) = data_dir.glob("heattimer.sqlite3.foreign-*")
    line = one_line(result.stderr)
    assert "is not Heat Timer's" in line and "another program's SQLite database" in line
    assert aside.name in line and "2026-11-20" in line
    assert sha256(aside) == digest, "the other program's file was changed"
    assert query(aside, "PRAGMA user_version") == [(version,)]
    assert in_backup <= {i["id"] for i in json.loads(result.stdout)}


def test_a_foreign_database_with_no_backup_starts_empty_and_holds_nothing(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    digest = foreign_database(db_path(data_dir), 0)

    result = heattimer(data_dir, "injury", "list", "--json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    (aside,) = data_dir.glob("heattimer.sqlite3.foreign-*")
    assert sha256(aside) == digest
    assert "starting empty." in one_line(result.stderr)
    assert query(db_path(data_dir), "SELECT key FROM state WHERE key LIKE 'recovery.%'") == []


def test_a_file_of_an_older_version_is_migrated_in_place(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of ours from before a migration keeps its records and its place."""
    clock, warnings = FakeClock(), Warnings()
    store = Store(data_dir, warn=warnings, clock=clock)
    kept = Service(store, clock, UTC).log_injury(note="from version 1")
    store.close()
    inode = db_path(data_dir).stat().st_ino
    monkeypatch.setitem(schema.MIGRATIONS, 2, "CREATE TABLE later (x TEXT)")
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)

    store = Store(data_dir, warn=warnings, clock=clock)
    store.close()

    assert warnings == []
    assert db_path(data_dir).stat().st_ino == inode
    assert query(db_path(data_dir), "PRAGMA user_version") == [(2,)]
    assert query(db_path(data_dir), "SELECT id FROM injuries") == [(kept.id,)]
    assert list(data_dir.glob("heattimer.sqlite3.*-*")) == []


# -- the folders it makes ---------------------------------------------------------------


def test_folders_it_makes_are_never_writable_by_others_whatever_the_umask(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "HEATTIMER_"))}
    env["HOME"] = str(home)

    result = subprocess.run(
        [str(HEATTIMER), "injury", "add"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        preexec_fn=lambda: os.umask(0),
    )

    assert result.returncode == 0, result.stderr
    data_dir = home / ".local" / "share" / "heattimer"
    assert db_path(data_dir).exists()
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in [home / ".local", *home.rglob("*")]}
    for path, mode in modes.items():
        assert mode & 0o022 == 0, f"{path} is {mode:o}: others may write to it"
    assert modes[home / ".local"] == modes[home / ".local" / "share"] == 0o755
    assert modes[data_dir] == modes[data_dir / "backups"] == 0o700
    files = [mode for path, mode in modes.items() if path.is_file()]
    assert files and set(files) == {0o600}


# -- a folder that vanished ----------------------------------------------------------


def test_a_data_folder_removed_under_a_running_store_is_named_and_not_recreated(
    data_dir: Path,
) -> None:
    clock = FakeClock()
    store = Store(data_dir, warn=Warnings(), clock=clock)
    service = Service(store, clock, UTC)
    service.log_injury()
    shutil.rmtree(data_dir)

    with pytest.raises(StoreError) as written:
        service.log_injury()
    with pytest.raises(StoreError) as read:
        service.status()

    for error in (written.value, read.value):
        assert f"its folder {data_dir} is gone" in str(error) and "\n" not in str(error)
    assert not data_dir.exists(), "an empty state file was made in its place"
    store.close()
