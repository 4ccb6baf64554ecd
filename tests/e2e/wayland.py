"""A throwaway real Wayland desktop for end-to-end tests: headless sway (wlroots), a private
D-Bus session and mako (a notification daemon), with the tools that look at them and type
into them: swaymsg (windows, focus, urgency), makoctl (press a notification's button),
wtype (keys), grim (screenshots), foot (a terminal to type into). Debian packages, installed
by `.ci/run`.

sway refuses to run as root; run as root, the compositor alone runs as the unprivileged
user "wayland-tester" (created once), and everything else, the app included, connects to
its socket as root (``WAYLAND_DISPLAY`` as a full path), so the app under test is the one
installed here.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
from pathlib import Path
from typing import Any

from tests.e2e.desktop import Session, wait_for

PROGRAMS = ("sway", "swaymsg", "mako", "makoctl", "wtype", "grim", "foot", "dbus-launch")
TESTER = "wayland-tester"


def missing_programs() -> list[str]:
    """The programs this desktop needs that are not installed."""
    return [name for name in PROGRAMS if shutil.which(name) is None]


class WaylandDesktop(Session):
    """Starts sway, a session bus and mako on entry; stops all of them on exit."""

    def __init__(self, size: str = "1280x800") -> None:
        super().__init__("heattimer-wayland-")
        self.size = size

    def _start(self) -> None:
        runtime = self.work / "run"
        runtime.mkdir(mode=0o700)
        config = self.work / "sway.conf"
        config.write_text(
            f"output HEADLESS-1 resolution {self.size} position 0,0 bg #335577 solid_color\n"
            "default_border normal 2\nfont pango:DejaVu Sans 10\n"
        )
        compositor_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.work),
            "XDG_RUNTIME_DIR": str(runtime),
            "WLR_BACKENDS": "headless",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",
            "WLR_HEADLESS_OUTPUTS": "1",
        }
        argv = ["sway", "-c", str(config)]
        if os.geteuid() == 0:  # sway will not run as root: as the tester, who owns the folder
            _ensure_tester()
            tester = pwd.getpwnam(TESTER)
            for path in (self.work, runtime, config):
                os.chown(path, tester.pw_uid, tester.pw_gid)
            argv = ["runuser", "-u", TESTER, "--", *argv]
        self._spawn(*argv, log="sway.log", env=compositor_env)
        sockets = wait_for(
            lambda: [p for p in runtime.glob("wayland-*") if not p.name.endswith(".lock")],
            20,
            "sway's socket",
        )
        ipc = wait_for(lambda: list(runtime.glob("sway-ipc.*")), 10, "sway's IPC socket")
        base = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "QT_QPA_PLATFORM")
        }
        own_runtime = self.work / "client-run"
        own_runtime.mkdir(mode=0o700)
        self.env = {
            **base,
            "WAYLAND_DISPLAY": str(sockets[0]),  # type: ignore[index]
            "SWAYSOCK": str(ipc[0]),  # type: ignore[index]
            "XDG_RUNTIME_DIR": str(own_runtime),
            "XDG_CONFIG_HOME": str(self.work / "config"),
            "QT_QPA_PLATFORM": "wayland",
        }
        self._launch_bus()
        self._spawn("mako", log="mako.log")
        wait_for(lambda: self.run("makoctl", "list").returncode == 0, 20, "mako")

    def output_size(self) -> tuple[int, int]:
        """The output's size in pixels."""
        width, height = self.size.split("x")
        return int(width), int(height)

    def notification_spot(self) -> tuple[int, int]:
        """A point inside the newest notification, where mako draws it by default: the top
        right corner, 300 by 100 pixels, 10 from the edges."""
        width, _ = self.output_size()
        return width - 10 - 150, 10 + 30

    def stop_compositor(self) -> None:
        """End sway early (the bus and mako stay until the end)."""
        compositor = self._procs[0]
        compositor.terminate()
        compositor.wait(timeout=10)

    def spawn(self, *argv: str, log: str) -> subprocess.Popen[bytes]:
        """Start a program on this desktop; it is stopped with the desktop."""
        return self._spawn(*argv, log=log)

    def windows(self) -> list[dict[str, Any]]:
        """Every window sway manages: its name, app_id, and whether it is focused, urgent."""
        tree = json.loads(self.run("swaymsg", "-t", "get_tree").stdout)
        found: list[dict[str, Any]] = []

        def walk(node: dict[str, Any]) -> None:
            if node.get("type") in ("con", "floating_con") and node.get("name"):
                found.append(node)
            for child in node.get("nodes", []) + node.get("floating_nodes", []):
                walk(child)

        walk(tree)
        return found

    def window(self, name: str) -> dict[str, Any] | None:
        """The window whose title contains ``name``, if there is one."""
        return next((w for w in self.windows() if name in w["name"]), None)

    def focused(self) -> str:
        """The title of the window that has the keyboard ("" for none)."""
        return next((w["name"] for w in self.windows() if w.get("focused")), "")

    def notifications(self) -> list[dict[str, Any]]:
        """What mako shows: each with its id, summary and actions."""
        listed = json.loads(self.run("makoctl", "list").stdout)
        return [{key: field["data"] for key, field in note.items()} for note in listed["data"][0]]

    def press(self, summary: str, action: str) -> None:
        """Press the button ``action`` of the notification whose summary holds ``summary``,
        as a person does in mako (its own control tool sends the server's ActionInvoked)."""
        note = next(n for n in self.notifications() if summary in n["summary"])
        done = self.run("makoctl", "invoke", "-n", str(note["id"]), action)
        assert done.returncode == 0, done.stderr

    def type_text(self, text: str) -> None:
        """Type ``text`` into whatever has the keyboard. (Each wtype is a new virtual
        keyboard with its own keymap, and under load a client may read its first key before
        the keymap and drop it: an Escape goes first, which the terminal check ignores.)"""
        done = self.run("wtype", "-k", "Escape", "-s", "100", text)
        assert done.returncode == 0, done.stderr

    def screenshot(self, path: Path) -> Path:
        """A screenshot of the whole output (grim)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.run("grim", str(path))
        return path

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        shutil.rmtree(self.work, ignore_errors=True)  # (owned by the tester in part)


def _ensure_tester() -> None:
    try:
        pwd.getpwnam(TESTER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TESTER],
            check=True,
        )
