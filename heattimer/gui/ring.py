"""The big countdown: a progress ring with the time left in its middle.

The app never touches PySide6's ``Qt`` namespace at start-up: loading it costs
16 ms and 1 MB (all its enums at once), a sixth of what the launch may add
over a bare Qt app. Text alignment is given as Qt's documented flag values,
and the ring's round ends are drawn as dots.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

ALIGN_HCENTER, ALIGN_TOP, ALIGN_BOTTOM = 0x0004, 0x0020, 0x0040  # Qt::AlignmentFlag values


def draw_arc(
    painter: QPainter, rect: QRectF, fraction: float, colour: QColor, width: float
) -> None:
    """Draw ``fraction`` of a ring clockwise from 12 o'clock, with rounded ends."""
    fraction = max(0.0, min(1.0, fraction))
    if fraction <= 0:
        return
    painter.setPen(QPen(colour, width))
    painter.drawArc(rect, 90 * 16, -round(360 * 16 * fraction))
    if fraction < 1:
        painter.setPen(QPen(QColor(0, 0, 0, 0), 0))
        painter.setBrush(QBrush(colour))
        centre, radius = rect.center(), rect.width() / 2
        for angle in (math.pi / 2, math.pi / 2 - 2 * math.pi * fraction):
            end = QPointF(
                centre.x() + radius * math.cos(angle), centre.y() - radius * math.sin(angle)
            )
            painter.drawEllipse(end, width / 2, width / 2)
        painter.setBrush(QBrush())


class ProgressRing(QWidget):
    """A ring that empties as a session runs, with a large label and a small one inside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.big = ""
        self.small = ""
        self.colour = QColor("#e8590c")
        self.setMinimumSize(QSize(200, 200))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_state(self, fraction: float, big: str, small: str, colour: QColor) -> None:
        """Show ``fraction`` (0 to 1) of the ring filled, and the two labels."""
        state = (round(fraction, 4), big, small, colour.name())
        if state == (round(self.fraction, 4), self.big, self.small, self.colour.name()):
            return
        self.fraction, self.big, self.small, self.colour = fraction, big, small, colour
        self.setAccessibleName(f"{big} {small}".strip())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 240)

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        thickness = max(8.0, side / 16)
        rect = QRectF(
            (self.width() - side) / 2 + thickness / 2,
            (self.height() - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        track.setAlpha(28)
        painter.setPen(QPen(track, thickness))
        painter.drawEllipse(rect)
        draw_arc(painter, rect, self.fraction, self.colour, thickness)

        text = self.palette().color(QPalette.ColorRole.WindowText)
        big = QFont(self.font())
        big.setPixelSize(max(14, int(side / (5.2 if len(self.big) <= 5 else 7.5))))
        big.setWeight(QFont.Weight.DemiBold)
        big.setFeature(QFont.Tag("tnum"), 1)
        painter.setFont(big)
        painter.setPen(text)
        upper = QRectF(rect.left(), rect.top(), rect.width(), rect.height() * 0.62)
        painter.drawText(upper, ALIGN_HCENTER | ALIGN_BOTTOM, self.big)
        small = QFont(self.font())
        small.setPixelSize(max(11, int(side / 17)))
        painter.setFont(small)
        muted = QColor(text)
        muted.setAlpha(170)
        painter.setPen(muted)
        lower = QRectF(
            rect.left() + thickness,
            rect.top() + rect.height() * 0.64,
            rect.width() - 2 * thickness,
            rect.height() * 0.2,
        )
        painter.drawText(lower, ALIGN_HCENTER | ALIGN_TOP, self.small)
        painter.end()
