"""Start Heat Timer when the person logs in: the way each platform has for it.

- Linux and other XDG desktops: a desktop entry in ``$XDG_CONFIG_HOME/autostart`` (the XDG
  Autostart specification). A desktop's own settings may switch one off by writing
  ``Hidden=true`` or ``X-GNOME-Autostart-enabled=false`` into it: then it is off.
- Windows: the value "Heat Timer" under HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run.
- macOS: a LaunchAgent, ``~/Library/LaunchAgents/<label>.plist``, run at load (login).

Rules:
- ``enabled()`` reads what is really there, so the app's toggle shows the truth, also
  after the person changed it elsewhere.
- The app is started in the tray (``--tray``), by the full path of the script that runs
  this one: a virtual environment's scripts are not on the login session's PATH.
- No Qt here (the CLI and the GUI both use it).
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from pathlib import Path
from typing import Any

from heattimer import APP_ID, APP_NAME
from heattimer.platform.ports import Autostart

TRAY_FLAG = "--tray"
"""Start with the window hidden in the tray (heattimer/cli: the app's own flag)."""
LAUNCH_AGENT = f"app.{APP_ID}"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def command(data_dir: str | None = None, tray: bool = True) -> list[str]:
    """How a login session (``tray``: into the tray) or a menu starts the app: the installed
    GUI script beside this Python, else this Python running the package."""
    scripts = Path(sys.executable).parent
    for name in ("heattimer-gui.exe", "heattimer-gui", "heattimer"):
        if (scripts / name).exists():
            argv = [str(scripts / name)]
            break
    else:  # (on Windows pythonw, which opens no console window at every login)
        python = Path(sys.executable)
        windowless = python.with_name("pythonw.exe")
        argv = [str(windowless if windowless.exists() else python), "-m", APP_ID]
    if tray:
        argv.append(TRAY_FLAG)
    if data_dir:
        argv += ["--data-dir", data_dir]
    return argv


class XdgAutostart:
    """A desktop entry in the XDG autostart folder."""

    def __init__(self, config_home: Path | None = None) -> None:
        home = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.path = home / "autostart" / f"{APP_ID}.desktop"

    def enabled(self) -> bool:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        entry = _desktop_entry(text)
        return (
            entry.get("Type") == "Application"
            and entry.get("Hidden", "false").lower() != "true"
            and entry.get("X-GNOME-Autostart-enabled", "true").lower() != "false"
        )

    def enable(self, argv: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = (
            "[Desktop Entry]\n"
            "Type=Application\n"
            f"Name={APP_NAME}\n"
            "Comment=Safe heat sessions for back and shoulder pain, with posture breaks\n"
            f"Exec={desktop_exec(argv)}\n"
            f"Icon={APP_ID}\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
        )
        temp = self.path.with_name(f".{self.path.name}.new")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, self.path)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


class WindowsAutostart:
    """The per-user Run key; ``registry`` is the standard library's winreg (a stand-in in
    tests, with the same functions)."""

    def __init__(self, registry: Any = None) -> None:
        if registry is None:
            import winreg as registry
        self.reg = registry

    def enabled(self) -> bool:
        try:
            with self.reg.OpenKey(self.reg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = self.reg.QueryValueEx(key, APP_NAME)
        except OSError:  # (FileNotFoundError: no such key or value)
            return False
        return bool(value)

    def enable(self, argv: list[str]) -> None:
        access = self.reg.KEY_SET_VALUE
        with self.reg.CreateKeyEx(self.reg.HKEY_CURRENT_USER, RUN_KEY, 0, access) as key:
            self.reg.SetValueEx(key, APP_NAME, 0, self.reg.REG_SZ, windows_command(argv))

    def disable(self) -> None:
        try:
            access = self.reg.KEY_SET_VALUE
            with self.reg.OpenKey(self.reg.HKEY_CURRENT_USER, RUN_KEY, 0, access) as key:
                self.reg.DeleteValue(key, APP_NAME)
        except OSError:  # not there: off already
            pass


class MacAutostart:
    """A LaunchAgent that runs the app at login."""

    def __init__(self, home: Path | None = None) -> None:
        folder = (home or Path.home()) / "Library" / "LaunchAgents"
        self.path = folder / f"{LAUNCH_AGENT}.plist"

    def enabled(self) -> bool:
        try:
            with self.path.open("rb") as file:
                agent = plistlib.load(file)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return bool(agent.get("RunAtLoad")) and not agent.get("Disabled", False)

    def enable(self, argv: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        agent = {"Label": LAUNCH_AGENT, "ProgramArguments": argv, "RunAtLoad": True}
        temp = self.path.with_name(f".{self.path.name}.new")
        with temp.open("wb") as file:
            plistlib.dump(agent, file)
        os.replace(temp, self.path)

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


def switch(login: Autostart, on: bool, data_dir: str) -> None:
    """Start at login on (the app on ``data_dir``, into the tray) or off; nothing written
    when it is so already. Raises OSError when the entry cannot be written or removed."""
    if on == login.enabled():
        return
    if on:
        login.enable(command(data_dir, tray=True))
    else:
        login.disable()


def autostart(platform: str = sys.platform) -> Autostart:
    """This platform's way to start at login."""
    if platform == "win32":
        return WindowsAutostart()
    if platform == "darwin":
        return MacAutostart()
    return XdgAutostart()


def desktop_exec(argv: list[str]) -> str:
    """``argv`` as a desktop entry's Exec value: each argument quoted where it must be, and
    the characters the specification reserves escaped."""

    def quoted(arg: str) -> str:
        if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`%"):
            return arg
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg).replace("%", "%%")
        return f'"{inner}"'

    # (In a desktop file's value a backslash is itself escaped once more.)
    return " ".join(quoted(arg) for arg in argv).replace("\\", "\\\\")


def windows_command(argv: list[str]) -> str:
    """``argv`` as one Windows command line (the Run key's value)."""
    return subprocess.list2cmdline(argv)


def _desktop_entry(text: str) -> dict[str, str]:
    """The keys of a desktop file's [Desktop Entry] group."""
    values: dict[str, str] = {}
    group = ""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
        elif group == "Desktop Entry" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            values.setdefault(key.strip(), value.strip())
    return values


__all__ = [
    "MacAutostart",
    "WindowsAutostart",
    "XdgAutostart",
    "autostart",
    "command",
    "desktop_exec",
    "switch",
]
