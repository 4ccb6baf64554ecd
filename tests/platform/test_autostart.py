"""Start at login, on each platform: the XDG autostart entry against real files under a
temporary XDG_CONFIG_HOME (checked by desktop-file-validate, and read back the way a
session starts it), the Windows Run key through a stand-in with winreg's functions, and
the macOS LaunchAgent as the plist launchd reads."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from heattimer.platform.autostart import (
    LAUNCH_AGENT,
    TRAY_FLAG,
    MacAutostart,
    WindowsAutostart,
    XdgAutostart,
    command,
    desktop_exec,
)
from tests.needs import require

ARGV = ["/home/ann/my apps/venv/bin/heattimer-gui", TRAY_FLAG, "--data-dir", "/home/ann/50% $HOME"]


def exec_argv(value: str) -> list[str]:
    """How a session reads an Exec value back into arguments, by the specification's
    rules: the file's own escapes first (a doubled backslash), then arguments split at
    spaces, double quotes around one that has reserved characters (inside them a
    backslash takes the next of " ` $ \\ as itself), and %% for a %."""
    text = value.replace("\\\\", "\\")
    args: list[str] = []
    current, quoted, i = "", False, 0
    while i < len(text):
        c = text[i]
        if quoted and c == "\\" and text[i + 1] in '"`$\\':
            current, i = current + text[i + 1], i + 2
            continue
        if c == '"':
            quoted = not quoted
        elif c == " " and not quoted:
            args.append(current)
            current = ""
        else:
            current += c
        i += 1
    return [arg.replace("%%", "%") for arg in [*args, current]]


def test_the_linux_entry_is_written_read_and_removed(tmp_path: Path) -> None:
    entry = XdgAutostart(tmp_path / "config")
    assert not entry.enabled()
    entry.enable(ARGV)
    assert entry.path == tmp_path / "config" / "autostart" / "heattimer.desktop"
    assert entry.enabled()
    text = entry.path.read_text()
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_argv(exec_line.removeprefix("Exec=")) == ARGV
    require(
        [] if shutil.which("desktop-file-validate") else ["desktop-file-validate"], "validation"
    )
    checked = subprocess.run(["desktop-file-validate", str(entry.path)], capture_output=True)
    assert checked.returncode == 0 and not checked.stdout, checked.stdout.decode()
    entry.disable()
    assert not entry.path.exists() and not entry.enabled()
    entry.disable()  # off already: nothing to do, no error


@pytest.mark.parametrize("switch", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_an_entry_the_desktop_switched_off_reads_as_off(tmp_path: Path, switch: str) -> None:
    entry = XdgAutostart(tmp_path)
    entry.enable(ARGV)
    entry.path.write_text(
        entry.path.read_text().replace("X-GNOME-Autostart-enabled=true", "") + switch + "\n"
    )
    assert not entry.enabled()


def test_the_default_folder_follows_xdg_config_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert XdgAutostart().path == tmp_path / "autostart" / "heattimer.desktop"


def test_the_command_is_the_installed_script_in_the_tray() -> None:
    argv = command("/data")
    assert Path(argv[0]).is_absolute() and Path(argv[0]).exists()
    assert argv[-3:] == [TRAY_FLAG, "--data-dir", "/data"]


def test_an_exec_value_with_nothing_to_quote_stays_as_it_is() -> None:
    assert desktop_exec(["/usr/bin/heattimer-gui", TRAY_FLAG]) == "/usr/bin/heattimer-gui --tray"


class FakeWinreg:
    """The part of the standard library's winreg the app uses, over a dict."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_SET_VALUE = 2
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, tuple[Any, int]]] = {}

    class _Key:
        def __init__(self, values: dict[str, tuple[Any, int]]) -> None:
            self.values = values

        def __enter__(self) -> FakeWinreg._Key:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

    def OpenKey(self, root: str, sub: str, reserved: int = 0, access: int = 1) -> _Key:
        if f"{root}\\{sub}" not in self.keys:
            raise FileNotFoundError(sub)
        return self._Key(self.keys[f"{root}\\{sub}"])

    def CreateKeyEx(self, root: str, sub: str, reserved: int, access: int) -> _Key:
        return self._Key(self.keys.setdefault(f"{root}\\{sub}", {}))

    def QueryValueEx(self, key: _Key, name: str) -> tuple[Any, int]:
        if name not in key.values:
            raise FileNotFoundError(name)
        return key.values[name]

    def SetValueEx(self, key: _Key, name: str, reserved: int, kind: int, value: Any) -> None:
        key.values[name] = (value, kind)

    def DeleteValue(self, key: _Key, name: str) -> None:
        if name not in key.values:
            raise FileNotFoundError(name)
        del key.values[name]


def test_the_windows_run_key_holds_one_quoted_command_line() -> None:
    registry = FakeWinreg()
    run = WindowsAutostart(registry)
    assert not run.enabled()
    run.disable()  # no key at all yet: off, no error
    argv = [r"C:\Users\Ann\My Apps\venv\Scripts\heattimer-gui.exe", TRAY_FLAG]
    run.enable(argv)
    assert run.enabled()
    values = registry.keys[r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run"]
    assert values["Heat Timer"] == (
        r'"C:\Users\Ann\My Apps\venv\Scripts\heattimer-gui.exe" --tray',
        FakeWinreg.REG_SZ,
    )
    run.disable()
    assert not run.enabled() and "Heat Timer" not in values


def test_the_macos_launch_agent_runs_the_app_at_login(tmp_path: Path) -> None:
    agent = MacAutostart(tmp_path)
    assert not agent.enabled()
    agent.enable(ARGV)
    assert agent.path == tmp_path / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT}.plist"
    with agent.path.open("rb") as file:
        plist = plistlib.load(file)
    assert plist == {"Label": LAUNCH_AGENT, "ProgramArguments": ARGV, "RunAtLoad": True}
    assert agent.enabled()
    agent.path.write_bytes(b"not a plist")
    assert not agent.enabled()
    agent.disable()
    assert not agent.path.exists()
