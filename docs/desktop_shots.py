"""Screenshots on a real desktop (Xvfb, openbox, xfce4-panel, dunst: tests/e2e/desktop.py), for
what only a desktop shows: the alarm with its notification, at 1280x800 and at 1024x600, and
the posture-break popup at 2x scale under a top panel; light and dark.

    python docs/desktop_shots.py [OUTPUT_DIR]

Each shot runs this file again inside its own desktop (``--inside``), with a clock set by hand.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = (  # name, what, screen size, scale
    ("alarm", "alarm", "1280x800", "1"),
    ("alarm-1024x600", "alarm", "1024x600", "1"),
    ("popup-2x", "popup", "1280x800", "2"),
)


def inside(what: str, tone: str, path: str) -> None:
    """On this desktop: the app in ``tone``, brought to ``what``, then a screenshot."""
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import QTimer

    from heattimer.gui.app import HeatTimerApp, _make_qapp
    from heattimer.platform.clock import FakeClock
    from heattimer.platform.idle import FakeIdle
    from heattimer.service import Service
    from heattimer.store import Store

    qapp = _make_qapp()  # first: make_screenshots would pick the offscreen platform
    from docs.make_screenshots import Silence, palette

    qapp.setPalette(palette(tone == "dark"))
    clock = FakeClock(datetime(2026, 11, 24, 13, 2, tzinfo=UTC))
    folder = Path(tempfile.mkdtemp())
    service = Service(Store(folder / "data"), clock, ZoneInfo("Europe/Berlin"))
    app = HeatTimerApp(service, clock, sound=Silence(), idle=FakeIdle(0.0))  # type: ignore[arg-type]
    app.welcome_on_start = False  # (docs/make_screenshots.py shoots the welcome)
    app.start(show_window=what == "alarm")

    def act() -> None:
        if what == "alarm":
            app.controller.start(15)
            clock.jump(timedelta(minutes=15, seconds=20))
            app.controller.tick()
        else:
            app.breaks.offer_now()
        QTimer.singleShot(2500, shoot)

    def shoot() -> None:
        subprocess.run(["import", "-window", "root", path], check=True)
        app.quit()

    QTimer.singleShot(2500, act)  # the panel and the tray icon settle first
    qapp.exec()


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from tests.e2e.desktop import Desktop

    out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)
    for name, what, size, scale in SHOTS:
        for tone in ("light", "dark"):
            path = out / f"{name}-{tone}.png"
            with Desktop("sni", size=size, panel="top") as desktop:
                done = desktop.run(
                    sys.executable, __file__, "--inside", what, tone, str(path),
                    timeout=60, QT_SCALE_FACTOR=scale, PYTHONPATH=str(ROOT),
                )  # fmt: skip
            print(path if done.returncode == 0 else done.stderr[-2000:])
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--inside"]:
        inside(*sys.argv[2:5])
        sys.exit(0)
    sys.exit(main())
