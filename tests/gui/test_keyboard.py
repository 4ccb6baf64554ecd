"""The keyboard belongs to the person: no single key typed into the window starts heat, logs an
injury or records a clearance; shortcuts, each with a modifier, do what they say; Tab goes
down the window as it reads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from heattimer.core.model import Area
from heattimer.core.offers import Act, Key
from heattimer.gui.app import HeatTimerApp
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from tests.gui.conftest import Answer


@pytest.fixture
def app(app: HeatTimerApp, qtbot: QtBot) -> HeatTimerApp:
    """The app, its window the active one: where typed keys and shortcuts go."""
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    return app


CTRL = Qt.KeyboardModifier.ControlModifier


def test_keys_typed_into_the_window_press_nothing(
    app: HeatTimerApp, qtbot: QtBot, clock: FakeClock, service: Service
) -> None:
    window = app.window
    window.activateWindow()
    keys = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_S, Qt.Key.Key_L)

    def type_keys() -> None:
        for key in keys:
            QTest.keyClick(window.focusWidget() or window, key)

    type_keys()  # at launch
    assert window.focusWidget() in (None, window)
    window.start15.click()  # a click does not leave the keyboard on a button
    assert window.focusWidget() in (None, window)
    type_keys()
    status = app.controller.status
    assert status is not None and status.session is not None  # still the one clicked
    clock.jump(timedelta(minutes=15))
    app.controller.tick()  # the alarm: the keyboard, if it has it, is on "Heat is off"
    assert window.focusWidget() is window.heat_off_button
    QTest.keyClick(window.heat_off_button, Qt.Key.Key_L)
    assert window.alarm_label.isVisible()
    type_keys()  # Space presses "Heat is off", and nothing else happens
    assert not window.alarm_label.isVisible()
    assert service.injuries() == []
    assert app.controller.status is not None and app.controller.status.session is None
    assert window.focusWidget() in (None, window)


def test_shortcuts_start_the_default_length_stop_and_open_the_injury_dialog(
    app: HeatTimerApp, service: Service, qtbot: QtBot
) -> None:
    window = app.window
    service.set_setting("heat-minutes", "18")
    app.controller.tick()
    QTest.keyClick(window, Qt.Key.Key_H, CTRL)
    status = app.controller.status
    assert status is not None and status.session is not None
    assert status.session.ends_at - status.session.started_at == timedelta(minutes=18)
    QTest.keyClick(window, Qt.Key.Key_E, CTRL)
    assert app.controller.status is not None and app.controller.status.session is None
    answer = Answer(click="Save")
    QTest.keyClick(window, Qt.Key.Key_I, CTRL)
    assert answer.asked == ["Log injury — Heat Timer"] and len(service.injuries()) == 1
    window.activateWindow()  # (offscreen, the dialog's closing activates nothing)
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_H, CTRL)  # the rules refuse: the window says why
    assert app.controller.status is not None and app.controller.status.session is None
    assert "injury" in window.problem_label.text() and window.problem_label.isVisible()


def test_menus_show_the_shortcuts(app: HeatTimerApp, service: Service) -> None:
    service.set_setting("heat-minutes", "20")
    app.controller.tick()
    tray = app.tray
    shown = {a.text(): a.shortcut().toString() for a in tray.menu.actions() if a.text()}
    assert shown["Log injury…"] == "Ctrl+I" and shown["Quit"] == "Ctrl+Q"
    assert shown["Injury log…"] == "Ctrl+L" and shown["Settings…"] == "Ctrl+,"
    assert shown["Start 20 min"] == "Ctrl+H" and shown["Start 15 min"] == ""
    assert tray.offers[Key(Act.STOP)].shortcut().toString() == "Ctrl+E"
    assert app.window.start20.toolTip() == "Ctrl+H" and app.window.start15.toolTip() == ""


def test_tab_goes_down_the_window_as_it_reads(app: HeatTimerApp) -> None:
    window = app.window

    def reachable(widget: QWidget) -> bool:
        tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        return tab and widget.isVisible() and widget.isEnabled() and widget.window() is window

    seen, widget = [window.start15], window.start15.nextInFocusChain()
    while widget is not window.start15:
        if reachable(widget) and widget is not window.scroller:
            seen.append(widget)
        widget = widget.nextInFocusChain()
    where = [
        (w.mapTo(window, w.rect().topLeft()).y(), w.mapTo(window, w.rect().topLeft()).x())
        for w in seen
    ]
    first = where.index(min(where))  # the chain is a circle: read it from the top
    where = where[first:] + where[:first]
    assert where == sorted(where), [getattr(w, "text", lambda: "?")() for w in seen]
    assert {window.start15, window.injury_button, window.settings_button, app.coach.pause} <= set(
        seen
    )


def test_a_right_click_or_a_press_dragged_off_leaves_no_button_the_keyboard(
    app: HeatTimerApp, service: Service
) -> None:
    window = app.window
    QTest.mouseClick(window.start15, Qt.MouseButton.RightButton)
    assert not window.start15.hasFocus()
    QTest.mousePress(window.start20, Qt.MouseButton.LeftButton)
    QTest.mouseRelease(
        window.start20, Qt.MouseButton.LeftButton, pos=window.start20.rect().bottomRight() * 3
    )  # let go outside it: no click
    assert not window.start20.hasFocus()
    QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_Space)
    status = app.controller.status
    assert status is not None and status.session is None


def test_a_height_the_person_gives_the_window_stays_until_what_it_shows_changes(
    app: HeatTimerApp, clock: FakeClock, qtbot: QtBot
) -> None:
    window = app.window
    fitted = window.height()
    window.resize(window.width(), fitted + 150)
    clock.jump(timedelta(minutes=1))
    app.controller.tick()
    assert window.height() == fitted + 150
    app.controller.log_injury(None, Area.NECK, [], "")  # what it shows changes: fitted again
    assert window.height() != fitted + 150


def _unnamed(top: QWidget) -> list[str]:
    """The controls under ``top`` that a screen reader would announce without a name."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QTableWidget,
    )

    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QTableWidget)
    missing = []
    for widget in top.findChildren(QWidget):
        if (
            not isinstance(widget, kinds)
            or widget.isHidden()
            or widget.objectName().startswith("qt_")
        ):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        if face is None or not face.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_control_has_an_accessible_name(app: HeatTimerApp, service: Service) -> None:
    from heattimer.gui.dialogs.injury import InjuryDialog
    from heattimer.gui.dialogs.injury_log import InjuryLogDialog
    from heattimer.gui.dialogs.settings import SettingsDialog

    app.controller.log_injury(None, Area.NECK, [], "")  # the undo row, cold, ...
    assert _unnamed(app.window) == []
    assert _unnamed(app.coach) == []
    injury = InjuryDialog(app.clock.now(), app.window)
    assert _unnamed(injury) == []
    assert _unnamed(SettingsDialog(service, "none", app.window)) == []
    assert _unnamed(InjuryLogDialog(app, app.window)) == []
    app.breaks.offer_now()
    assert app.popup is not None and _unnamed(app.popup) == []  # type: ignore[arg-type]


def test_the_button_with_the_keyboard_has_a_ring_in_the_highlight_colour(
    app: HeatTimerApp,
) -> None:
    from PySide6.QtGui import QPalette

    button = app.window.settings_button
    highlight = button.palette().color(QPalette.ColorRole.Highlight)

    def edge_colour() -> tuple[int, int, int]:
        image = button.grab().toImage()
        pixel = image.pixelColor(1, image.height() // 2)
        return (pixel.red(), pixel.green(), pixel.blue())

    assert edge_colour() != (highlight.red(), highlight.green(), highlight.blue())
    button.setFocus()  # as Tab would
    assert edge_colour() == (highlight.red(), highlight.green(), highlight.blue())
