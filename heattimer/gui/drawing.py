"""Our own drawing, done as small SVG documents that Qt's SVG renderer paints.

Why not QPainter pens and brushes: in PySide6 the first ``setPen``,
``setBrush`` or ``QColor`` copy from Python builds every enum of the ``Qt``
namespace (about a hundred, Qt.Key's 471 members among them), 16 ms and over
a megabyte that a bare Qt app never pays (benchmarks/bench_gui.py). An SVG
string costs neither, and reads as what is drawn.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer


def render_file(path: str, width: int, height: int) -> QPixmap:
    """The SVG file at ``path`` as a transparent pixmap of ``width`` x ``height`` pixels.

    Rendered here rather than through QIcon's SVG engine, whose pixmaps go into
    QPixmapCache: while that cache holds anything, Qt wakes the app every 10 seconds
    to age it, which an idle tray app must not do."""
    pixmap = QPixmap(width, height)
    # A QColor, not 0: QImage.fill(int) makes PySide6 build every enum of the Qt namespace
    # while it picks the overload (over a megabyte, see the module's docstring).
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    QSvgRenderer(path).render(painter, QRectF(0, 0, width, height))
    painter.end()
    return pixmap


def escape(text: str) -> str:
    """Text made safe inside an SVG element or attribute (xml.sax.saxutils would pull in
    urllib and the TLS library, megabytes, for this)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


_renderer: QSvgRenderer | None = None


def paint(painter: QPainter, svg: str, target: QRectF) -> None:
    """Paint the SVG document ``svg`` into ``target``."""
    global _renderer
    if _renderer is None:
        _renderer = QSvgRenderer()  # one for the app: painting is always on the GUI thread
    _renderer.load(QByteArray(svg.encode()))
    _renderer.render(painter, target)


def _paint_attrs(kind: str, value: QColor) -> str:
    return f'{kind}="{value.name()}" {kind}-opacity="{value.alphaF():.3f}"'


def arc(cx: float, cy: float, r: float, fraction: float) -> str:
    """An SVG path for ``fraction`` of a circle, clockwise from 12 o'clock."""
    fraction = max(0.0, min(0.9999, fraction))
    angle = 2 * math.pi * fraction
    x, y = cx + r * math.sin(angle), cy - r * math.cos(angle)
    large = 1 if fraction > 0.5 else 0
    return f"M{cx:.2f} {cy - r:.2f} A{r:.2f} {r:.2f} 0 {large} 1 {x:.2f} {y:.2f}"


def ring(side: float, width: float, fraction: float, fill: QColor, track: QColor) -> list[str]:
    """A progress ring ``side`` across, ``width`` thick, ``fraction`` filled (round ends)."""
    c, r = side / 2, (side - width) / 2
    parts = [
        f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke-width="{width}" '
        f"{_paint_attrs('stroke', track)}/>"
    ]
    if fraction >= 1:
        parts.append(
            f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke-width="{width}" '
            f"{_paint_attrs('stroke', fill)}/>"
        )
    elif fraction > 0:
        parts.append(
            f'<path d="{arc(c, c, r, fraction)}" fill="none" stroke-width="{width}" '
            f'stroke-linecap="round" {_paint_attrs("stroke", fill)}/>'
        )
    return parts


def text(
    x: float,
    y: float,
    words: str,
    font: QFont,
    size: float,
    fill: QColor,
    weight: int = 400,
    anchor: str = "middle",
    italic: bool = False,
) -> str:
    """One line of text centred on ``x`` (or starting there, with anchor "start"), its
    baseline at ``y``."""
    family = escape(font.family())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-family="{family}"'
        f' font-size="{size:.1f}" font-weight="{weight}"'
        f' font-style="{"italic" if italic else "normal"}" {_paint_attrs("fill", fill)}>'
        f"{escape(words)}</text>"
    )


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


def document(width: float, height: float, parts: list[str]) -> str:
    """An SVG document of the given size holding ``parts``."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1f}" height="{height:.1f}" '
        f'viewBox="0 0 {width:.1f} {height:.1f}">{"".join(parts)}</svg>'
    )


def rounded_rect(width: float, height: float, radius: float, fill: QColor) -> str:
    """A filled rectangle with rounded corners."""
    return (
        f'<rect x="0" y="0" width="{width:.1f}" height="{height:.1f}" rx="{radius}" '
        f"{_paint_attrs('fill', fill)}/>"
    )
