"""The big countdown: a progress ring with the time left in its middle."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


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
        if self.fraction > 0:
            pen = QPen(self.colour, thickness)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawArc(rect, 90 * 16, -int(360 * 16 * min(1.0, self.fraction)))

        text = self.palette().color(QPalette.ColorRole.WindowText)
        big = QFont(self.font())
        big.setPixelSize(max(14, int(side / (5.2 if len(self.big) <= 5 else 7.5))))
        big.setWeight(QFont.Weight.DemiBold)
        big.setFeature(QFont.Tag("tnum"), 1)
        painter.setFont(big)
        painter.setPen(text)
        upper = QRectF(rect.left(), rect.top(), rect.width(), rect.height() * 0.62)
        painter.drawText(
            upper, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, self.big
        )
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
        painter.drawText(
            lower, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.small
        )
        painter.end()
