"""The big countdown: a progress ring with the time left in its middle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from heattimer.gui.widgets import drawing

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent


RING_SIDE = 208
RING_SMALLEST = 112


class ProgressRing(QWidget):
    """A ring that empties as a session runs, with a large label and a small one inside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.big = ""
        self.small = ""
        self.colour = QColor("#e8590c")
        # Its size where there is room; on a short screen (1024x600 at 2x) it gives up height
        # first, down to RING_SMALLEST, before the window has to scroll.
        self.setMinimumSize(RING_SIDE, RING_SMALLEST)
        self.setMaximumHeight(RING_SIDE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

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
        text = self.palette().color(QPalette.ColorRole.WindowText)
        track = QColor(text.red(), text.green(), text.blue(), 28)
        big, small = QFont(self.font()), QFont(self.font())
        big.setPixelSize(round(side / (5.2 if len(self.big) <= 5 else 7.5)))
        big.setWeight(QFont.Weight.DemiBold)
        small.setPixelSize(round(max(9.0, side / 17)))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        square = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        drawing.ring(painter, square, max(8.0, side / 16), self.fraction, self.colour, track)
        middle, baseline = square.center().x(), square.top() + side * 0.55
        drawing.text(painter, middle, baseline, self.big, big, centred=True)
        painter.setOpacity(170 / 255)  # the small label is muted
        drawing.text(painter, middle, baseline + side / 8.5, self.small, small, centred=True)
        painter.end()
