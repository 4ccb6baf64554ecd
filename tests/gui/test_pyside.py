"""The Qt binding itself must not wear down Python: a guard against a known bad release."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QSystemTrayIcon
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_do_not_drop_references_to_none(qtbot: QtBot) -> None:
    # PySide6 6.12.0 under Python 3.11 decrements None on each call that returns nothing;
    # the app ticks every second, so it died with "deallocating None" within hours.
    label = QLabel()
    qtbot.addWidget(label)
    action = QAction("x", label)
    tray = QSystemTrayIcon()
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("a")
        action.setVisible(True)
        tray.setToolTip("b")
    assert sys.getrefcount(None) - before > -50
