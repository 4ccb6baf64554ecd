"""Every word the app shows, over every window and dialog in the states a person meets: run
as a script (in a fresh process, so that the language the environment asks for is the one
loaded), it prints them as a JSON list of [where, text]. tests/gui/test_german.py runs it
with LANG=de_DE.UTF-8 and looks for English left over.

    QT_QPA_PLATFORM=offscreen LANG=de_DE.UTF-8 python -m tests.gui.sweep DATA_DIR
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from heattimer.core.history import BREAKS_CAPTION, SESSIONS_CAPTION, axis_label
from heattimer.core.model import Area, BreakOutcome, Kind, RedFlag
from heattimer.gui.app import HeatTimerApp, _make_qapp
from heattimer.gui.widgets.banner import Banner
from heattimer.gui.widgets.history_chart import HistoryChart
from heattimer.gui.widgets.ring import ProgressRing
from heattimer.platform.clock import FakeClock
from heattimer.platform.idle import FakeIdle
from heattimer.service import Service
from heattimer.store import Store

ZONE = ZoneInfo("Europe/Berlin")


class Notices:
    """Keeps each notification's words (they are words the person reads too)."""

    tray = None

    def __init__(self) -> None:
        from PySide6.QtCore import QObject, Signal

        class Relay(QObject):
            actionInvoked = Signal(str, str)

        self._relay = Relay()
        self.actionInvoked = self._relay.actionInvoked
        self.words: list[str] = []

    def notify(self, tag: str, title: str, body: str, urgent: bool = False,
               actions: tuple[tuple[str, str], ...] = (), image: str = "") -> None:  # fmt: skip
        self.words += [title, body, *(label for _, label in actions)]

    def close(self, tag: str) -> None:
        pass


class Silence:
    def play(self) -> None:
        pass


def menu_texts(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        if action.menu() is not None:
            yield from menu_texts(action.menu())  # type: ignore[arg-type]
        elif action.isVisible():
            yield action.text().split("\t")[0]
            yield action.toolTip() if action.toolTip() != action.text() else ""


def widget_texts(top: QWidget) -> Iterator[str]:
    """What ``top`` and every widget in it shows (shown or not: a hidden one shows later)."""
    yield top.windowTitle()
    for widget in [top, *top.findChildren(QWidget)]:
        yield widget.toolTip()
        yield widget.accessibleName()
        if isinstance(widget, (QLabel, Banner)):
            yield widget.text()
        elif isinstance(widget, HistoryChart):  # the words it paints
            yield from (SESSIONS_CAPTION, BREAKS_CAPTION)
            yield from (axis_label(d.day, len(widget.days), i) for i, d in enumerate(widget.days))
        elif isinstance(widget, ProgressRing):
            yield widget.big
            yield widget.small
        elif isinstance(widget, QAbstractButton):
            yield widget.text()
            if hasattr(widget, "menu") and widget.menu() is not None:
                yield from menu_texts(widget.menu())
        elif isinstance(widget, QGroupBox):
            yield widget.title()
        elif isinstance(widget, QLineEdit):
            yield widget.placeholderText()
        elif isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QSpinBox):
            yield widget.suffix().strip()
        elif isinstance(widget, QAbstractSpinBox):
            yield widget.text()
        elif isinstance(widget, QTableWidget):
            for c in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(c)
                yield header.text() if header is not None else ""
                for r in range(widget.rowCount()):
                    item = widget.item(r, c)
                    yield item.text() if item is not None else ""
        elif isinstance(widget, QMenu):
            yield from menu_texts(widget)


def main() -> int:
    data = Path(sys.argv[1])
    qapp = _make_qapp()
    found: list[tuple[str, str]] = []

    def look(where: str, texts: object) -> None:
        qapp.processEvents()
        for text in texts:  # type: ignore[attr-defined]
            for line in str(text).splitlines():
                if line.strip():
                    found.append((where, line.strip()))

    clock = FakeClock(datetime(2026, 11, 24, 13, 2, tzinfo=UTC))
    service = Service(Store(data), clock, ZONE)
    notices = Notices()
    app = HeatTimerApp(
        service,
        clock,
        notices,  # type: ignore[arg-type]
        Silence(),  # type: ignore[arg-type]
        tray_available=True,
        idle=FakeIdle(0.0),
        fullscreen=lambda: False,
    )
    app.welcome_on_start = False
    app.start()
    window = app.window
    window.show()

    def state(where: str) -> None:
        app.controller.tick()
        look(where, widget_texts(window))
        look(where + " (tray)", menu_texts(app.tray.menu))
        look(where + " (tray tip)", [app.tray.icon.toolTip()])

    state("ready")
    app.controller.start(20)
    clock.jump(timedelta(minutes=7))
    state("running")
    clock.jump(timedelta(minutes=14))
    state("alarm")
    app.controller.confirm_heat_off()
    state("cool-down")
    for _ in range(2):
        clock.jump(timedelta(hours=3))
        app.controller.start(15)
        clock.jump(timedelta(minutes=16))
        app.controller.confirm_heat_off()
    state("cap reached")
    clock.jump(timedelta(days=1))
    service.log_injury(clock.now() - timedelta(hours=3), Area.LOWER_BACK, (), "deadlifts")
    state("injury")
    app.controller.start(kind=Kind.COLD)
    clock.jump(timedelta(minutes=4))
    state("cold session")
    app.controller.stop()
    service.log_injury(clock.now() - timedelta(hours=1), Area.NECK, (RedFlag.NUMBNESS,), "")
    state("red flag")
    clock.jump(timedelta(days=3))
    state("subacute")
    clock.jump(timedelta(days=12))
    state("two weeks")
    service.record_break(BreakOutcome.DONE, "pelvic-tilt")
    service.record_break(BreakOutcome.SKIPPED, "bird-dog")

    app.breaks.offer_now()
    if app.popup is not None and isinstance(app.popup, QWidget):
        app.popup.show()
        look("break popup", widget_texts(app.popup))
        app.popup.start_exercise()  # type: ignore[attr-defined]
        look("break countdown", widget_texts(app.popup))
        app.popup.close()
    look("notifications", notices.words)

    for page in ("welcome", "help", "about"):
        app.show_guide(page)
        dialog = app.guide_page
        assert dialog is not None
        look(page, widget_texts(dialog))
        dialog.close()

    from heattimer.gui.dialogs.injury import InjuryDialog
    from heattimer.gui.dialogs.injury_log import InjuryLogDialog
    from heattimer.gui.dialogs.settings import SettingsDialog

    for where, dialog in (
        ("settings", SettingsDialog(service, "none", window)),
        ("injury", InjuryDialog(clock.now(), window)),
        ("injury log", InjuryLogDialog(app, window)),
    ):
        dialog.show()
        look(where, widget_texts(dialog))
        dialog.close()
    from heattimer.gui.dialogs.heat_switch import HeatSwitchDialog

    plug_page = HeatSwitchDialog(app.controller, window)
    for kind in range(plug_page.kind.count()):  # each kind's rows
        plug_page.kind.setCurrentIndex(kind)
        look("heat switch", widget_texts(plug_page))
    plug_page.kind.setCurrentIndex(1)
    plug_page.address.setText("")
    plug_page.apply()  # the refusal, in the person's words
    look("heat switch", widget_texts(plug_page))
    plug_page.close()
    settings = SettingsDialog(service, "none", window)
    settings.apply("work-hours", "sometimes")  # an error, in the person's words
    look("settings error", widget_texts(settings))

    app.show_history()
    view = app.history_view
    assert view is not None
    for days in (30, 365):
        view.show_span(days)  # type: ignore[attr-defined]
        chart = view.chart  # type: ignore[attr-defined]
        for i, day in enumerate(chart.days):  # every day with something in it, listed
            if day.heat or day.cold or day.breaks or day.injuries:
                chart.choose(i)
                look(f"history {days}", widget_texts(view))
    view.close()

    # The questions asked before a hold is lifted: answered by closing them once seen.
    def answer() -> None:
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible():
                look("question", widget_texts(box))
                box.reject()
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QDialog) and box.isVisible() and box.isModal():
                look("question", widget_texts(box))
                box.reject()

    for ask in (app.record_clearance, app.quit_asking):
        QTimer.singleShot(50, answer)
        ask()

    print(json.dumps(found, ensure_ascii=False))
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
