"""A throwaway real desktop for end-to-end tests and benchmarks.

Xvfb (a screen), a private D-Bus session, openbox (a window manager),
dunst (a notification daemon), a tray host (xfce4-panel: StatusNotifierItem;
or trayer: XEmbed; or none, as on plain GNOME), and dbus-monitor logging every
Notify call. All are Debian packages; `.ci/run` installs them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROGRAMS = (
    "Xvfb",
    "dbus-launch",
    "openbox",
    "dunst",
    "xdotool",
    "import",
    "gdbus",
    "dbus-monitor",
    "xwininfo",
    "xdpyinfo",
    "wmctrl",
)
TRAY_PROGRAMS = {"sni": "xfce4-panel", "xembed": "trayer", "none": None}


def missing_programs(tray: str = "sni") -> list[str]:
    """The programs this desktop needs that are not installed."""
    wanted = [*PROGRAMS, *([TRAY_PROGRAMS[tray]] if TRAY_PROGRAMS[tray] else [])]
    return [name for name in wanted if shutil.which(name) is None]


def wait_for(check: Callable[[], object], timeout: float, what: str, step: float = 0.1) -> object:
    """Poll ``check`` until it returns something true; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(step)


class Desktop:
    """Starts the desktop on entry and stops every part of it on exit."""

    def __init__(self, tray: str = "sni", size: str = "1280x800") -> None:
        self.tray = tray
        self.size = size
        self.work = Path(tempfile.mkdtemp(prefix="heattimer-desktop-"))
        self.notify_log = self.work / "notifications.log"
        self.env: dict[str, str] = {}
        self._procs: list[subprocess.Popen[bytes]] = []
        self._dbus_pid: int | None = None

    def __enter__(self) -> Desktop:
        try:
            self._start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _spawn(self, *argv: str, log: str) -> subprocess.Popen[bytes]:
        out = open(self.work / log, "wb")  # noqa: SIM115 - lives as long as the process
        proc = subprocess.Popen(argv, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        self._procs.append(proc)
        return proc

    def _start(self) -> None:
        display = next(
            n
            for n in range(90, 400)
            if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists()
        )
        base = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DBUS_SESSION_BUS_ADDRESS", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")
        }
        self.env = {
            **base,
            "DISPLAY": f":{display}",
            "XDG_CONFIG_HOME": str(self.work / "config"),
            "XDG_RUNTIME_DIR": str(self.work / "run"),
            "XDG_CACHE_HOME": str(self.work / "cache"),
        }
        for folder in ("config", "run", "cache"):
            (self.work / folder).mkdir(mode=0o700)
        self._spawn(
            "Xvfb",
            f":{display}",
            "-screen",
            "0",
            f"{self.size}x24",
            "-nolisten",
            "tcp",
            log="xvfb.log",
        )
        wait_for(
            lambda: subprocess.run(["xdpyinfo"], env=self.env, capture_output=True).returncode == 0,
            10,
            "Xvfb",
        )
        launched = subprocess.run(
            ["dbus-launch", "--sh-syntax"], env=self.env, capture_output=True, text=True, check=True
        ).stdout
        for line in launched.splitlines():
            if "=" in line and line.startswith("DBUS_SESSION_BUS_"):
                key, value = line.rstrip(";").split("=", 1)
                value = value.strip("'")
                if key == "DBUS_SESSION_BUS_PID":
                    self._dbus_pid = int(value)
                else:
                    self.env[key] = value
        self._spawn("openbox", log="openbox.log")
        self._spawn("dunst", log="dunst.log")
        self._spawn(
            "dbus-monitor",
            "--session",
            "interface='org.freedesktop.Notifications',member='Notify'",
            log="notifications.log",
        )
        if self.tray == "sni":
            self.start_sni_tray()
        elif self.tray == "xembed":
            self._spawn(
                "trayer",
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "request",
                "--height",
                "32",
                log="trayer.log",
            )
        wait_for(lambda: self.bus_has("org.freedesktop.Notifications"), 20, "dunst")

    def start_sni_tray(self) -> None:
        """Start the StatusNotifierItem tray host (xfce4-panel); also later, as a panel that
        comes up after the apps at login does."""
        self._spawn("xfce4-panel", log="panel.log")
        wait_for(lambda: self.bus_has("org.kde.StatusNotifierWatcher"), 20, "the SNI tray")

    def run(self, *argv: str, timeout: float = 30, **env: str) -> subprocess.CompletedProcess[str]:
        """Run a command on this desktop and wait for it."""
        return subprocess.run(
            argv, env={**self.env, **env}, capture_output=True, text=True, timeout=timeout
        )

    def bus_has(self, name: str) -> bool:
        """True if ``name`` is owned on the session bus."""
        out = self.run(
            "gdbus",
            "call",
            "--session",
            "--dest",
            "org.freedesktop.DBus",
            "--object-path",
            "/org/freedesktop/DBus",
            "--method",
            "org.freedesktop.DBus.NameHasOwner",
            name,
            timeout=10,
        )
        return "true" in out.stdout

    def tray_items(self) -> str:
        """The StatusNotifierItems registered with the tray host, as gdbus prints them."""
        return self.run(
            "gdbus",
            "call",
            "--session",
            "--dest",
            "org.kde.StatusNotifierWatcher",
            "--object-path",
            "/StatusNotifierWatcher",
            "--method",
            "org.freedesktop.DBus.Properties.Get",
            "org.kde.StatusNotifierWatcher",
            "RegisteredStatusNotifierItems",
        ).stdout

    def window_names(self, name: str) -> list[str]:
        """Titles of the visible windows whose title contains ``name``."""
        ids = self.run("xdotool", "search", "--onlyvisible", "--name", name).stdout.split()
        return [self.run("xdotool", "getwindowname", wid).stdout.strip() for wid in ids]

    def close_window(self, wid: int) -> None:
        """Ask the window manager to close window ``wid``, as its title bar's close button does
        (an EWMH _NET_CLOSE_WINDOW request, sent by wmctrl; no keyboard focus involved)."""
        done = self.run("wmctrl", "-i", "-c", hex(wid))
        assert done.returncode == 0, done.stderr

    def notifications(self) -> str:
        """Everything dbus-monitor logged of Notify calls so far."""
        return self.notify_log.read_text(errors="replace") if self.notify_log.exists() else ""

    def screenshot(self, path: Path) -> Path:
        """A PNG of the whole screen."""
        self.run("import", "-window", "root", str(path), timeout=30)
        return path

    def __exit__(self, *exc: object) -> None:
        for proc in reversed(self._procs):
            proc.terminate()
        for proc in reversed(self._procs):
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
        if self._dbus_pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._dbus_pid, signal.SIGTERM)
