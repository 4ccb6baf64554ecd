"""The window's push button: a focus ring that can be seen, and no keyboard kept after the mouse.

- The ring: 2 px of the palette's highlight around the button that has the keyboard, in the
  active window (the styles' own mark is a faint line, easy to miss when it says which
  button Space would press). Painted here, not by a proxy style: a style subclass loads
  QStyle's enums, 0.6 MiB of the app's memory (benchmarks/bench_gui.py).
- A right click, or a press dragged off, gives a button the keyboard without pressing it,
  and then one Space would: once the mouse lets go, the keyboard goes to the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QPushButton

from heattimer.gui.widgets.drawing import solid

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent, QPaintEvent

RING = 2.0


class Button(QPushButton):
    """A push button with a visible focus ring, that leaves the keyboard to its window."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not (self.hasFocus() and self.isActiveWindow()):
            return
        outer = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        ring = QPainterPath()
        ring.addRoundedRect(outer, 4, 4)
        ring.addRoundedRect(outer.adjusted(RING, RING, -RING, -RING), 3, 3)  # (odd-even fill)
        painter = QPainter(self)
        painter.fillPath(ring, solid(self.palette().color(QPalette.ColorRole.Highlight)))
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self.hasFocus():
            self.window().setFocus()
