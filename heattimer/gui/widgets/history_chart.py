"""The History view's chart: a column a day, oldest at the left.

- Above: the day's heat sessions against the line of the daily cap (only heat counts
  toward it), and beside them, in the same column, its cold sessions.
- Below: the day's posture breaks, stacked by outcome (done, snoozed, skipped, missed).
- Behind: each injury's recovery phases as bands; above, a mark on the day it happened.
- A click, or the arrow keys (Home, End), picks a day: ``dayChosen``.

The days, bands and words are core's (core/history.py); this draws them. A view opened on
demand, so it may use Qt's namespace (the main window and tray never do: drawing.py).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize, Qt, Signal
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
from PySide6.QtWidgets import QSizePolicy, QWidget

from heattimer.core.history import (
    BAR_WORDS,
    BREAKS_CAPTION,
    INJURY_WORDS,
    PHASE_WORDS,
    SESSIONS_CAPTION,
    Band,
    Day,
    axis_label,
)
from heattimer.core.model import BreakOutcome, Kind
from heattimer.core.recovery import Phase
from heattimer.gui.translate import translate
from heattimer.gui.widgets.drawing import solid, text

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
GAP = 10
"""Pixels between the sessions' part and the breaks' part."""


class HistoryChart(QWidget):
    """The days as columns; ``dayChosen(date)`` when the person picks one."""

    dayChosen = Signal(object)

    LEFT, RIGHT, BOTTOM = 24, 10, 22

    def __init__(self) -> None:
        super().__init__()
        self.days: list[Day] = []
        self.bands: list[Band] = []
        self.cap = 3
        self.chosen: int | None = None
        self.setMinimumSize(480, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(translate("History", "History chart"))

    def sizeHint(self) -> QSize:
        return QSize(720, 280)

    def show_days(self, days: list[Day], bands: list[Band], cap: int) -> None:
        """Draw ``days`` (oldest first); the day picked stays picked if it is among them."""
        picked = None if self.chosen is None else self.days[self.chosen].day
        self.days, self.bands, self.cap = days, bands, cap
        self.chosen = {d.day: i for i, d in enumerate(days)}.get(picked) if picked else None
        self.update()

    # -- geometry ----------------------------------------------------------------

    def _line(self) -> float:
        return QFontMetrics(self._small()).height()

    def _small(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        return font

    def _plot(self) -> QRectF:
        """Where the columns are: below a row for the injury marks and the caption."""
        top = 2 * self._line() + 4
        return QRectF(self.rect()).adjusted(self.LEFT, top, -self.RIGHT, -self.BOTTOM)

    def _step(self) -> float:
        return self._plot().width() / max(1, len(self.days))

    def _parts(self) -> tuple[float, float, float]:
        """The sessions' baseline, the top of the breaks' part, and the height of a session."""
        plot, line = self._plot(), self._line()
        sessions = (plot.height() - GAP - line) * 0.6
        base = plot.top() + sessions
        most = max([self.cap] + [max(d.heat, d.cold) for d in self.days])
        return base, base + GAP + line, sessions / most

    def day_at(self, x: float) -> int | None:
        """The index of the day under ``x``, or None outside the columns."""
        plot = self._plot()
        if not self.days or not plot.left() <= x < plot.right():
            return None
        return min(len(self.days) - 1, int((x - plot.left()) // self._step()))

    def column(self, index: int) -> tuple[float, float]:
        """The left and right edges of a day's column (tests click and look there)."""
        left = self._plot().left() + index * self._step()
        return left, left + self._step()

    def cap_y(self) -> float:
        """Where the line of the daily cap is."""
        base, _, unit = self._parts()
        return base - self.cap * unit

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
        last = len(self.days) - 1
        at = self.chosen
        moves = {
            Qt.Key.Key_Left: (last + 1 if at is None else at) - 1,
            Qt.Key.Key_Right: (last if at is None else at) + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: last,
        }
        key = Qt.Key(event.key())
        if key in moves:
            self.choose(moves[key])
        else:
            super().keyPressEvent(event)

    # -- drawing -------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.days:
            return
        painter = QPainter(self)  # no antialiasing: a year's columns are a pixel or two wide
        plot, step, line, small = self._plot(), self._step(), self._line(), self._small()
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        faint = QColor(ink.red(), ink.green(), ink.blue(), 50)
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        base, breaks_top, unit = self._parts()
        first = self.days[0].day

        for band in self.bands:
            colour = QColor(BAND_COLOURS[band.phase])
            colour.setAlpha(colour.alpha() * 2 if dark else colour.alpha())
            left = plot.left() + (band.first - first).days * step
            width = ((band.last - band.first).days + 1) * step
            painter.fillRect(QRectF(left, plot.top(), width, plot.height()), colour)

        most = max(1, max(sum(n for _, n in d.breaks) for d in self.days))
        per_break = (plot.bottom() - breaks_top) / most
        gap = 1.0 if step >= 4 else 0.0
        for i, day in enumerate(self.days):
            left = plot.left() + i * step + gap / 2
            width = max(1.0, step - gap)
            half, heat, cold = width / 2, day.heat * unit, day.cold * unit
            if day.heat:  # cold beside heat, not on it: only heat counts toward the cap
                painter.fillRect(QRectF(left, base - heat, half if day.cold else width, heat), HEAT)
            if day.cold:
                painter.fillRect(QRectF(left + half, base - cold, half, cold), COLD)
            y = plot.bottom()
            for outcome, count in day.breaks:
                height = count * per_break
                painter.fillRect(QRectF(left, y - height, width, height), BREAK_COLOURS[outcome])
                y -= height
            if day.injuries:
                painter.fillRect(QRectF(left + width / 2 - 3, 2, 6, line - 2), INJURY)

        # the cap's line, the baselines, the counts, the captions, the days below
        painter.fillRect(QRectF(plot.left(), self.cap_y(), plot.width(), 1), ink)
        for y in (base, plot.bottom()):
            painter.fillRect(QRectF(plot.left(), y, plot.width(), 1), faint)
        text(painter, self.LEFT - 6, self.cap_y() + line / 3, str(self.cap), small, centred=True)
        text(painter, self.LEFT - 6, breaks_top + line / 3, str(most), small, centred=True)
        text(painter, plot.left(), plot.top() - 4, SESSIONS_CAPTION, small, centred=False)
        text(painter, plot.left(), breaks_top - 4, BREAKS_CAPTION, small, centred=False)
        for i, day in enumerate(self.days):
            label = axis_label(day.day, len(self.days), i)
            if label:
                left = plot.left() + i * step
                painter.fillRect(QRectF(left, plot.bottom(), 1, 4), faint)
                text(painter, left + 2, plot.bottom() + line, label, small, centred=False)

        if self.chosen is not None:  # the day picked: a frame round its column
            left = plot.left() + self.chosen * step
            frame = QRectF(left - 2, plot.top() - 2, max(step, 2.0) + 4, plot.height() + 4)
            outline = QPainterPath()
            outline.addRect(frame)
            outline.addRect(frame.adjusted(2, 2, -2, -2))
            painter.fillPath(outline, solid(ink))
        painter.end()


def legend(bands: bool, window: QColor) -> str:
    """The chart's key, as rich text that wraps between its items (the phases and the
    injury mark only when there are bands; a band's colour as it shows on ``window``)."""
    keys = [(HEAT, BAR_WORDS[Kind.HEAT]), (COLD, BAR_WORDS[Kind.COLD])]
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
    """``colour``, translucent, as it shows on ``window`` (a little stronger, to be seen as
    a small square)."""
    a = min(1.0, 2.5 * colour.alphaF())
    return QColor.fromRgbF(
        a * colour.redF() + (1 - a) * window.redF(),
        a * colour.greenF() + (1 - a) * window.greenF(),
        a * colour.blueF() + (1 - a) * window.blueF(),
    )
