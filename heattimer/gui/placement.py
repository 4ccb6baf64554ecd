"""Where a posture-break popup goes: fully on the screen that holds the tray, next to the tray,
wherever the panel is.

Rules:
- Where the tray says where its icon is (an XEmbed tray does), the popup goes on that screen,
  against the screen edge nearest the icon, beside the icon.
- Where it does not (a StatusNotifierItem tray keeps it to itself), the panel is on the
  edge of the primary screen that the desktop keeps free for it (the difference between
  the screen and its available area); the tray is at the panel's far end: the right of a
  top or bottom panel, the bottom of a side one. With no panel, bottom right.
- Always MARGIN inside the available area; a popup larger than the area starts at its
  top left (the popup makes itself smaller first: see BreakPopup.fit).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QPoint, QRect, QSize

MARGIN = 12


class Edge(Enum):
    """The screen edge the panel (and the tray) is on."""

    TOP = "top"
    BOTTOM = "bottom"
    LEFT = "left"
    RIGHT = "right"


def panel_edge(screen: QRect, available: QRect, icon: QRect | None) -> Edge:
    """The edge the tray is on: the one nearest its icon, or the one kept free for a panel."""
    if icon is not None:
        centre = icon.center()
        distances = {
            Edge.TOP: centre.y() - screen.top(),
            Edge.BOTTOM: screen.bottom() - centre.y(),
            Edge.LEFT: centre.x() - screen.left(),
            Edge.RIGHT: screen.right() - centre.x(),
        }
        return min(distances, key=lambda edge: distances[edge])
    reserved = {
        Edge.BOTTOM: screen.bottom() - available.bottom(),
        Edge.TOP: available.top() - screen.top(),
        Edge.RIGHT: screen.right() - available.right(),
        Edge.LEFT: available.left() - screen.left(),
    }
    edge = max(reserved, key=lambda e: reserved[e])  # (ties: in that order)
    return edge if reserved[edge] > 0 else Edge.BOTTOM


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


def popup_position(size: QSize, screen: QRect, available: QRect, icon: QRect | None) -> QPoint:
    """The top left corner for a popup of ``size``."""
    edge = panel_edge(screen, available, icon)
    left, top = available.left() + MARGIN, available.top() + MARGIN
    right = max(left, available.right() + 1 - MARGIN - size.width())
    bottom = max(top, available.bottom() + 1 - MARGIN - size.height())
    if icon is not None:  # beside the icon along the panel
        x = _clamp(icon.center().x() - size.width() // 2, left, right)
        y = _clamp(icon.center().y() - size.height() // 2, top, bottom)
    else:  # the panel's far end
        x, y = right, bottom
    if edge is Edge.TOP:
        return QPoint(x, top)
    if edge is Edge.BOTTOM:
        return QPoint(x, bottom)
    return QPoint(left if edge is Edge.LEFT else right, y)
