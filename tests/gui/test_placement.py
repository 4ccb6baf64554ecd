"""Where the posture-break popup goes (gui/placement.py): next to the tray, wherever the panel
is, and always inside the screen's available area."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize

from heattimer.gui.placement import MARGIN, Edge, panel_edge, popup_position

SCREEN = QRect(0, 0, 1280, 800)
POPUP = QSize(440, 340)
PANELS = {  # the area a panel leaves free, by edge
    Edge.TOP: QRect(0, 30, 1280, 770),
    Edge.BOTTOM: QRect(0, 0, 1280, 770),
    Edge.LEFT: QRect(48, 0, 1232, 800),
    Edge.RIGHT: QRect(0, 0, 1232, 800),
}


def inside(point: QPoint, size: QSize, area: QRect) -> bool:
    return area.contains(QRect(point, size))


@pytest.mark.parametrize("edge", list(Edge))
def test_without_the_icon_s_place_the_popup_goes_to_the_panel_s_far_end(edge: Edge) -> None:
    available = PANELS[edge]
    assert panel_edge(SCREEN, available, None) is edge
    where = popup_position(POPUP, SCREEN, available, None)
    assert inside(where, POPUP, available)
    corner = {  # the popup's corner that sits against the tray
        Edge.TOP: (where.x() + POPUP.width(), where.y()),
        Edge.BOTTOM: (where.x() + POPUP.width(), where.y() + POPUP.height()),
        Edge.LEFT: (where.x(), where.y() + POPUP.height()),
        Edge.RIGHT: (where.x() + POPUP.width(), where.y() + POPUP.height()),
    }[edge]
    far_end = {
        Edge.TOP: (available.right() + 1 - MARGIN, available.top() + MARGIN),
        Edge.BOTTOM: (available.right() + 1 - MARGIN, available.bottom() + 1 - MARGIN),
        Edge.LEFT: (available.left() + MARGIN, available.bottom() + 1 - MARGIN),
        Edge.RIGHT: (available.right() + 1 - MARGIN, available.bottom() + 1 - MARGIN),
    }[edge]
    assert corner == far_end


def test_no_panel_at_all_means_bottom_right() -> None:
    where = popup_position(POPUP, SCREEN, SCREEN, None)
    assert (where.x() + POPUP.width(), where.y() + POPUP.height()) == (1280 - MARGIN, 800 - MARGIN)


def test_an_icon_the_tray_places_puts_the_popup_beside_it() -> None:
    icon = QRect(300, 4, 22, 22)  # a top panel with the tray near its left
    where = popup_position(POPUP, SCREEN, PANELS[Edge.TOP], icon)
    assert where.y() == 30 + MARGIN
    assert where.x() + POPUP.width() // 2 == icon.center().x()  # centred on it
    side = QRect(10, 700, 22, 22)  # a left panel, tray at its bottom
    where = popup_position(POPUP, SCREEN, PANELS[Edge.LEFT], side)
    assert where.x() == 48 + MARGIN and inside(where, POPUP, PANELS[Edge.LEFT])


def test_a_popup_taller_than_the_screen_starts_at_its_top() -> None:
    small = QRect(0, 30, 512, 270)  # 1024x600 at 2x, with a top panel
    where = popup_position(POPUP, QRect(0, 0, 512, 300), small, None)
    assert where == QPoint(512 - MARGIN - POPUP.width(), 30 + MARGIN)


def test_the_popup_leaves_out_the_why_then_the_picture_on_a_small_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from heattimer.gui.break_popup import BreakPopup
    from heattimer.platform.catalogue import catalogue
    from heattimer.platform.clock import FakeClock

    exercise = next(e for e in catalogue() if e.why)
    popup = BreakPopup(exercise, FakeClock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC)))
    qtbot.addWidget(popup)
    popup.fit(QRect(0, 0, 1280, 770))
    full = popup.height()
    assert not popup.why.isHidden() and not popup.picture.isHidden()
    popup.fit(QRect(0, 0, 512, full))  # a little too short: the why goes
    assert popup.why.isHidden() and not popup.picture.isHidden()
    assert popup.height() < full
    popup.fit(QRect(0, 15, 512, 285))  # 1024x600 at 2x, under a 30-pixel panel
    assert popup.picture.isHidden() and popup.height() <= 285 - 2 * MARGIN - 30
