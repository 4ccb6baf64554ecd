"""The app where it cannot show a window: one line that says why and what to do, exit 5,
never Qt's abort or a traceback, and no file touched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from heattimer.exits import Exit
from heattimer.platform.display import (
    NO_DISPLAY,
    display_missing,
    import_error_line,
    missing_libraries_line,
    qt_start_failure_line,
)

SCRIPT = Path(sys.executable).with_name("heattimer")
unix_desktop = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="X11/Wayland only")


def launch(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`heattimer` (the app) on a fresh data folder, with no display but what ``env`` names."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "HEATTIMER_DATA_DIR")
    }
    return subprocess.run(
        [str(SCRIPT), "--data-dir", str(tmp_path / "data")],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == Exit.NO_DESKTOP, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("heattimer: the app cannot start: ")
    return lines[0]


@unix_desktop
def test_with_no_display_the_app_says_so_in_one_line_and_exits_5(tmp_path: Path) -> None:
    line = assert_one_line(launch(tmp_path))
    assert NO_DISPLAY in line
    assert "xcb-cursor" not in line
    assert not (tmp_path / "data").exists()


@unix_desktop
def test_a_display_nobody_serves_is_named_not_aborted_on(tmp_path: Path) -> None:
    free = next(n for n in range(4200, 4300) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    line = assert_one_line(launch(tmp_path, DISPLAY=f":{free}", XDG_RUNTIME_DIR=str(tmp_path)))
    # Where Qt's libraries are, Qt tried and could not reach the display; where they are
    # not, the line names the missing library instead (tests/cli runs without Qt too).
    assert f"DISPLAY=:{free}" in line or "not installed on this computer" in line
    assert not (tmp_path / "data").exists()


@unix_desktop
def test_qt_libraries_missing_name_the_library_and_the_package(tmp_path: Path) -> None:
    # Qt's loader failing as it does on a machine without libglib: PySide6's QtCore module
    # raises the ImportError the dynamic loader gives (the libraries cannot be removed here).
    fake = tmp_path / "site" / "PySide6"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    for module in ("QtCore", "QtGui", "QtWidgets"):
        (fake / f"{module}.py").write_text(
            "raise ImportError('libglib-2.0.so.0: cannot open shared object file: "
            "No such file or directory')\n"
        )
    line = assert_one_line(launch(tmp_path, DISPLAY=":0", PYTHONPATH=str(fake.parent)))
    assert "libglib-2.0.so.0" in line
    assert "sudo apt install libglib2.0-0" in line


def test_a_unix_desktop_needs_a_display_named_windows_and_macos_do_not() -> None:
    assert display_missing({}, "linux")
    assert display_missing({"DISPLAY": ""}, "linux")
    assert not display_missing({"DISPLAY": ":0"}, "linux")
    assert not display_missing({"WAYLAND_DISPLAY": "wayland-0"}, "freebsd14")
    assert not display_missing({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not display_missing({}, "win32")
    assert not display_missing({}, "darwin")


def test_missing_libraries_are_named_with_the_debian_packages_once() -> None:
    line = missing_libraries_line(
        ["libxcb-cursor.so.0", "libxcb-cursor.so.0", "libgthread-2.0.so.0"]
    )
    assert line.startswith("Qt needs libxcb-cursor.so.0, libgthread-2.0.so.0, not installed")
    assert line.endswith("(Debian/Ubuntu: sudo apt install libxcb-cursor0 libglib2.0-0)")
    unknown = missing_libraries_line(["libexotic.so.9"])
    assert "libexotic.so.9" in unknown and "apt" not in unknown


def test_an_import_error_without_a_library_says_to_reinstall() -> None:
    assert "reinstall" in import_error_line(ImportError("No module named 'shiboken6'"))
    assert "libEGL.so.1" in import_error_line(ImportError("libEGL.so.1: cannot open shared"))


def test_qt_giving_up_on_the_display_names_the_variable() -> None:
    logged = [
        "could not connect to display :9",
        "From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin.",
        'Could not load the Qt platform plugin "xcb" in "" even though it was found.',
    ]
    line = qt_start_failure_line(logged, [], {"DISPLAY": ":9"})
    assert "DISPLAY=:9" in line and "xcb-cursor" not in line
    other = qt_start_failure_line(["something odd"], [], {})
    assert other == "Qt could not start on this desktop: something odd"
