"""The settings the issue added, as a person meets them: start at login in the dialog writes
and removes the real autostart file (and shows what is there), a notice comes 30 s before
a posture break when asked for, and turning sounds off silences the cold session's chime
but never the end alarm's."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from heattimer.core.breaks import NOTICE_TITLE
from heattimer.core.model import Kind
from heattimer.gui.app import HeatTimerApp
from heattimer.gui.dialogs.settings import SettingsDialog
from heattimer.platform.autostart import XdgAutostart
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from tests.gui.conftest import FakeNotifier, FakeSound


def sit_until(app: HeatTimerApp, clock: FakeClock, until: object) -> None:
    """Sit at the desk until ``until``, the app ticking every minute as it does (one jump
    of an hour would look like a suspend, which starts the sitting clock over)."""
    while clock.now() + timedelta(minutes=1) < until:  # type: ignore[operator]
        clock.jump(timedelta(minutes=1))
        app.controller.tick()
    clock.jump(until - clock.now())  # type: ignore[operator]
    app.controller.tick()


def next_break_with_notices(app: HeatTimerApp, service: Service) -> datetime:
    """Turn the notices on; when the next break is due."""
    service.set_setting("break-notice", "on")
    app.controller.tick()
    status = app.controller.status
    assert status is not None and status.next_break is not None
    return status.next_break


def entry() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "heattimer.desktop"


def test_start_at_login_writes_and_removes_the_real_entry(
    app: HeatTimerApp, service: Service, qtbot: QtBot
) -> None:
    dialog = SettingsDialog(service, "none", app.window)
    qtbot.addWidget(dialog)
    assert not dialog.start_at_login.isChecked()
    dialog.start_at_login.setChecked(True)
    assert entry().exists() and XdgAutostart().enabled()
    assert "--tray" in entry().read_text()
    dialog.start_at_login.setChecked(False)
    assert not entry().exists()

    XdgAutostart().enable(["/usr/bin/heattimer-gui", "--tray"])
    entry().write_text(entry().read_text() + "Hidden=true\n")  # the desktop switched it off
    shown = SettingsDialog(service, "none", app.window)
    qtbot.addWidget(shown)
    assert not shown.start_at_login.isChecked()  # what is really there


def test_a_notice_comes_30_s_before_a_break_when_asked_for(
    app: HeatTimerApp, service: Service, clock: FakeClock, notifier: FakeNotifier
) -> None:
    due = next_break_with_notices(app, service)
    sit_until(app, clock, due - timedelta(minutes=1))
    # The app wakes for the notice, not a minute later (its timer: to the notice's time,
    # give or take the 5 % by which Qt may move a coarse timer).
    assert app.controller.tick_interval() <= 30_000 * 1.05 + 100
    sit_until(app, clock, due - timedelta(seconds=30))
    notices = [n for n in notifier.shown if n["title"] == NOTICE_TITLE]
    assert len(notices) == 1 and app.popup is None
    clock.jump(timedelta(seconds=10))
    app.controller.tick()
    assert len([n for n in notifier.shown if n["title"] == NOTICE_TITLE]) == 1  # once
    clock.jump(timedelta(seconds=20))
    app.controller.tick()
    assert app.popup is not None  # the break itself
    assert "break-notice" in notifier.closed


def test_a_notice_goes_when_its_break_will_not_come_then_and_none_over_full_screen(
    app: HeatTimerApp, service: Service, clock: FakeClock, notifier: FakeNotifier
) -> None:
    sit_until(app, clock, next_break_with_notices(app, service) - timedelta(seconds=30))
    assert notifier.shown[-1]["title"] == NOTICE_TITLE
    app.controller.run(lambda: service.pause_breaks(clock.now() + timedelta(hours=1)))
    assert notifier.closed[-1] == "break-notice"  # paused: not in 30 s after all

    app.breaks.fullscreen = lambda: True  # a presentation in front
    app.controller.run(lambda: service.pause_breaks(None))
    shown = len(notifier.shown)
    status = app.controller.status
    assert status is not None and status.next_break is not None
    sit_until(app, clock, status.next_break - timedelta(seconds=30))
    assert len([n for n in notifier.shown[shown:] if n["title"] == NOTICE_TITLE]) == 0


def test_no_notice_unless_asked_for(
    app: HeatTimerApp, clock: FakeClock, notifier: FakeNotifier
) -> None:
    status = app.controller.status
    assert status is not None and status.next_break is not None
    sit_until(app, clock, status.next_break - timedelta(seconds=30))
    assert not [n for n in notifier.shown if n["title"] == NOTICE_TITLE]


def test_sounds_off_silences_the_cold_chime_but_never_the_alarm(
    app: HeatTimerApp, service: Service, clock: FakeClock, sound: FakeSound
) -> None:
    service.set_setting("sounds", "off")
    app.controller.start(kind=Kind.COLD)
    clock.jump(timedelta(minutes=15, seconds=1))
    app.controller.tick()
    assert sound.played == 0  # cold done: said, not chimed
    clock.jump(timedelta(hours=2))
    app.controller.start(15)
    clock.jump(timedelta(minutes=15, seconds=1))
    app.controller.tick()
    assert sound.played == 1  # the end alarm chimes whatever the setting
