"""Icons: the SVGs in resources/icons, rendered ahead of time to PNGs at the sizes trays use
(tools/render_pngs.py; a test keeps them in step with the SVGs), plus the running state's
progress ring, drawn live. PNGs, so the app does not load Qt's SVG renderer to start."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from heattimer.core.status import TrayState
from heattimer.gui.widgets import drawing
from heattimer.platform.paths import resources_dir

SIZES = (16, 22, 32, 48, 64)  # the PNGs shipped for each icon
NAMES = ("heattimer", "tray-ready", "tray-running", "tray-cold", "tray-blocked", "tray-capped")
HEAT = QColor("#e8590c")
COLD = QColor("#1c7ed6")
ALARM = QColor("#e03131")
WHITE = QColor("#ffffff")
"""Text on an ALARM background."""


def png_path(name: str, size: int) -> str:
    """Where the icon ``name`` is, rendered at ``size`` pixels square."""
    return str(resources_dir() / "icons" / "png" / f"{name}-{size}.png")


def pixmap(name: str, size: int) -> QPixmap:
    """The icon ``name`` as a square pixmap of ``size`` pixels (one of SIZES)."""
    return QPixmap(png_path(name, size))


@cache
def _icon(name: str) -> QIcon:
    # Loaded as pixmaps, not with QIcon.addFile: QIcon would keep its scaled copies in
    # QPixmapCache, and while that cache holds anything Qt wakes the app every 10 seconds.
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(pixmap(name, size))
    return icon


def app_icon() -> QIcon:
    """The application's icon."""
    return _icon("heattimer")


def tray_icon(state: TrayState, progress: float | None = None, cold: bool = False) -> QIcon:
    """The tray icon for ``state``; while running, a ring shows ``progress`` (0 to 1) done.
    The alarm is the running mark inside a full red ring."""
    if state not in (TrayState.RUNNING, TrayState.ALARM):
        return _icon(f"tray-{state}")
    icon = QIcon()
    mark = "tray-cold" if cold and state is TrayState.RUNNING else "tray-running"
    for size in SIZES:
        picture = pixmap(mark, size)
        if state is TrayState.ALARM:
            _draw_ring(picture, size, 0.0, ALARM)
        elif progress is not None:
            _draw_ring(picture, size, progress, COLD if cold else HEAT)
        icon.addPixmap(picture)
    return icon


def _draw_ring(picture: QPixmap, size: int, progress: float, colour: QColor) -> None:
    # What is left of the session, from 12 o'clock, clockwise, on a faint full track.
    track = QColor(colour.red(), colour.green(), colour.blue(), 70)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    square = QRectF(0, 0, size, size)
    drawing.ring(painter, square, max(2.0, size / 9), 1.0 - progress, colour, track)
    painter.end()
