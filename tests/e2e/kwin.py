"""KDE's compositor for tests: KWin (Debian's), headless with a virtual output, on a runtime
folder and a session bus of its own (the desktop's own bus is never touched).

Debian's binary carries a file capability (cap_sys_resource), which a container without
it refuses to run; a copy without the capability runs as any program does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

from tests.e2e.desktop import wait_for
from tests.needs import require


class KWin:
    """``with KWin() as kwin``: ``kwin.display`` is its Wayland socket (a full path),
    ``kwin.bus`` its session bus; ``kwin.stop()`` ends it early."""

    def __init__(self) -> None:
        require([p for p in ("kwin_wayland", "dbus-daemon") if shutil.which(p) is None], "KWin")
        self.folder = Path(tempfile.mkdtemp(prefix="heattimer-kwin-"))
        self.started: list[subprocess.Popen[bytes]] = []
        self.display = ""
        self.bus = ""

    def __enter__(self) -> KWin:
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        runtime = self.folder / "run"
        runtime.mkdir(mode=0o700)
        binary = self.folder / "kwin_wayland"
        shutil.copy(shutil.which("kwin_wayland") or "", binary)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        daemon = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.started.append(daemon)
        assert daemon.stdout is not None
        self.bus = daemon.stdout.readline().decode().strip()
        env = {
            **{k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
            "DBUS_SESSION_BUS_ADDRESS": self.bus,
            "XDG_RUNTIME_DIR": str(runtime),
        }
        argv = [str(binary), "--virtual", "--no-lockscreen", "--socket", "wayland-kwin"]
        self.started.append(subprocess.Popen(argv, env=env, **quiet))  # type: ignore[call-overload]
        socket = runtime / "wayland-kwin"
        wait_for(socket.exists, 30, "KWin's Wayland socket")
        self.display = str(socket)

    def stop(self) -> None:
        """End KWin and its bus."""
        for proc in reversed(self.started):
            proc.terminate()
        for proc in reversed(self.started):
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.started.clear()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
