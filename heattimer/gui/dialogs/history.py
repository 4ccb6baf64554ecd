"""The History view: the last 30, 90 or 365 days drawn as a chart (heat and cold sessions
per day against the daily cap, posture breaks by outcome, injuries with their recovery
phases as bands behind), a click (or the arrow keys) on a day lists its events, the
totals and the streak below; and the export of the days shown as CSV or JSON, in the
format of `heattimer history --all`. The days, bands, words and rows are core's
(core/history.py, core/export.py); this draws them.

The history is read once when the view opens (and again when it comes back to the front,
to show what happened meanwhile); switching the span only draws another slice of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from heattimer.core import export, history
from heattimer.core.history import SPANS
from heattimer.core.localtime import day_start
from heattimer.core.model import BreakRecord, Injury, Session
from heattimer.core.settings import Settings
from heattimer.gui.translate import translate
from heattimer.gui.widgets.history_chart import HistoryChart, legend
from heattimer.service import Service


class Events(NamedTuple):
    """What the view was given to show: the history of its longest span."""

    sessions: list[Session]
    breaks: list[BreakRecord]
    injuries: list[Injury]
    now: datetime
    settings: Settings


def read_history(service: Service) -> Events:
    """The longest span's history, as the view shows it (one read of the store)."""
    sessions, breaks, injuries = service.events(SPANS[-1])
    return Events(sessions, breaks, injuries, service.clock.now(), service.settings())


class HistoryDialog(QDialog):
    """The History view, beside the main window (it never blocks it, nor the alarm).
    ``read`` gives the history, or None when the state file cannot be read (the
    controller has then said why: the view says it too and keeps what it showed)."""

    closed = Signal()

    def __init__(
        self,
        read: Callable[[], Events | None],
        zone: tzinfo,
        exercise_names: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("History", "History — Heat Timer"))
        self.read, self.zone, self.names = read, zone, exercise_names
        self.span = SPANS[0]
        self.chosen: date | None = None
        self.events: Events | None = None
        self.counted: set[str] = set()
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.span_buttons = QButtonGroup(self)
        for days in SPANS:
            button = QPushButton(translate("History", "{days} days").format(days=days))
            button.setCheckable(True)
            button.setChecked(days == self.span)
            button.clicked.connect(lambda _=False, d=days: self.show_span(d))
            self.span_buttons.addButton(button, days)
            top.addWidget(button)
        top.addStretch(1)
        self.csv_button = QPushButton(translate("History", "Export CSV…"))
        self.csv_button.clicked.connect(lambda: self._ask_export("csv"))
        self.json_button = QPushButton(translate("History", "Export JSON…"))
        self.json_button.clicked.connect(lambda: self._ask_export("json"))
        top.addWidget(self.csv_button)
        top.addWidget(self.json_button)
        outer.addLayout(top)
        self.chart = HistoryChart()
        self.chart.dayChosen.connect(self.show_day)
        outer.addWidget(self.chart, 1)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        outer.addWidget(self.legend)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        outer.addWidget(self.totals)
        self.day_title = QLabel()
        bold = self.day_title.font()
        bold.setBold(True)
        self.day_title.setFont(bold)
        outer.addWidget(self.day_title)
        self.day_events = QLabel()
        self.day_events.setWordWrap(True)
        self.day_events.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.day_events)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        outer.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        screen = self.screen().availableGeometry()  # (a 1024x600 screen: smaller)
        self.resize(min(760, screen.width() - 40), min(580, screen.height() - 60))
        self.refresh()
        self.chart.setFocus()  # the arrow keys pick a day at once

    # -- what is shown ---------------------------------------------------------------

    def refresh(self) -> None:
        """Read the history again and draw the span shown."""
        events = self.read()
        if events is None:  # the state file cannot be read: say so, keep what is shown
            self.problem.setText(translate("History", "The history cannot be read now."))
            self.problem.show()
            return
        self.events = events
        self.counted = history.counted(events.sessions, events.now, events.settings)
        self.problem.hide()
        self.show_span(self.span)

    def show_span(self, days: int) -> None:
        """Show the last ``days`` days (one of SPANS)."""
        self.span = days
        self.span_buttons.button(days).setChecked(True)
        ev = self.events
        if ev is None:
            return
        first, last = history.span_of(days, ev.now, self.zone)
        shown = history.days(
            first, last, ev.sessions, self.counted, ev.breaks, ev.injuries, self.zone
        )
        bands = history.bands(ev.injuries, first, last, self.zone)
        cap = ev.settings.daily_cap
        self.chart.show_days(shown, bands, cap)
        window = self.palette().color(QPalette.ColorRole.Window)
        self.legend.setText(legend(bool(bands), window))
        self.totals.setText("\n".join(history.summary(history.totals(shown, last), cap)))
        if self.chosen is None or not first <= self.chosen <= last:
            self.chosen = None
            self.chart.choose(len(shown) - 1)  # today, until another day is picked
        else:
            self.show_day(self.chosen)

    def show_day(self, day: date) -> None:
        """List the events of ``day``."""
        self.chosen = day
        ev = self.events
        if ev is None:
            return
        listed = history.entries(
            day, ev.sessions, self.counted, ev.breaks, ev.injuries, ev.now, self.zone, self.names
        )
        self.day_title.setText(history.day_title(day))
        lines = [f"{e.at.astimezone(self.zone):%H:%M}  {e.text}" for e in listed]
        self.day_events.setText("\n".join(lines) or history.NOTHING)

    # -- export ----------------------------------------------------------------------

    def rows(self) -> list[export.Row]:
        """The days shown as rows of export.EVENT_COLUMNS, as `heattimer history --all
        --days N` prints them (its rules count the sessions of those days only)."""
        ev = self.events
        if ev is None:
            return []
        since = day_start(history.span_of(self.span, ev.now, self.zone)[0], self.zone)
        return export.event_rows(
            [s for s in ev.sessions if s.started_at >= since],
            [b for b in ev.breaks if b.at >= since],
            [i for i in ev.injuries if i.at >= since],
            ev.now,
            self.zone,
            ev.settings,
        )

    def export_to(self, path: Path, form: str) -> None:
        """Write the days shown to ``path`` as ``form`` ("csv" or "json")."""
        rows = self.rows()
        body = (export.as_csv if form == "csv" else export.as_json)(rows, export.EVENT_COLUMNS)
        path.write_text(body + "\n", encoding="utf-8")

    def _ask_export(self, form: str) -> None:
        name = translate("History", "heattimer-history-{days}-days").format(days=self.span)
        start = str(Path.home() / f"{name}.{form}")
        kind = "CSV (*.csv)" if form == "csv" else "JSON (*.json)"
        title = translate("History", "Export the last {days} days").format(days=self.span)
        chosen, _ = QFileDialog.getSaveFileName(self, title, start, kind)
        if not chosen:
            return
        try:
            self.export_to(Path(chosen), form)
        except OSError as error:
            words = translate("History", "Could not write {file}: {error}.")
            self.problem.setText(words.format(file=chosen, error=error.strerror or error))
            self.problem.show()
        else:
            self.problem.hide()

    # -- the window ------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate and self.events is not None:
            self.refresh()  # back in front: show what happened meanwhile
        return super().event(event)

    def done(self, result: int) -> None:
        super().done(result)
        self.closed.emit()
