"""Render the README's screenshots: the window running a session, blocked by an injury,
running a cold session, the injury log, a posture-break popup, the welcome, help and
About pages, and the settings, in light and dark
palettes (docs/desktop_shots.py takes those only a real desktop shows). Offscreen, with a
clock set by hand.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [OUTPUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from heattimer.core.model import Area, Kind, RedFlag
from heattimer.gui.app import HeatTimerApp, _make_qapp
from heattimer.platform.clock import FakeClock
from heattimer.platform.idle import FakeIdle
from heattimer.service import Service
from heattimer.store import Store

ZONE = ZoneInfo("Europe/Berlin")


class QuietNotifier:
    """Screenshots make no noise."""

    tray = None

    def __init__(self) -> None:
        from PySide6.QtCore import QObject, Signal

        class Relay(QObject):
            actionInvoked = Signal(str)

        self._relay = Relay()
        self.actionInvoked = self._relay.actionInvoked

    def notify(self, *args: object, **kwargs: object) -> None:
        pass

    def close(self, tag: str) -> None:
        pass


class Silence:
    def play(self) -> None:
        pass


def palette(dark: bool) -> QPalette:
    """Fusion's palette, or a dark one like a desktop's dark mode."""
    style = QStyleFactory.create("Fusion")
    base = style.standardPalette()
    if not dark:
        return base
    colours = {
        QPalette.ColorRole.Window: "#26282b",
        QPalette.ColorRole.WindowText: "#e9ecef",
        QPalette.ColorRole.Base: "#1e2023",
        QPalette.ColorRole.AlternateBase: "#2c2f33",
        QPalette.ColorRole.Text: "#e9ecef",
        QPalette.ColorRole.Button: "#33363a",
        QPalette.ColorRole.ButtonText: "#e9ecef",
        QPalette.ColorRole.Highlight: "#e8590c",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#33363a",
        QPalette.ColorRole.ToolTipText: "#e9ecef",
        QPalette.ColorRole.PlaceholderText: "#868e96",
    }
    for role, value in colours.items():
        base.setColor(role, QColor(value))
    for role in (
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
    ):
        base.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6c737a"))
    return base


def build(folder: Path, clock: FakeClock) -> tuple[HeatTimerApp, Service]:
    service = Service(Store(folder), clock, ZONE)
    app = HeatTimerApp(
        service,
        clock,
        QuietNotifier(),
        Silence(),  # type: ignore[arg-type]
        tray_available=True,
        idle=FakeIdle(0.0),
        fullscreen=lambda: False,
    )
    app.window.resize(420, 10)
    app.welcome_on_start = False  # (shot on its own below)
    return app, service


def seed_year(service: Service, now: datetime) -> None:
    """A year of someone's use: heat on most working days, some days none, cold after two
    injuries, posture breaks mostly done, some snoozed, skipped or missed."""
    import random

    from heattimer.core.model import BreakOutcome, BreakRecord, Injury, Session
    from heattimer.store.tables import Tables, new_id

    rng = random.Random(7)
    injuries = (now - timedelta(days=150, hours=5), now - timedelta(days=16, hours=6))

    def body(t: Tables) -> None:
        for back in range(365, 0, -1):
            base = (now - timedelta(days=back)).replace(hour=7, minute=30)
            hurt = any(timedelta(0) <= base - at < timedelta(hours=48) for at in injuries)
            workday = base.astimezone(ZONE).weekday() < 5
            for n in range(rng.choice((0, 1, 2, 2, 3)) if workday else rng.choice((0, 1))):
                start = base + timedelta(hours=1 + 4 * n, minutes=rng.randrange(50))
                kind = Kind.COLD if hurt else Kind.HEAT
                end = start + timedelta(minutes=15 if kind is Kind.COLD else rng.choice((15, 20)))
                t.add_session(
                    Session(new_id(), kind, start, end, ended_at=end, confirmed_off_at=end)
                )
            for n in range(rng.randrange(4, 8) if workday else 0):
                at = base + timedelta(hours=1 + n, minutes=rng.randrange(60))
                outcome = rng.choices(list(BreakOutcome), (14, 3, 2, 1))[0]
                t.add_break(BreakRecord(new_id(), at, outcome, "pelvic-tilt"))
        for at in injuries:
            t.add_injury(Injury(new_id(), at, Area.LOWER_BACK, logged_at=at))

    service.store.write(body)


def shoot_history(qapp: QApplication, app: HeatTimerApp, days: int, path: Path) -> None:
    """The History view over ``days`` days, a day picked."""
    app.show_history()
    view = app.history_view
    assert view is not None
    view.resize(760, 560)
    view.show_span(days)  # type: ignore[attr-defined]
    view.chart.choose(len(view.chart.days) - 17)  # type: ignore[attr-defined]
    for _ in range(5):
        qapp.processEvents()
    view.grab().save(str(path))
    print(path)


def shoot_plug(qapp: QApplication, folder: Path, out: Path, tone: str) -> None:
    """A session running with a smart plug as the heat switch (a simulated Shelly, as the
    tests use), and the heat switch's settings page."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from heattimer.core.heatswitch import Kind as SwitchKind
    from heattimer.gui.dialogs.heat_switch import HeatSwitchDialog
    from heattimer.platform.plugs.config import PlugConfig, client, save
    from tests.plugs.clock import SimClock
    from tests.plugs.shelly import ShellyPlugS

    with ShellyPlugS(SimClock(), load_watts=47.0) as device:
        clock = FakeClock(datetime(2026, 11, 24, 13, 2, tzinfo=UTC))
        app, service = build(folder, clock)
        config = PlugConfig(SwitchKind.SHELLY, device.url)
        save(folder, config)
        service.switch = client(config)
        app.start()
        app.controller.start(20)
        for _ in range(200):  # the plug answers on a thread of its own
            qapp.processEvents()
            if app.controller.status is not None and app.controller.status.session:
                break
            time.sleep(0.01)
        clock.jump(timedelta(minutes=4, seconds=10))
        shoot(qapp, app, out / f"plug-running-{tone}.png")
        page = HeatSwitchDialog(app.controller, app.window)
        page.address.setText("192.168.1.20")
        page.outcome.setText(
            "The plug switched on, and off again by its own timer after 3 s. It measured 47 W."
        )
        page.show()
        for _ in range(5):
            qapp.processEvents()
        page.grab().save(str(out / f"plug-settings-{tone}.png"))
        print(out / f"plug-settings-{tone}.png")
        page.close()


def shoot_page(qapp: QApplication, app: HeatTimerApp, page: str, path: Path) -> None:
    """A page of the guide (the welcome, help, About) as the app shows it."""
    app.show_guide(page)
    dialog = app.guide_page
    assert dialog is not None
    for _ in range(5):
        qapp.processEvents()
    dialog.grab().save(str(path))
    print(path)
    dialog.close()


def shoot(qapp: QApplication, app: HeatTimerApp, path: Path) -> None:
    """The window's content at its full height (the offscreen screen is only 800x600; on a
    small real one the window scrolls)."""
    app.window.show()
    app.controller.tick()
    for _ in range(5):
        qapp.processEvents()
    content = app.window.content
    layout = content.layout()
    assert layout is not None
    width = app.window.width()
    content.resize(width, max(layout.totalHeightForWidth(width), content.sizeHint().height()))
    qapp.processEvents()
    content.grab().save(str(path))
    print(path)


def german(out: Path) -> None:
    """The main window running a session, and the History view, in German: this script
    again in a process of its own with LANG=de_DE.UTF-8 (the language is chosen at start)."""
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))}
    subprocess.run(
        [sys.executable, __file__, str(out), "--german"],
        env={**env, "LANG": "de_DE.UTF-8"},
        check=True,
    )


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--german"]
    out = Path(args[0] if args else Path(__file__).parent)
    out.mkdir(parents=True, exist_ok=True)
    only_german = "--german" in sys.argv
    homes = Path(tempfile.mkdtemp())  # the welcome keeps its choices: not in the real home
    os.environ["XDG_CONFIG_HOME"] = str(homes / "config")
    os.environ["XDG_DATA_HOME"] = str(homes / "share")
    qapp = _make_qapp()
    qapp.setStyle("Fusion")
    for dark in (False, True):
        qapp.setPalette(palette(dark))
        tone = "dark" if dark else "light"
        with tempfile.TemporaryDirectory() as folder:
            clock = FakeClock(datetime(2026, 11, 24, 13, 2, tzinfo=UTC))
            app, service = build(Path(folder) / "running", clock)
            service.record_session(Kind.HEAT, clock.now() - timedelta(hours=4), 15)
            app.start()
            app.controller.start(20)
            clock.jump(timedelta(minutes=7, seconds=36))
            if only_german:
                shoot(qapp, app, out / f"running-de-{tone}.png")
                clock = FakeClock(datetime(2026, 11, 24, 13, 2, tzinfo=UTC))
                app, service = build(Path(folder) / "history", clock)
                seed_year(service, clock.now())
                app.start()
                shoot_history(qapp, app, 30, out / f"history-30-de-{tone}.png")
                continue
            shoot(qapp, app, out / f"running-{tone}.png")

            clock = FakeClock(datetime(2026, 11, 24, 13, 2, tzinfo=UTC))
            app, service = build(Path(folder) / "blocked", clock)
            service.log_injury(clock.now() - timedelta(hours=17), Area.LOWER_BACK, (), "deadlifts")
            app.start()
            shoot(qapp, app, out / f"blocked-{tone}.png")

            app.controller.start(kind=Kind.COLD)
            clock.jump(timedelta(minutes=4, seconds=12))
            shoot(qapp, app, out / f"cold-{tone}.png")

            service.log_injury(
                clock.now() - timedelta(hours=3), Area.NECK, (RedFlag.NUMBNESS,), "woke up with it"
            )
            wrong = service.log_injury(clock.now() - timedelta(days=3), Area.SHOULDER, (), "")
            service.remove_injury(wrong.id)
            from heattimer.gui.dialogs.injury_log import InjuryLogDialog

            dialog = InjuryLogDialog(app, app.window)
            dialog.show()
            dialog.table.selectRow(0)
            for _ in range(5):
                qapp.processEvents()
            dialog.grab().save(str(out / f"injury-log-{tone}.png"))
            print(out / f"injury-log-{tone}.png")
            dialog.close()

            app.breaks.offer_now()
            popup = app.popup
            assert popup is not None
            popup.show()  # type: ignore[attr-defined]
            for _ in range(5):
                qapp.processEvents()
            popup.grab().save(str(out / f"break-{tone}.png"))  # type: ignore[attr-defined]
            print(out / f"break-{tone}.png")
            popup.close()  # type: ignore[attr-defined]

            for page in ("welcome", "help", "about"):
                shoot_page(qapp, app, page, out / f"{page}-{tone}.png")

            clock = FakeClock(datetime(2026, 11, 24, 13, 2, tzinfo=UTC))
            app, service = build(Path(folder) / "history", clock)
            seed_year(service, clock.now())
            app.start()
            for days in (30, 365):
                shoot_history(qapp, app, days, out / f"history-{days}-{tone}.png")
            app.history_view.close()  # type: ignore[union-attr]

            shoot_plug(qapp, Path(folder) / "plug", out, tone)

            from heattimer.gui.dialogs.settings import SettingsDialog

            settings = SettingsDialog(service, "X11 screen saver extension", app.window)
            settings.show()
            for _ in range(5):
                qapp.processEvents()
            settings.grab().save(str(out / f"settings-{tone}.png"))
            print(out / f"settings-{tone}.png")
            settings.close()
    if not only_german:
        german(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
