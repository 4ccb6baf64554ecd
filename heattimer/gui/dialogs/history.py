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

import html
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from heattimer.core import export, history
from heattimer.core.history import (
    BAR_WORDS,
    BREAKS_CAPTION,
    INJURY_WORDS,
    PHASE_WORDS,
    SESSIONS_CAPTION,
    SPANS,
    Band,
    Day,
)
from heattimer.core.localtime import day_start
from heattimer.core.model import BreakOutcome, BreakRecord, Injury, Session
from heattimer.core.recovery import Phase
from heattimer.core.rules import accidental_starts
from heattimer.core.settings import Settings
from heattimer.core.wording import MONTH_NAMES
from heattimer.gui.translate import translate
from heattimer.gui.widgets.drawing import box, rounded_rect, solid, text
from heattimer.service import Service

HEAT = QColor("#e8590c")
COLD = QColor("#1c7ed6")
BREAK_COLOURS = {
    BreakOutcome.DONE: QColor("#2f9e44"),
    BreakOutcome.SNOOZED: QColor("#f59f00"),
    BreakOutcome.SKIPPED: QColor("#868e96"),
    BreakOutcome.MISSED: QColor("#c92a2a"),
}
BAND_COLOURS = {
    Phase.ACUTE: QColor(51, 154, 240, 48),
    Phase.SUBACUTE: QColor(253, 126, 20, 40),
    Phase.REBUILDING: QColor(64, 192, 87, 32),
}
INJURY = QColor("#e03131")


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


class HistoryChart(QWidget):
    """The days as bars: sessions above (heat, then cold on top, against the cap's line),
    posture breaks below (done, snoozed, skipped, missed), recovery bands behind and a
    mark above each day an injury was logged. ``dayChosen`` with the day picked."""

    dayChosen = Signal(object)  # a date

    TOP, BOTTOM, LEFT, RIGHT = 2, 22, 24, 10

    def __init__(self) -> None:
        super().__init__()
        self.days: list[Day] = []
        self.bands: list[Band] = []
        self.cap = 3
        self.chosen: int | None = None
        self.setMinimumSize(480, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(self.focusPolicy().StrongFocus)
        self.setAccessibleName(translate("History", "History chart"))

    def sizeHint(self) -> QSize:
        return QSize(720, 260)

    def show_days(self, days: list[Day], bands: list[Band], cap: int) -> None:
        """Draw ``days`` (oldest first); the day chosen stays chosen if it is among them."""
        chosen = None if self.chosen is None else self.days[self.chosen].day
        self.days, self.bands, self.cap = days, bands, cap
        index = {d.day: i for i, d in enumerate(days)}
        self.chosen = index.get(chosen) if chosen is not None else None
        self.update()

    # -- geometry ----------------------------------------------------------------

    def _plot(self) -> QRectF:
        return QRectF(self.rect()).adjusted(self.LEFT, self.TOP, -self.RIGHT, -self.BOTTOM)

    def _step(self) -> float:
        return self._plot().width() / max(1, len(self.days))

    def day_at(self, x: float) -> int | None:
        """The index of the day under ``x``, or None outside the bars."""
        plot = self._plot()
        if not self.days or not plot.left() <= x < plot.right():
            return None
        return min(len(self.days) - 1, int((x - plot.left()) // self._step()))

    def centre_of(self, index: int) -> QPointF:
        """The middle of the day's column (tests click there)."""
        plot = self._plot()
        return QPointF(plot.left() + (index + 0.5) * self._step(), plot.center().y())

    # -- the person ----------------------------------------------------------------

    def choose(self, index: int | None) -> None:
        if index is None or not self.days:
            return
        self.chosen = max(0, min(len(self.days) - 1, index))
        self.update()
        self.dayChosen.emit(self.days[self.chosen].day)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.choose(self.day_at(event.position().x()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, keys = Qt.Key(event.key()), Qt.Key  # (the Qt namespace: a view opened on demand)
        last = len(self.days) - 1
        moves = {
            keys.Key_Left: (self.chosen if self.chosen is not None else last + 1) - 1,
            keys.Key_Right: (self.chosen if self.chosen is not None else last) + 1,
            keys.Key_Home: 0,
            keys.Key_End: last,
        }
        if key in moves:
            self.choose(moves[key])
        else:
            super().keyPressEvent(event)

    # -- drawing -------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.days:
            return
        painter = QPainter(self)  # no antialiasing: a year's bars are a pixel or two wide
        plot, step = self._plot(), self._step()
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        faint = QColor(ink.red(), ink.green(), ink.blue(), 50)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        line = QFontMetrics(small).height()
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        first = self.days[0].day
        sessions_top = plot.top() + line
        sessions_h = (plot.height() - 2 * line - 12) * 0.6
        base = sessions_top + sessions_h
        breaks_top = base + 12 + line
        breaks_h = plot.bottom() - breaks_top

        for band in self.bands:
            x = plot.left() + (band.first - first).days * step
            width = ((band.last - band.first).days + 1) * step
            colour = QColor(BAND_COLOURS[band.phase])
            colour.setAlpha(colour.alpha() * 2 if dark else colour.alpha())
            box(painter, QRectF(x, sessions_top, width, plot.bottom() - sessions_top), colour)

        top = max(self.cap, max(d.heat + d.cold for d in self.days))
        unit = sessions_h / top
        most = max(1, max(sum(n for _, n in d.breaks) for d in self.days))
        per_break = breaks_h / most
        gap = 1.0 if step >= 4 else 0.0
        for i, day in enumerate(self.days):
            x = plot.left() + i * step + gap / 2
            width = max(1.0, step - gap)
            y = base
            for count, colour in ((day.heat, HEAT), (day.cold, COLD)):
                if count:
                    box(painter, QRectF(x, y - count * unit, width, count * unit), colour)
                    y -= count * unit
            y = plot.bottom()
            for outcome, count in day.breaks:
                height = count * per_break
                box(painter, QRectF(x, y - height, width, height), BREAK_COLOURS[outcome])
                y -= height
            if day.injuries:
                mark = QRectF(x + width / 2 - 3, plot.top() + 2, 6, line - 4)
                rounded_rect(painter, mark, 1.5, INJURY)

        # the cap's line, the baselines, the counts, the captions, the days below
        cap_y = base - self.cap * unit
        box(painter, QRectF(plot.left(), cap_y, plot.width(), 1), ink)
        for y in (base, plot.bottom()):
            box(painter, QRectF(plot.left(), y, plot.width(), 1), faint)
        text(painter, self.LEFT - 6, cap_y + line / 3, str(self.cap), small, centred=True)
        text(painter, self.LEFT - 6, breaks_top + line / 3, str(most), small, centred=True)
        text(painter, plot.left(), sessions_top - 4, SESSIONS_CAPTION, small, centred=False)
        text(painter, plot.left(), breaks_top - 4, BREAKS_CAPTION, small, centred=False)
        for i, day in enumerate(self.days):
            label = _axis_label(day.day, len(self.days), i)
            if label:
                x = plot.left() + i * step
                box(painter, QRectF(x, plot.bottom(), 1, 4), faint)
                text(painter, x + 2, plot.bottom() + line, label, small, centred=False)

        if self.chosen is not None:  # the day picked: a frame round its column
            x = plot.left() + self.chosen * step
            frame = QRectF(
                x - 2, sessions_top - 2, max(step, 2.0) + 4, plot.bottom() - sessions_top + 4
            )
            outline = QPainterPath()
            outline.addRect(frame)
            outline.addRect(frame.adjusted(2, 2, -2, -2))
            painter.fillPath(outline, solid(ink))
        painter.end()


def legend(bands: bool, window: QColor) -> str:
    """The chart's key, as rich text that wraps between its items (the phases only when
    there are bands, in the colour they take on ``window``)."""
    keys = [(HEAT, BAR_WORDS["heat"]), (COLD, BAR_WORDS["cold"])]
    keys += [(BREAK_COLOURS[o], BAR_WORDS[o]) for o in BreakOutcome]
    if bands:
        keys += [(_over(BAND_COLOURS[p], window), PHASE_WORDS[p]) for p in PHASE_WORDS]
        keys.append((INJURY, INJURY_WORDS))
    return " ".join(
        f'<span style="color:{c.name()}">&#9632;</span>&nbsp;'
        + html.escape(w).replace(" ", "&nbsp;")
        + "&nbsp;&nbsp;"
        for c, w in keys
    )


def _over(colour: QColor, window: QColor) -> QColor:
    """``colour``, translucent, as it shows on ``window`` (made a little stronger, to be
    seen as a small square)."""
    a = min(1.0, 2.5 * colour.alphaF())
    mix = (
        a * c + (1 - a) * w
        for c, w in (
            (colour.redF(), window.redF()),
            (colour.greenF(), window.greenF()),
            (colour.blueF(), window.blueF()),
        )
    )
    return QColor.fromRgbF(*mix)


def _axis_label(day: date, shown: int, index: int) -> str:
    """The label under a day, if it gets one: each Monday over 30 days, the first of each
    month over 90 and 365 (with the year in January)."""
    if shown <= 31:
        return f"{day.day} {MONTH_NAMES[day.month - 1]}" if day.weekday() == 0 else ""
    if day.day != 1 or index > shown - 3:
        return ""
    name = MONTH_NAMES[day.month - 1]
    return f"{name} {day.year}" if day.month == 1 and shown > 100 else name


class HistoryDialog(QDialog):
    """The History view, beside the main window (it never blocks it, nor the alarm)."""

    closed = Signal()

    def __init__(
        self,
        read: Callable[[], Events],
        zone: tzinfo,
        exercise_names: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("History", "History — Heat Timer"))
        self.read, self.zone, self.names = read, zone, exercise_names
        self.span = SPANS[0]
        self.chosen: date | None = None
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
        self.day_events.setTextInteractionFlags(
            self.day_events.textInteractionFlags().TextSelectableByMouse
        )
        outer.addWidget(self.day_events)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        outer.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(760, 560)
        self.refresh()
        self.chart.setFocus()  # the arrow keys pick a day at once

    # -- what is shown ---------------------------------------------------------------

    def refresh(self) -> None:
        """Read the history again and draw the span shown."""
        self.events = self.read()
        self.counted = {s.id for s in self.events.sessions} - accidental_starts(
            self.events.sessions, self.events.now, self.events.settings
        )
        self.show_span(self.span)

    def show_span(self, days: int) -> None:
        """Show the last ``days`` days (one of SPANS)."""
        self.span = days
        self.span_buttons.button(days).setChecked(True)
        ev = self.events
        first, last = history.span_of(days, ev.now, self.zone)
        shown = history.days(
            first, last, ev.sessions, self.counted, ev.breaks, ev.injuries, self.zone
        )
        bands = history.bands(ev.injuries, first, last, self.zone)
        self.chart.show_days(shown, bands, ev.settings.daily_cap)
        self.legend.setText(legend(bool(bands), self.palette().color(QPalette.ColorRole.Window)))
        self.totals.setText(
            "\n".join(history.summary(history.totals(shown, last), ev.settings.daily_cap))
        )
        if self.chosen is None or not first <= self.chosen <= last:
            self.chosen = None
            self.chart.choose(len(shown) - 1)  # today, until another day is picked
        else:
            self.show_day(self.chosen)

    def show_day(self, day: date) -> None:
        """List the events of ``day``."""
        self.chosen = day
        ev = self.events
        listed = history.entries(
            day, ev.sessions, self.counted, ev.breaks, ev.injuries, ev.now, self.zone, self.names
        )
        self.day_title.setText(history.day_title(day))
        lines = [f"{e.at.astimezone(self.zone):%H:%M}  {e.text}" for e in listed]
        self.day_events.setText("\n".join(lines) or history.NOTHING)

    # -- export ----------------------------------------------------------------------

    def rows(self) -> list[export.Row]:
        """The days shown as rows of export.EVENT_COLUMNS (`heattimer history --all`)."""
        ev = self.events
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
        name = f"heattimer-history-{self.span}-days.{form}"
        start = str(Path.home() / name)
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
        if event.type() == QEvent.Type.WindowActivate and hasattr(self, "events"):
            self.refresh()  # back in front: show what happened meanwhile
        return super().event(event)

    def done(self, result: int) -> None:
        super().done(result)
        self.closed.emit()
