"""Wrapped text (centred, or from the left) on an optional rounded, tinted background.

Painted (see drawing.py) rather than styled with a Qt style sheet: the first
style sheet in an app loads Qt's whole CSS machinery, most of a megabyte
(benchmarks/bench_gui.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from heattimer.gui.widgets import drawing

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent, QResizeEvent

PAD_X, PAD_Y = 12, 9


def _rgba(colour: QColor | None) -> int | None:
    # Colours are compared by value: QColor == None would build PySide6's Qt namespace
    # (drawing.py says why that matters).
    return None if colour is None else colour.rgba()


class Banner(QWidget):
    """Centred text that wraps, on an optional rounded background."""

    def __init__(
        self, parent: QWidget | None = None, bold: bool = True, centred: bool = True
    ) -> None:
        super().__init__(parent)
        self.centred = centred
        self.italic = False
        self._text = ""
        self.background: QColor | None = None
        self.foreground: QColor | None = None
        self.weight = 600 if bold else 400
        # Not a height-for-width widget: Qt does not let those size a top-level window, so
        # the banner says how tall it must be at its present width, and asks again on resize.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setForegroundRole(QPalette.ColorRole.WindowText)  # the painter's pen: see _set_ink

    def text(self) -> str:
        """The text shown."""
        return self._text

    def show_text(
        self, text: str, foreground: QColor | None = None, background: QColor | None = None
    ) -> None:
        """Show ``text`` in ``foreground`` (default: the palette's) on ``background``."""
        new = (text, _rgba(foreground), _rgba(background))
        old = (self._text, _rgba(self.foreground), _rgba(self.background))
        if new == old:
            return
        resized = text != self._text or (background is None) != (self.background is None)
        if new[1] != old[1]:
            self._set_ink(foreground)
        self._text, self.foreground, self.background = text, foreground, background
        self.setAccessibleName(text)
        if resized:
            self.updateGeometry()
        self.update()

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold if self.weight >= 600 else QFont.Weight.Normal)
        font.setItalic(self.italic)
        return font

    def _pads(self) -> tuple[int, int]:
        return (PAD_X, PAD_Y) if self.background is not None else (0, 2)

    def _lines(self, width: int) -> list[str]:
        pad_x, _ = self._pads()
        return drawing.wrap(self._text, self._font(), max(40, width - 2 * pad_x))

    def height_for(self, width: int) -> int:
        """How tall the banner is when ``width`` wide."""
        _, pad_y = self._pads()
        return len(self._lines(width)) * QFontMetrics(self._font()).lineSpacing() + 2 * pad_y

    def sizeHint(self) -> QSize:
        return QSize(200, self.height_for(max(self.width(), 200)))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self.height_for(self.width() if self.width() > 120 else 320))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()

    def paintEvent(self, event: QPaintEvent) -> None:
        width, height = self.width(), self.height()
        font = self._font()
        metrics = QFontMetrics(font)
        lines = self._lines(width)
        painter = QPainter(self)  # its pen: this banner's text colour (see _set_ink)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.background is not None:
            drawing.rounded_rect(painter, QRectF(0, 0, width, height), 8, self.background)
        pad_x, _ = self._pads()
        top = (height - len(lines) * metrics.lineSpacing()) / 2
        x = width / 2 if self.centred else pad_x
        for index, line in enumerate(lines):
            baseline = top + index * metrics.lineSpacing() + metrics.ascent()
            drawing.text(painter, x, baseline, line, font, self.centred)
        painter.end()

    def _set_ink(self, colour: QColor | None) -> None:
        # Text is drawn in the palette's text colour (drawing.py says why); None: the window's.
        if colour is None:
            self.setPalette(QPalette())
        else:
            palette = self.palette()
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)
