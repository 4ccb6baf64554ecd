"""A throwaway real desktop for end-to-end tests and benchmarks.

Xvfb (a screen), a private D-Bus session, openbox (a window manager),
dunst (a notification daemon), a tray host (xfce4-panel: StatusNotifierItem;
or trayer: XEmbed; or none, as on plain GNOME), and dbus-monitor logging every
Notify call. All are Debian packages; `.ci/run` installs them.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, Self

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
    "dunstctl",
    "xprop",
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


def start_xvfb(
    size: str, *extra: str, env: dict[str, str] | None = None, output: object = None
) -> tuple[subprocess.Popen[bytes], int]:
    """Start Xvfb on a display number it finds free itself (-displayfd), and return it once
    the server accepts clients. (A number that looks free in /tmp/.X11-unix may be taken by
    an X server in another mount namespace, a chroot, whose abstract socket is the same:
    clients would reach that one.)"""
    read, write = os.pipe()
    try:
        proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp",
             # As on a desktop, where other clients stay: an Xvfb whose last client leaves
             # starts over, and drops whoever connects meanwhile (a flaky test's cause).
             "-noreset", *extra],
            env=env, stdout=output or subprocess.DEVNULL, stderr=subprocess.STDOUT,
            pass_fds=(write,),
        )  # fmt: skip
    finally:
        os.close(write)
    with os.fdopen(read) as chosen:
        number = chosen.readline().strip()  # written once it listens; "" if it died
    if not number.isdigit():
        proc.kill()
        raise RuntimeError("Xvfb exited before it chose a display")
    return proc, int(number)


class Notify(NamedTuple):
    """One Notify call, with the arguments that tell what a person sees."""

    app: str
    replaces: int
    title: str
    body: str
    actions: list[str]
    urgency: int | None
    timeout: int


def parse_notify_calls(log: str) -> list[Notify]:
    """The Notify calls in dbus-monitor's log of the notification interface."""
    calls = []
    for block in log.split("method call ")[1:]:
        if "member=Notify" not in block.splitlines()[0]:
            continue
        strings = re.findall(r'^ {3}string "(.*)"$', block, re.M)
        (replaces,) = re.findall(r"^ {3}uint32 (\d+)$", block, re.M)[:1]
        timeouts = re.findall(r"^ {3}int32 (-?\d+)$", block, re.M)
        actions = re.search(r"^ {3}array \[\n(.*?)^ {3}\]", block, re.M | re.S)
        urgency = re.search(r'string "urgency"\s+variant\s+byte (\d+)', block)
        calls.append(
            Notify(
                app=strings[0],
                replaces=int(replaces),
                title=strings[2],
                body=strings[3],
                actions=re.findall(r'string "(.*)"', actions.group(1)) if actions else [],
                urgency=int(urgency.group(1)) if urgency else None,
                timeout=int(timeouts[-1]),
            )
        )
    return calls


def welcomed(data: Path) -> Path:
    """``data``: the data folder of someone who has answered the first-run welcome (with its
    defaults), so the app starts with its window alone; tests/gui/test_guide.py has the
    welcome itself."""
    from heattimer.service import Service
    from heattimer.store import Store

    store = Store(data)
    try:
        Service(store).finish_welcome()
    finally:
        store.close()
    return data


def stop_all(procs: list[subprocess.Popen[bytes]]) -> None:
    """Ask each process to end, newest first; kill what has not within 5 s."""
    for proc in reversed(procs):
        proc.terminate()
    for proc in reversed(procs):
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Session:
    """What a throwaway desktop has: a work folder, the environment its programs get, the
    processes it started (stopped, newest first, on exit) and a private session bus."""

    def __init__(self, prefix: str) -> None:
        self.work = Path(tempfile.mkdtemp(prefix=prefix))
        self.env: dict[str, str] = {}
        self._procs: list[subprocess.Popen[bytes]] = []
        self._dbus_pid: int | None = None

    def __enter__(self) -> Self:
        try:
            self._start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start(self) -> None:
        raise NotImplementedError

    def _spawn(
        self, *argv: str, log: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        out = open(self.work / log, "wb")  # noqa: SIM115 - lives as long as the process
        proc = subprocess.Popen(argv, env=env or self.env, stdout=out, stderr=subprocess.STDOUT)
        self._procs.append(proc)
        return proc

    def _launch_bus(self) -> None:
        """Start a private session bus (dbus-launch); its address goes into ``env``."""
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

    def run(self, *argv: str, timeout: float = 30, **env: str) -> subprocess.CompletedProcess[str]:
        """Run a command on this desktop and wait for it."""
        return subprocess.run(
            argv, env={**self.env, **env}, capture_output=True, text=True, timeout=timeout
        )

    def __exit__(self, *exc: object) -> None:
        stop_all(self._procs)
        if self._dbus_pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._dbus_pid, signal.SIGTERM)


class Desktop(Session):
    """Starts the desktop on entry and stops every part of it on exit."""

    def __init__(self, tray: str = "sni", size: str = "1280x800", panel: str = "") -> None:
        super().__init__("heattimer-desktop-")
        self.tray = tray
        self.size = size
        self.panel = panel  # "top" or "bottom": one xfce4-panel there with tasks and tray
        self.notify_log = self.work / "notifications.log"

    def _start(self) -> None:
        base = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DBUS_SESSION_BUS_ADDRESS", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")
        }
        self.env = {
            **base,
            "XDG_CONFIG_HOME": str(self.work / "config"),
            "XDG_RUNTIME_DIR": str(self.work / "run"),
            "XDG_CACHE_HOME": str(self.work / "cache"),
        }
        for folder in ("config", "run", "cache"):
            (self.work / folder).mkdir(mode=0o700)
        self.env["DISPLAY"] = f":{self._start_x()}"
        wait_for(
            lambda: subprocess.run(["xdpyinfo"], env=self.env, capture_output=True).returncode == 0,
            10,
            "Xvfb",
        )
        self._launch_bus()
        self._spawn("openbox", log="openbox.log")
        self._dunst = self._spawn("dunst", log="dunst.log")
        self._spawn(
            "dbus-monitor",
            "--session",
            "interface='org.freedesktop.Notifications'",
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

    def _start_x(self) -> int:
        with open(self.work / "xvfb.log", "wb") as log:
            proc, display = start_xvfb(self.size, env=self.env, output=log)
        self._procs.append(proc)
        return display

    def restart_notification_server(self) -> None:
        """Stop dunst and start it again, as a new login or a crash does: it forgets what
        it showed, and its ids start over."""
        self._dunst.terminate()
        self._dunst.wait(timeout=10)
        wait_for(lambda: not self.bus_has("org.freedesktop.Notifications"), 10, "dunst to stop")
        self._dunst = self._spawn("dunst", log="dunst.log")
        wait_for(lambda: self.bus_has("org.freedesktop.Notifications"), 20, "dunst")

    def start_sni_tray(self) -> None:
        """Start the StatusNotifierItem tray host (xfce4-panel); also later, as a panel that
        comes up after the apps at login does."""
        if self.panel:
            self._write_panel_config(self.panel)
        self._spawn("xfce4-panel", log="panel.log")
        wait_for(lambda: self.bus_has("org.kde.StatusNotifierWatcher"), 20, "the SNI tray")

    def _write_panel_config(self, edge: str) -> None:
        """One panel on ``edge``, a task list at its left and the tray at its right, in xfconf's
        own file (read
        by xfconfd, started by the session bus when the panel asks for its settings)."""
        position = {"top": "p=6;x=0;y=0", "bottom": "p=10;x=0;y=0"}[edge]
        folder = self.work / "config" / "xfce4" / "xfconf" / "xfce-perchannel-xml"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "xfce4-panel.xml").write_text(
            f"""<?xml version="1.0" encoding="UTF-8"?>
<channel name="xfce4-panel" version="1.0">
  <property name="configver" type="int" value="2"/>
  <property name="panels" type="array">
    <value type="int" value="1"/>
    <property name="panel-1" type="empty">
      <property name="position" type="string" value="{position}"/>
      <property name="length" type="uint" value="100"/>
      <property name="position-locked" type="bool" value="true"/>
      <property name="size" type="uint" value="30"/>
      <property name="plugin-ids" type="array">
        <value type="int" value="1"/>
        <value type="int" value="2"/>
        <value type="int" value="3"/>
      </property>
    </property>
  </property>
  <property name="plugins" type="empty">
    <property name="plugin-1" type="string" value="tasklist"/>
    <property name="plugin-2" type="string" value="separator">
      <property name="expand" type="bool" value="true"/>
      <property name="style" type="uint" value="0"/>
    </property>
    <property name="plugin-3" type="string" value="systray"/>
  </property>
</channel>
"""
        )

    def window_geometry(self, wid: int) -> tuple[int, int, int, int]:
        """A window's frame on the screen: x, y, width, height (as xwininfo reads them)."""
        out = self.run("xwininfo", "-id", str(wid), "-frame").stdout
        field = {
            key.strip(): int(value)
            for key, value in re.findall(
                r"^\s*(Absolute upper-left [XY]|Width|Height):\s*(-?\d+)", out, re.M
            )
        }
        return (
            field["Absolute upper-left X"],
            field["Absolute upper-left Y"],
            field["Width"],
            field["Height"],
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

    def window_ids(self, name: str) -> list[int]:
        """The visible windows whose title contains ``name``."""
        found = self.run("xdotool", "search", "--onlyvisible", "--name", name).stdout.split()
        return [int(wid) for wid in found]

    def active_window(self) -> int:
        """The window that has the keyboard (the window manager's _NET_ACTIVE_WINDOW)."""
        return int(self.run("xdotool", "getactivewindow").stdout.strip() or 0)

    def window_states(self, wid: int) -> str:
        """A window's _NET_WM_STATE, as xprop prints it (what taskbars read)."""
        return self.run("xprop", "-id", str(wid), "_NET_WM_STATE").stdout

    def type_keys(self, *keys: str) -> None:
        """Press ``keys`` (xdotool names: space, Return, a) into whatever has the keyboard."""
        for key in keys:
            done = self.run("xdotool", "key", key)
            assert done.returncode == 0, done.stderr

    def close_window(self, wid: int) -> None:
        """Ask the window manager to close window ``wid``, as its title bar's close button does
        (an EWMH _NET_CLOSE_WINDOW request, sent by wmctrl; no keyboard focus involved)."""
        done = self.run("wmctrl", "-i", "-c", hex(wid))
        assert done.returncode == 0, done.stderr

    def notifications(self) -> str:
        """Everything dbus-monitor logged of Notify calls so far."""
        return self.notify_log.read_text(errors="replace") if self.notify_log.exists() else ""

    def notify_calls(self) -> list[Notify]:
        """The Notify calls the server got so far, in order, read from dbus-monitor's log."""
        return parse_notify_calls(self.notifications())

    def shown_notifications(self) -> int:
        """How many notifications the server has on the screen now (its own count)."""
        return int(self.run("dunstctl", "count", "displayed").stdout.strip() or 0)

    def click_notification(self, button: int) -> None:
        """Click the notification on the screen with mouse ``button`` as a person does (dunst:
        1 closes it, 2 runs its action); fails if none is shown."""
        found = self.run("xdotool", "search", "--onlyvisible", "--class", "dunst").stdout.split()
        assert found, "no notification on the screen"
        where = self.run("xdotool", "getwindowgeometry", "--shell", found[0]).stdout
        numbers = dict(line.split("=", 1) for line in where.split())
        x, y = int(numbers["X"]) + 30, int(numbers["Y"]) + 15
        done = self.run("xdotool", "mousemove", str(x), str(y), "click", str(button))
        assert done.returncode == 0, done.stderr

    def screenshot(self, path: Path) -> Path:
        """A PNG of the whole screen."""
        self.run("import", "-window", "root", str(path), timeout=30)
        return path
