"""`heattimer install-desktop`: the app in the application menu, in real files under a
temporary XDG_DATA_HOME, each checked by the desktop's own validators (desktop-file-validate,
appstreamcli); and out again with --uninstall. The state file is never touched."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from heattimer.cli import main
from heattimer.exits import Exit
from tests.needs import require

VALIDATORS = ("desktop-file-validate", "appstreamcli")


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])  # the IHDR chunk
    return width, height


def test_the_menu_entry_icon_and_metadata_are_installed_valid_and_removed(
    data_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require([v for v in VALIDATORS if shutil.which(v) is None], "validating the menu's files")
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "install-desktop"]) == Exit.OK
    said = capsys.readouterr().out
    entry = data_home / "applications" / "heattimer.desktop"
    assert str(entry) in said
    checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout, checked.stdout
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    program = exec_line.removeprefix("Exec=").split(" ")[0]
    assert Path(program).is_absolute() and Path(program).exists()  # not left to the PATH
    assert f"--data-dir {data}" in exec_line
    for size in (16, 22, 32, 48, 64):
        icon = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "heattimer.png"
        assert png_size(icon) == (size, size)
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / "heattimer.svg").exists()
    metainfo = data_home / "metainfo" / "io.github.heattimer.metainfo.xml"
    checked = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(metainfo)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert '<launchable type="desktop-id">heattimer.desktop</launchable>' in metainfo.read_text()
    assert not data.exists()  # the menu's files only: no state file made

    (data_home / "applications" / "someone-else.desktop").write_text("[Desktop Entry]\n")
    assert main(["install-desktop", "--uninstall"]) == Exit.OK
    installed = [p for p in data_home.rglob("*") if p.is_file()]
    assert installed == [data_home / "applications" / "someone-else.desktop"]
    assert main(["install-desktop", "--uninstall"]) == Exit.OK  # again: nothing to remove
    assert "nothing to remove" in capsys.readouterr().out


def test_a_folder_that_cannot_be_written_is_one_line_and_exit_7(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "share"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    assert main(["install-desktop"]) == Exit.DESKTOP_FILES_FAILED
    err = capsys.readouterr().err
    assert err.startswith("heattimer: the menu's files could not be changed:")
    assert err.count("\n") == 1
