"""GNOME's session manager for tests: Debian's gnome-session (gnome-session-bin), with its
built-in session management and a session of no programs, on a private session bus; and a
second private bus where it looks for the system's (it only asks logind there, and goes on
without it). ``gnome-session-inhibit``, from the same package, holds an inhibitor as a
video player does."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.e2e.desktop import Session, wait_for
from tests.needs import require

BINARY = Path("/usr/libexec/gnome-session-binary")
PROGRAMS = ("gnome-session-inhibit", "dbus-launch", "dbus-daemon")


class GnomeSession(Session):
    """``with GnomeSession() as gnome``: ``gnome.bus`` is its session bus's address."""

    def __init__(self) -> None:
        missing = [p for p in PROGRAMS if shutil.which(p) is None]
        require(missing + ([] if BINARY.exists() else [str(BINARY)]), "gnome-session")
        super().__init__("heattimer-gnome-session-")

    def _start(self) -> None:
        sessions = self.work / "config" / "gnome-session" / "sessions"
        sessions.mkdir(parents=True)
        (sessions / "empty.session").write_text(
            "[GNOME Session]\nName=Empty\nRequiredComponents=\n"
        )
        (self.work / "autostart").mkdir()
        system_bus = self.work / "system-bus"
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k not in ("DISPLAY", "WAYLAND_DISPLAY") and not k.startswith("DBUS_")
            },
            "XDG_CONFIG_HOME": str(self.work / "config"),
            "XDG_DATA_HOME": str(self.work / "data"),
            "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={system_bus}",
        }
        self._launch_bus()
        self._spawn(
            "dbus-daemon",
            "--session",
            "--nofork",
            f"--address=unix:path={system_bus}",
            log="system-bus.log",
        )
        wait_for(system_bus.exists, 10, "the stand-in system bus")
        argv = [str(BINARY), "--builtin", "--session=empty", "-a", str(self.work / "autostart")]
        self._spawn(*argv, log="gnome-session.log")
        wait_for(self._answers, 20, "gnome-session on the bus")

    def _answers(self) -> bool:
        done = self.run(
            "gdbus",
            "call",
            "--session",
            "--dest",
            "org.gnome.SessionManager",
            "--object-path",
            "/org/gnome/SessionManager",
            "--method",
            "org.gnome.SessionManager.IsInhibited",
            "8",
        )
        return done.returncode == 0

    @property
    def bus(self) -> str:
        return self.env["DBUS_SESSION_BUS_ADDRESS"]

    def inhibit_idle(self) -> subprocess.Popen[bytes]:
        """Keep the session from going idle, as a video player does, until terminated."""
        argv = ["gnome-session-inhibit", "--inhibit", "idle", "--reason", "a film", "sleep", "600"]
        return self._spawn(*argv, log="inhibit.log")
