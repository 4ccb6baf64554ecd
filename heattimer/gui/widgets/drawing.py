"""Our own drawing: shapes as filled paths, text in its widget's own colour.

Why not pens and brushes: in PySide6 the first touch of any enum in the ``Qt``
namespace builds all of them (about a hundred, Qt.Key's 471 members among
them), 16 ms and 1.3 MB that a bare Qt app never pays; and ``setPen``,
``setBrush``, ``QBrush(QColor)`` and ``fillRect`` touch it while PySide6 picks
among their overloads. ``fillPath`` with a gradient brush does not. So a shape
is a path, a colour is a one-colour gradient, and text is drawn with the pen a
painter starts with on a widget: the widget's palette text colour.
tests/gui/test_footprint.py checks that drawing the app leaves the namespace
alone.

Qt's SVG renderer, another megabyte, is not loaded: pictures are shipped as PNGs.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPixmap,
)


def render_file(path: str, width: int, height: int) -> QPixmap:
    """The SVG file at ``path`` as a transparent pixmap of ``width`` x ``height`` pixels:
    for tools/render_pngs.py and its test. The app itself loads the PNGs."""
    from PySide6.QtSvg import QSvgRenderer  # a megabyte: never loaded by the app itself

    pixmap = QPixmap(width, height)
    # A QColor, not 0: QImage.fill(int) builds the Qt namespace while picking an overload.
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    QSvgRenderer(path).render(painter, QRectF(0, 0, width, height))
    painter.end()
    return pixmap


def solid(colour: QColor) -> QBrush:
    """A brush of one colour (a gradient from ``colour`` to itself; see the module's doc)."""
    gradient = QLinearGradient(QPointF(0, 0), QPointF(0, 1))
    gradient.setColorAt(0, colour)
    gradient.setColorAt(1, colour)
    return QBrush(gradient)


def box(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    """Fill ``rect`` (``fillRect`` would build the Qt namespace; see the module's doc)."""
    path = QPainterPath()
    path.addRect(rect)
    painter.fillPath(path, solid(colour))


def rounded_rect(painter: QPainter, rect: QRectF, radius: float, colour: QColor) -> None:
    """Fill ``rect``, its corners rounded by ``radius``."""
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    painter.fillPath(path, solid(colour))


def _disc(centre: QPointF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(centre, radius, radius)
    return path


def ring(
    painter: QPainter, rect: QRectF, width: float, fraction: float, fill: QColor, track: QColor
) -> None:
    """A progress ring in the square ``rect``, ``width`` thick: a faint full ``track``, and
    ``fraction`` of it in ``fill``, clockwise from 12 o'clock with round ends."""
    centre = rect.center()
    radius = (min(rect.width(), rect.height()) - width) / 2  # of the ring's middle line
    reach = radius + width / 2
    outer = QRectF(centre.x() - reach, centre.y() - reach, 2 * reach, 2 * reach)
    inner = outer.adjusted(width, width, -width, -width)
    band = QPainterPath()  # two circles, filled odd-even: the ring between them
    band.addEllipse(outer)
    band.addEllipse(inner)
    painter.fillPath(band, solid(track))
    if fraction >= 1:
        painter.fillPath(band, solid(fill))
        return
    if fraction <= 0:
        return
    sweep = -360.0 * fraction  # Qt's angles run counter-clockwise from 3 o'clock
    arc = QPainterPath()
    arc.arcMoveTo(outer, 90)
    arc.arcTo(outer, 90, sweep)
    arc.arcTo(inner, 90 + sweep, -sweep)
    arc.closeSubpath()
    angle = 2 * math.pi * fraction
    end = QPointF(centre.x() + radius * math.sin(angle), centre.y() - radius * math.cos(angle))
    for point in (QPointF(centre.x(), centre.y() - radius), end):  # the round ends
        arc = arc.united(_disc(point, width / 2))
    painter.fillPath(arc, solid(fill))  # one shape, filled once: no seams, no double blend


def text(
    painter: QPainter, x: float, baseline: float, words: str, font: QFont, centred: bool
) -> None:
    """One line of text, centred on ``x`` (or starting there), in the painter's pen colour
    (on a widget: its palette's text colour; see the module's doc)."""
    painter.setFont(font)
    if centred:
        x -= QFontMetrics(font).horizontalAdvance(words) / 2
    painter.drawText(QPointF(x, baseline), words)


def wrap(text: str, font: QFont, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` pixels (at word boundaries)."""
    metrics = QFontMetrics(font)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and metrics.horizontalAdvance(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines
