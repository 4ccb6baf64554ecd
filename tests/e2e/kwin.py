"""KDE's compositor for tests: KWin (Debian's), headless with a virtual output, on a runtime
folder and a private session bus of its own (the desktop's own bus is never touched).

Debian's binary carries a file capability (cap_sys_resource), which a container without
it refuses to run; a copy without the capability runs as any program does.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from tests.e2e.desktop import Session, wait_for
from tests.needs import require

PROGRAMS = ("kwin_wayland", "dbus-launch")


class KWin(Session):
    """``with KWin() as kwin``: ``kwin.display`` is its Wayland socket (a full path) and
    ``kwin.env`` has its bus; ``kwin.stop()`` ends the compositor early."""

    def __init__(self) -> None:
        require([p for p in PROGRAMS if shutil.which(p) is None], "KWin")
        super().__init__("heattimer-kwin-")
        self.display = ""
        self._kwin: subprocess.Popen[bytes] | None = None

    def _start(self) -> None:
        runtime = self.work / "run"
        runtime.mkdir(mode=0o700)
        binary = self.work / "kwin_wayland"
        shutil.copy(shutil.which("kwin_wayland") or "", binary)
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
            "XDG_RUNTIME_DIR": str(runtime),
        }
        self._launch_bus()
        argv = [str(binary), "--virtual", "--no-lockscreen", "--socket", "wayland-kwin"]
        self._kwin = self._spawn(*argv, log="kwin.log")
        socket = runtime / "wayland-kwin"
        wait_for(socket.exists, 30, "KWin's Wayland socket")
        self.display = str(socket)

    @property
    def bus(self) -> str:
        """The address of KWin's session bus."""
        return self.env["DBUS_SESSION_BUS_ADDRESS"]

    def stop(self) -> None:
        """End the compositor (its bus stays until the end)."""
        if self._kwin is not None:
            self._kwin.terminate()
            self._kwin.wait(timeout=10)

    def __exit__(self, *exc: object) -> None:
        super().__exit__()
        shutil.rmtree(self.work, ignore_errors=True)
