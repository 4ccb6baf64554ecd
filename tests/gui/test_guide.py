"""The first-run welcome, the help page and the About box, as a person meets them: the
welcome comes once, says the safety rules and that Heat Timer is not medical advice, and
its choices are kept (posture breaks, start at login in the real autostart folder, the
menu entry in the real data folder); Help brings each page back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from heattimer.core import guide
from heattimer.gui.app import HeatTimerApp
from heattimer.gui.dialogs.guide import AboutDialog, HelpDialog, WelcomeDialog
from heattimer.platform.autostart import XdgAutostart
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from tests.gui.conftest import FakeNotifier, FakeSound, make_app


def started(qtbot: QtBot, service: Service, clock: FakeClock, tray: bool = True) -> HeatTimerApp:
    app = make_app(service, clock, FakeNotifier(), FakeSound(), tray_available=tray, welcome=True)
    qtbot.addWidget(app.window)
    app.start()
    return app


@pytest.fixture
def first_run(qtbot: QtBot, service: Service, clock: FakeClock) -> Iterator[HeatTimerApp]:
    app = started(qtbot, service, clock)
    qtbot.waitUntil(lambda: isinstance(app.guide_page, WelcomeDialog))
    yield app
    for page in list(app.guide_pages.values()):
        page.reject()
    app.tray.icon.hide()


def words(dialog: object) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))  # type: ignore[attr-defined]


def autostart_entry() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "heattimer.desktop"


def menu_entry() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "applications" / "heattimer.desktop"


def test_the_welcome_says_the_rules_and_that_it_is_not_medical_advice(
    first_run: HeatTimerApp,
) -> None:
    welcome = first_run.guide_page
    assert isinstance(welcome, WelcomeDialog) and welcome.isVisible()
    text = words(welcome)
    assert guide.DISCLAIMER in text and guide.SEE_A_PROFESSIONAL in text
    for rule in guide.safety_rules(first_run.service.settings()):
        assert rule in text
    assert guide.TRAY_NOTE in text
    assert not welcome.done_button.autoDefault()  # an Enter meant for elsewhere answers nothing


def test_the_welcome_s_choices_are_kept_and_it_comes_only_once(
    first_run: HeatTimerApp, qtbot: QtBot, service: Service, clock: FakeClock
) -> None:
    welcome = first_run.guide_page
    assert isinstance(welcome, WelcomeDialog)
    assert not autostart_entry().exists() and not welcome.login.isChecked()
    assert welcome.menu.isChecked()  # the menu entry is missing: offered
    welcome.breaks.setChecked(False)
    assert not welcome.interval.isEnabled()
    welcome.login.setChecked(True)
    qtbot.mouseClick(welcome.done_button, Qt.MouseButton.LeftButton)
    assert not welcome.isVisible()
    settings = service.settings()
    assert settings.breaks is False
    assert XdgAutostart().enabled()
    lines = autostart_entry().read_text().splitlines()
    exec_line = next(line for line in lines if line.startswith("Exec="))
    assert "--tray" in exec_line and str(service.store.data_dir) in exec_line
    assert menu_entry().exists()
    assert not service.welcome_due()
    first_run.tray.icon.hide()

    again = started(qtbot, service, clock)  # the next start: no welcome
    qtbot.wait(50)
    assert again.guide_page is None
    again.tray.icon.hide()


def test_closing_the_welcome_keeps_what_it_showed_and_turning_login_off_removes_the_entry(
    first_run: HeatTimerApp, service: Service
) -> None:
    assert first_run.guide_page is not None
    first_run.guide_page.reject()
    XdgAutostart().enable(["/usr/bin/heattimer-gui", "--tray"])  # on since, from elsewhere
    first_run.show_guide("welcome")  # (Help: the welcome again, showing it on)
    welcome = first_run.guide_page
    assert isinstance(welcome, WelcomeDialog) and welcome.login.isChecked()
    assert menu_entry().exists()  # (the first, closed, kept its offer: the menu entry)
    assert welcome.menu.isHidden()  # now it is there: not offered again
    welcome.interval.setValue(45)
    welcome.login.setChecked(False)
    welcome.reject()  # closed with Esc or the title bar's button
    assert service.settings().break_interval_minutes == 45
    assert not autostart_entry().exists()
    assert not service.welcome_due()


def test_help_opened_from_the_welcome_leaves_it_open_and_its_untouched_values_stay_out(
    first_run: HeatTimerApp, service: Service
) -> None:
    welcome = first_run.guide_page
    assert isinstance(welcome, WelcomeDialog)
    first_run.show_guide("help")  # (F1, to read more before choosing)
    assert welcome.isVisible() and service.welcome_due()  # still open: still to answer
    service.set_setting("break-interval-minutes", "30")  # Settings, meanwhile
    welcome.login.setChecked(True)
    welcome.accept()  # its interval box still says 60: untouched, not stored
    assert service.settings().break_interval_minutes == 30
    assert XdgAutostart().enabled() and not service.welcome_due()


def test_quitting_with_the_welcome_open_answers_nothing(
    first_run: HeatTimerApp, service: Service, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    welcome = first_run.guide_page
    assert isinstance(welcome, WelcomeDialog)
    welcome.login.setChecked(True)  # ticked, not confirmed
    monkeypatch.setattr(QApplication, "quit", lambda *_: None)  # (the test's app goes on)
    first_run.quit()
    welcome.close()  # what Qt's quit does to each window still open
    assert service.welcome_due()  # asked again next time
    assert not autostart_entry().exists() and not menu_entry().exists()


def test_without_a_tray_the_welcome_says_closing_quits(
    qtbot: QtBot, service: Service, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = started(qtbot, service, clock, tray=False)
    monkeypatch.setattr(app, "quit", lambda: None)  # (the test's end closes the window)
    app.told_no_tray = True
    qtbot.waitUntil(lambda: isinstance(app.guide_page, WelcomeDialog))
    assert guide.NO_TRAY_NOTE in words(app.guide_page)
    assert "tray" not in app.guide_page.login.text()  # type: ignore[union-attr]
    app.guide_page.reject()


def test_help_about_and_f1_bring_their_pages(
    qtbot: QtBot, service: Service, clock: FakeClock
) -> None:
    app = make_app(service, clock, FakeNotifier(), FakeSound(), tray_available=True)
    qtbot.addWidget(app.window)
    app.start()  # (welcomed before)
    qtbot.waitExposed(app.window)
    labels = [a.text() for a in app.window.help_menu.actions()]
    assert labels[0].startswith("How Heat Timer works…")
    app.window.help_menu.actions()[2].trigger()
    assert isinstance(app.guide_page, AboutDialog)
    about = words(app.guide_page)
    assert str(service.store.data_dir) in about and "MIT licence" in about
    assert guide.DISCLAIMER in about
    app.guide_page.reject()
    app.window.activateWindow()  # (offscreen, the dialog's closing activates nothing)
    qtbot.waitUntil(app.window.isActiveWindow)
    qtbot.keyClick(app.window, Qt.Key.Key_F1)
    assert isinstance(app.guide_page, HelpDialog) and app.guide_page.isVisible()
    for topic in guide.help_topics(service.settings()):
        assert topic.title in words(app.guide_page)
    app.guide_page.reject()
    app.tray.help.trigger()  # the tray's menu has it too
    assert isinstance(app.guide_page, HelpDialog)
    app.guide_page.reject()
    app.tray.icon.hide()
