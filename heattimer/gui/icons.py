"""Icons drawn from the SVGs in resources/icons, with the running state's progress ring."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer

from heattimer.paths import resources_dir

TRAY_SIZES = (16, 22, 24, 32, 48, 64)
HEAT = QColor("#e8590c")
COLD = QColor("#1c7ed6")


@cache
def _renderer(name: str) -> QSvgRenderer:
    return QSvgRenderer(str(resources_dir() / "icons" / f"{name}.svg"))


def svg_pixmap(name: str, size: int, ratio: float = 1.0) -> QPixmap:
    """The SVG ``name`` rendered into a square pixmap of ``size`` logical pixels."""
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _renderer(name).render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def app_icon() -> QIcon:
    """The application's icon."""
    icon = QIcon()
    for size in (*TRAY_SIZES, 128, 256):
        icon.addPixmap(svg_pixmap("heattimer", size))
    return icon


def tray_icon(state: str, progress: float | None = None, cold: bool = False) -> QIcon:
    """The tray icon for ``state``; while running, a ring shows ``progress`` (0 to 1) done."""
    icon = QIcon()
    for size in TRAY_SIZES:
        pixmap = svg_pixmap(f"tray-{state}", size)
        if state == "running" and progress is not None:
            _draw_ring(pixmap, size, progress, COLD if cold else HEAT)
        icon.addPixmap(pixmap)
    return icon


def _draw_ring(pixmap: QPixmap, size: int, progress: float, colour: QColor) -> None:
    width = max(2.0, size / 9)
    rect = QRectF(width / 2, width / 2, size - width, size - width)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    track = QColor(colour)
    track.setAlpha(70)
    painter.setPen(QPen(track, width))
    painter.drawEllipse(rect)
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    # What is left of the session, as a clock hand sweeps: from 12 o'clock, clockwise.
    painter.drawArc(rect, 90 * 16, -int(360 * 16 * (1.0 - max(0.0, min(1.0, progress)))))
    painter.end()
