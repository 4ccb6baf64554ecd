"""A focus ring that can be seen: the app's own style, with 2 px of the palette's highlight
around the button that has the keyboard, in the active window (the styles' own mark is a
faint line, easy to miss when it says which button Space would press)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

from heattimer.gui.widgets.drawing import solid

WIDTH = 2.0


class FocusRingStyle(QProxyStyle):
    """The platform's style, with a visible focus ring on push buttons."""

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element != QStyle.ControlElement.CE_PushButton:
            return
        keyboard = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Active
        if option.state & keyboard != keyboard:  # (in a window that is not active, no key
            return  # reaches the button: no ring)
        outer = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        inner = outer.adjusted(WIDTH, WIDTH, -WIDTH, -WIDTH)
        ring = QPainterPath()
        ring.addRoundedRect(outer, 4, 4)
        ring.addRoundedRect(inner, 3, 3)  # (odd-even fill: the band between the two)
        colour = option.palette.color(QPalette.ColorRole.Highlight)
        painter.fillPath(ring, solid(colour))
