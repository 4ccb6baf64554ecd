"""The big countdown: a progress ring with the time left in its middle."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from heattimer.core.record import TYPE_CHECKING
from heattimer.gui import drawing

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent


RING_SIDE = 208


class ProgressRing(QWidget):
    """A ring that empties as a session runs, with a large label and a small one inside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.big = ""
        self.small = ""
        self.colour = QColor("#e8590c")
        self.setFixedHeight(RING_SIDE)
        self.setMinimumWidth(RING_SIDE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_state(self, fraction: float, big: str, small: str, colour: QColor) -> None:
        """Show ``fraction`` (0 to 1) of the ring filled, and the two labels."""
        state = (round(fraction, 4), big, small, colour.name())
        if state == (round(self.fraction, 4), self.big, self.small, self.colour.name()):
            return
        self.fraction, self.big, self.small, self.colour = fraction, big, small, colour
        self.setAccessibleName(f"{big} {small}".strip())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(RING_SIDE, RING_SIDE)

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        thickness = max(8.0, side / 16)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        track = QColor(text.red(), text.green(), text.blue(), 28)
        muted = QColor(text.red(), text.green(), text.blue(), 170)
        big_size = side / (5.2 if len(self.big) <= 5 else 7.5)
        parts = drawing.ring(side, thickness, self.fraction, self.colour, track)
        parts.append(
            drawing.text(side / 2, side * 0.55, self.big, self.font(), big_size, text, weight=600)
        )
        parts.append(
            drawing.text(
                side / 2,
                side * 0.55 + side / 8.5,
                self.small,
                self.font(),
                max(11.0, side / 17),
                muted,
            )
        )
        painter = QPainter(self)
        target = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        drawing.paint(painter, drawing.document(side, side, parts), target)
        painter.end()
