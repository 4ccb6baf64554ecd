"""Icons drawn from the SVGs in resources/icons, with the running state's progress ring."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from heattimer.gui import drawing
from heattimer.paths import resources_dir

TRAY_SIZES = (16, 22, 32, 48)  # each is an SVG rendered at start-up: the sizes trays use
HEAT = QColor("#e8590c")
COLD = QColor("#1c7ed6")
ALARM = QColor("#e03131")


@cache
def _svg_icon(name: str, sizes: tuple[int, ...] = TRAY_SIZES) -> QIcon:
    # Rendered once per size (see drawing.render_file: not QIcon's own SVG engine).
    icon = QIcon()
    for size in sizes:
        icon.addPixmap(svg_pixmap(name, size))
    return icon


def svg_pixmap(name: str, size: int) -> QPixmap:
    """The SVG icon ``name`` as a square pixmap of ``size`` pixels."""
    return drawing.render_file(str(resources_dir() / "icons" / f"{name}.svg"), size, size)


def app_icon() -> QIcon:
    """The application's icon."""
    return _svg_icon("heattimer", (16, 32, 48))


def tray_icon(state: str, progress: float | None = None, cold: bool = False) -> QIcon:
    """The tray icon for ``state``; while running, a ring shows ``progress`` (0 to 1) done.
    The alarm is the running mark inside a full red ring."""
    if state not in ("running", "alarm"):
        return _svg_icon(f"tray-{state}")
    icon = QIcon()
    for size in TRAY_SIZES:
        if state == "alarm":
            pixmap = svg_pixmap("tray-running", size)
            _draw_ring(pixmap, size, 0.0, ALARM)
        else:
            pixmap = svg_pixmap(f"tray-{state}", size)
            if state == "running" and progress is not None:
                _draw_ring(pixmap, size, progress, COLD if cold else HEAT)
        icon.addPixmap(pixmap)
    return icon


def _draw_ring(pixmap: QPixmap, size: int, progress: float, colour: QColor) -> None:
    # What is left of the session, from 12 o'clock, clockwise, on a faint full track.
    track = QColor(colour.red(), colour.green(), colour.blue(), 70)
    ring = drawing.ring(size, max(2.0, size / 9), 1.0 - progress, colour, track)
    painter = QPainter(pixmap)
    drawing.paint(painter, drawing.document(size, size, ring), QRectF(0, 0, size, size))
    painter.end()
