"""The window, the tray and the alarm, driven as a person would, with a clock the test moves."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from heattimer.core.alarm import OPEN_ACTION as OPEN
from heattimer.core.model import Area, Kind, RecoveryHold, RedFlag
from heattimer.gui.app import HeatTimerApp
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from heattimer.store import Store
from tests.gui.conftest import BERLIN, Answer, FakeNotifier, FakeSound, make_app
from tests.store.helpers import HeldCopy, settled, todays

TOKEN = "XDG_ACTIVATION_TOKEN"


@pytest.fixture
def app(
    qtbot: QtBot, service: Service, clock: FakeClock, notifier: FakeNotifier, sound: FakeSound
) -> Iterator[HeatTimerApp]:
    heat_timer = make_app(service, clock, notifier, sound, tray_available=True)
    qtbot.addWidget(heat_timer.window)
    with qtbot.waitSignal(heat_timer.controller.idleTick, timeout=5000):
        heat_timer.start()  # and its first chores, which wait for the window to be up
    yield heat_timer
    heat_timer.tray.icon.hide()


def menu_texts(app: HeatTimerApp) -> dict[str, tuple[bool, bool]]:
    """Tray menu items: text -> (visible, enabled)."""
    return {a.text(): (a.isVisible(), a.isEnabled()) for a in app.tray.menu.actions() if a.text()}


def test_window_title_says_heat_timer(app: HeatTimerApp) -> None:
    assert "Heat Timer" in app.window.windowTitle()
    assert app.window.isVisible()


def test_start_tick_to_deadline_alarm_repeats_until_confirmed(
    app: HeatTimerApp,
    qtbot: QtBot,
    clock: FakeClock,
    notifier: FakeNotifier,
    sound: FakeSound,
    service: Service,
) -> None:
    qtbot.mouseClick(app.window.start15, Qt.MouseButton.LeftButton)
    assert app.window.stop_button.isVisible()
    assert app.window.ring.big == "15:00"
    assert app.window.windowTitle() == "15:00 · Heat Timer"

    clock.jump(timedelta(minutes=14, seconds=59))
    app.controller.tick()
    assert app.window.ring.big == "00:01"
    assert not app.window.alarm_label.isVisible()
    assert notifier.shown == []

    clock.jump(1)
    app.controller.tick()
    assert app.window.alarm_label.isVisible()
    assert "Time is up: turn the heat off" in app.window.alarm_label.text()
    assert notifier.shown[-1]["urgent"] is True
    assert notifier.shown[-1]["actions"] == (("heat-off", "Heat is off"),)
    assert sound.played == 1

    clock.jump(30)
    app.controller.tick()
    assert sound.played == 1  # not yet a minute
    clock.jump(30)
    app.controller.tick()
    assert sound.played == 2 and len(notifier.shown) == 2

    qtbot.mouseClick(app.window.heat_off_button, Qt.MouseButton.LeftButton)
    assert not app.window.alarm_label.isVisible()
    assert notifier.closed == ["alarm"]
    clock.jump(120)
    app.controller.tick()
    assert sound.played == 2

    (session,) = service.history(1)
    assert session.ended_at == session.ends_at  # completed at its deadline, not when confirmed
    assert session.confirmed_off_at == clock.now() - timedelta(seconds=120)
    assert app.controller.status is not None and app.controller.status.today_sessions == 1


def test_alarm_gives_up_after_ten_minutes(
    app: HeatTimerApp, clock: FakeClock, sound: FakeSound
) -> None:
    app.controller.start(15)
    clock.jump(timedelta(minutes=15))
    for _ in range(15 * 6):  # a tick every 10 s for 15 minutes
        app.controller.tick()
        clock.jump(10)
    assert sound.played == 11  # at the end, then every minute up to 10 minutes
    assert app.window.alarm_label.isVisible()  # the message stays until confirmed


def test_suspend_ends_the_session_on_the_next_tick(
    app: HeatTimerApp, clock: FakeClock, sound: FakeSound, service: Service
) -> None:
    app.controller.start(20)
    started = clock.now()
    clock.jump(timedelta(hours=2))  # the laptop slept with the session running
    app.controller.tick()
    assert app.window.alarm_label.isVisible()
    assert sound.played == 1
    (session,) = service.history(1)
    assert session.ended_at == started + timedelta(minutes=20)
    clock.jump(60)
    app.controller.tick()
    assert sound.played == 1  # long past the ten minutes: once, not eleven times at once


def test_countdown_never_ends_early(app: HeatTimerApp, clock: FakeClock, sound: FakeSound) -> None:
    app.controller.start(15)
    clock.jump(timedelta(minutes=15) - timedelta(milliseconds=1))
    app.controller.tick()
    assert sound.played == 0 and app.window.ring.big == "00:01"


def test_injury_shows_block_cold_button_and_acute_advice(
    app: HeatTimerApp, clock: FakeClock
) -> None:
    app.controller.log_injury(None, Area.LOWER_BACK, [], "")
    window = app.window
    assert not window.start_row.isVisible()
    assert window.cold_button.isVisible() and "Cold session" in window.cold_button.text()
    assert "cold packs" in app.coach.advice.text()
    assert window.headline.text() == "Heat unlocks Thu 14:00, in 48 h"
    clock.jump(timedelta(hours=1, minutes=30))
    app.controller.tick()
    assert window.headline.text() == "Heat unlocks Thu 14:00, in 46 h 30 min"
    window.cold_button.click()
    assert app.controller.status is not None
    assert app.controller.status.session is not None
    assert app.controller.status.session.kind is Kind.COLD


def test_red_flag_shows_professional_message_and_clearance(
    app: HeatTimerApp, clock: FakeClock
) -> None:
    app.controller.log_injury(None, Area.NECK, [RedFlag.NUMBNESS], "")
    window = app.window
    assert "physical therapist or physician" in window.headline.text()
    assert "physical therapist or physician" in window.advice.text()
    assert window.cleared_button.isVisible()
    clock.jump(timedelta(hours=49))
    app.controller.tick()
    assert window.cleared_button.isVisible()  # still held after 48 h
    for keys in ((Qt.Key.Key_Return,), (Qt.Key.Key_Space,), (Qt.Key.Key_Escape,)):
        answer = Answer(keys)  # the question's default is Cancel: no key records it
        window.cleared_button.click()
        assert "cleared you to use heat" in answer.asked[0]
        assert window.cleared_button.isVisible()
    answer = Answer(click="Record the clearance")
    window.cleared_button.click()
    assert "Neck" in answer.asked[0] and "Numbness" in answer.asked[0]
    assert not window.cleared_button.isVisible()
    assert window.start_row.isVisible() and window.start15.isEnabled()


def test_after_a_restore_from_an_older_backup_heat_waits_for_the_injury_log_to_be_checked(
    app: HeatTimerApp, clock: FakeClock, service: Service
) -> None:
    backup_at = clock.now() - timedelta(hours=5)
    hold = RecoveryHold(at=clock.now(), backup_at=backup_at, moved_to="heattimer.sqlite3.damaged")
    service.store.write(lambda t: t.set_recovery_hold(hold))
    app.controller.tick()
    window = app.window
    assert not window.start15.isEnabled()
    assert "injury log" in window.headline.text()
    assert "restored from the backup of 09:00" in window.advice.text()  # 14:00 less 5 h
    assert window.log_checked_button.isVisible()
    answer = Answer((Qt.Key.Key_Return,))  # (kept: its timer lives with it)
    window.log_checked_button.click()
    assert window.log_checked_button.isVisible()  # Enter is Cancel
    answer = Answer(click="Lift the hold")
    window.log_checked_button.click()
    assert "since 09:00" in answer.asked[0]
    assert not window.log_checked_button.isVisible()
    assert window.start15.isEnabled()
    assert service.status().hold is None


def test_daily_cap_disables_start_with_the_reason_in_the_tray_menu(
    app: HeatTimerApp, clock: FakeClock, service: Service
) -> None:
    service.set_setting("cool-down-minutes", "40")
    for _ in range(3):
        app.controller.start(15)
        clock.jump(timedelta(minutes=15))
        app.controller.confirm_heat_off()
        clock.jump(timedelta(minutes=40))
    window = app.window
    assert not window.start15.isEnabled() and not window.start20.isEnabled()
    assert window.headline.text().startswith("3 of 3 sessions used today; next tomorrow 00:00")
    items = menu_texts(app)
    assert items["Start 15 min — 3 of 3 used: next tomorrow 00:00"] == (True, False)
    assert window.today.text() == "Today  ●●●  3 used"


def test_cool_down_headline_counts_down(app: HeatTimerApp, clock: FakeClock) -> None:
    app.controller.start(15)
    clock.jump(timedelta(minutes=15))
    app.controller.confirm_heat_off()
    assert app.window.headline.text() == "Cool-down: next session at 15:15, in 1 h"
    assert "cool-down until 15:15" in " ".join(menu_texts(app))


def test_tray_menu_starts_and_stops(app: HeatTimerApp) -> None:
    items = {a.text(): a for a in app.tray.menu.actions()}
    items["Start 20 min"].trigger()
    status = app.controller.status
    assert status is not None and status.session is not None
    assert status.session.ends_at - status.session.started_at == timedelta(minutes=20)
    texts = menu_texts(app)
    assert texts["Stop heat session"] == (True, True)
    assert texts["Start 15 min — a session is running"][0] is False
    {a.text(): a for a in app.tray.menu.actions()}["Stop heat session"].trigger()
    assert app.controller.status is not None and app.controller.status.session is None


def test_tray_tooltip_and_icon_follow_the_state(app: HeatTimerApp) -> None:
    assert app.tray.icon.toolTip().startswith("Heat Timer\nReady: 3 of 3")
    assert app.tray._icon_key is not None and app.tray._icon_key[0] == "ready"
    app.controller.start(15)
    assert app.tray._icon_key[0] == "running"
    assert "Heat on: 15:00 left" in app.tray.icon.toolTip()
    app.controller.stop()
    app.controller.log_injury(None, Area.SHOULDER, [], "")
    assert app.tray._icon_key[0] == "blocked"


def test_tray_click_opens_the_window(app: HeatTimerApp) -> None:
    app.window.hide()
    app.tray.icon.activated.emit(app.tray.icon.ActivationReason.Trigger)
    assert app.window.isVisible()


def test_closing_the_window_hides_it_into_the_tray(app: HeatTimerApp) -> None:
    app.window.close()
    assert not app.window.isVisible()


def test_ticks_each_second_while_running_and_rarely_when_hidden_and_idle(
    app: HeatTimerApp, clock: FakeClock
) -> None:
    app.window.hide()
    app.controller.tick()
    assert app.controller.tick_interval() >= 59_000
    app.controller.start(15)
    assert 0 < app.controller.tick_interval() <= 1100  # a second (coarse timers may add 5%)


def test_the_shown_window_with_nothing_counting_down_ticks_once_a_minute(
    app: HeatTimerApp, clock: FakeClock
) -> None:
    assert app.window.isVisible()
    app.controller.tick()
    assert app.controller.tick_interval() >= 59_000  # ready: nothing changes by itself
    app.controller.start(15)
    clock.jump(timedelta(minutes=15))
    app.controller.confirm_heat_off()
    clock.jump(timedelta(seconds=20))  # cool-down for 59 min 40 s: "in 1 h" for 40 s more
    app.controller.tick()
    assert app.window.headline.text().endswith("in 1 h")
    assert 39_000 <= app.controller.tick_interval() <= 41_100
    clock.jump(timedelta(seconds=40))
    app.controller.tick()
    assert app.window.headline.text().endswith("in 59 min")


def test_notification_action_confirms_heat_off(
    app: HeatTimerApp, clock: FakeClock, notifier: FakeNotifier
) -> None:
    app.controller.start(15)
    clock.jump(timedelta(minutes=15))
    app.controller.tick()
    notifier.actionInvoked.emit("heat-off", "")
    assert app.controller.alarm.pending is None
    assert not app.window.alarm_label.isVisible()


def test_on_wayland_a_click_on_the_alarm_opens_the_window_with_the_server_s_token(
    qtbot: QtBot,
    service: Service,
    clock: FakeClock,
    notifier: FakeNotifier,
    sound: FakeSound,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(service, clock, notifier, sound, breaks_as_notifications=True)
    qtbot.addWidget(app.window)
    app.start()
    app.controller.start(15)
    clock.jump(timedelta(minutes=15))
    app.controller.tick()
    assert notifier.shown[-1]["actions"] == (("heat-off", "Heat is off"), OPEN)
    handed: list[str | None] = []  # what Qt's activation finds in XDG_ACTIVATION_TOKEN
    monkeypatch.setattr(app.window, "activateWindow", lambda: handed.append(os.environ.get(TOKEN)))
    app.window.hide()
    notifier.actionInvoked.emit("default", "token-from-the-click")
    assert app.window.isVisible() and handed == ["token-from-the-click"]
    assert app.controller.alarm.pending is not None  # opening confirms nothing
    notifier.actionInvoked.emit("heat-off", "second-token")
    assert app.controller.alarm.pending is None
    assert handed[-1] == "second-token"
    assert TOKEN not in os.environ  # used once, and never handed to a child process
    notifier.actionInvoked.emit("default", "")  # a server without tokens: still opens
    assert handed[-1] is None


def test_on_x11_the_alarm_has_its_one_button_only(
    app: HeatTimerApp, clock: FakeClock, notifier: FakeNotifier
) -> None:
    app.controller.start(15)
    clock.jump(timedelta(minutes=15))
    app.controller.tick()  # (dunst's middle click runs the one action: Heat is off)
    assert notifier.shown[-1]["actions"] == (("heat-off", "Heat is off"),)


def test_restart_resumes_a_running_countdown(
    qtbot: QtBot, service: Service, clock: FakeClock, notifier: FakeNotifier, sound: FakeSound
) -> None:
    service.start(Kind.HEAT, 20)
    clock.jump(timedelta(minutes=5))
    app = make_app(service, clock, notifier, sound, tray_available=True)
    qtbot.addWidget(app.window)
    app.start()
    assert app.window.ring.big == "15:00"
    assert sound.played == 0


def test_restart_after_the_deadline_passed_asks_to_check_the_heat(
    qtbot: QtBot, service: Service, clock: FakeClock, notifier: FakeNotifier, sound: FakeSound
) -> None:
    service.start(Kind.HEAT, 15)
    clock.jump(timedelta(hours=3))  # the app was closed (or crashed) meanwhile
    app = make_app(service, clock, notifier, sound, tray_available=True)
    qtbot.addWidget(app.window)
    app.start()
    assert app.window.alarm_label.isVisible()
    assert "ended at 14:15" in app.window.alarm_label.text()
    assert "Make sure the heat is off" in str(notifier.shown[-1]["body"])


def answer_questions(
    monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton
) -> list[str]:
    """Answer every question the app asks with ``button``; the questions, as they come."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[2]), button)[1])
    return asked


@pytest.fixture
def trayless(
    qtbot: QtBot, service: Service, clock: FakeClock, notifier: FakeNotifier, sound: FakeSound
) -> HeatTimerApp:
    """The app on a desktop with no tray (plain GNOME)."""
    app = make_app(service, clock, notifier, sound, tray_available=False)
    qtbot.addWidget(app.window)
    app.start()
    return app


def test_without_a_tray_closing_quits_after_saying_so(
    trayless: HeatTimerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = trayless
    asked: list[str] = []
    quits: list[bool] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: (asked.append(a[2]), QMessageBox.StandardButton.Close)[1],
    )
    monkeypatch.setattr(app, "quit", lambda: quits.append(True))
    app.window.close()
    app.window.close()
    assert len(asked) == 1 and "no system tray" in asked[0]
    assert quits == [True, True]


def test_without_a_tray_closing_during_a_session_warns_each_time(
    trayless: HeatTimerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = trayless
    app.told_no_tray = True
    app.controller.start(15)
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    app.window.close()
    assert "no alarm will sound" in asked[0]
    assert app.window.isVisible()


@pytest.mark.parametrize("tray_at_start", [False, True])
def test_closing_follows_the_tray_as_it_is_now(
    service: Service,
    clock: FakeClock,
    notifier: FakeNotifier,
    sound: FakeSound,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tray_at_start: bool,
) -> None:
    # A panel that starts after the app at login takes the window on close; a panel that
    # crashed cannot, and hiding the window then would leave nothing to bring it back with.
    app = make_app(service, clock, notifier, sound, tray_available=tray_at_start)
    qtbot.addWidget(app.window)
    app.start()
    quits: list[bool] = []
    monkeypatch.setattr(app, "quit", lambda: quits.append(True))
    answer_questions(monkeypatch, QMessageBox.StandardButton.Close)
    app._tray_override = not tray_at_start  # the tray came, or went
    app.window.close()
    assert quits == ([True] if tray_at_start else [])  # (quit itself is stubbed here)
    assert app.window.isVisible() is tray_at_start
    assert app.has_tray is not tray_at_start


def test_closing_without_a_tray_while_the_alarm_waits_asks_first(
    trayless: HeatTimerApp, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The session has ended but the heat is not confirmed off: quitting would stop the
    # reminder, so the person is asked every time (Cancel is the default).
    app = trayless
    app.told_no_tray = True
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    app.controller.start(15)
    clock.jump(timedelta(minutes=15))
    app.controller.tick()
    assert app.controller.alarm.pending is not None
    app.window.close()
    assert "not confirmed off" in asked[0]
    assert app.window.isVisible()


def test_quit_from_the_tray_quits_without_asking_even_if_the_tray_flickers(
    app: HeatTimerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # QApplication.quit() closes each visible window first; a close of ours asks the app,
    # which with no tray would ask the person whether to quit, and Cancel would stay.
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    app._tray_override = False  # the panel restarts just as Quit is chosen
    app.tray.quitRequested.emit()
    assert asked == []
    assert not app.window.isVisible()


def test_changes_from_another_process_show_within_two_seconds(
    qtbot: QtBot, app: HeatTimerApp, service: Service, tmp_path: Path
) -> None:
    from heattimer.gui.desktop.watch import StoreWatcher

    watcher = StoreWatcher(service.store)
    watcher.changed.connect(app.controller.data_changed)
    other = Service(Store(service.store.data_dir), service.clock, BERLIN)  # like the CLI
    with qtbot.waitSignal(watcher.changed, timeout=2000):
        other.start(Kind.HEAT, 15)
    assert app.window.stop_button.isVisible()
    with qtbot.waitSignal(watcher.changed, timeout=2000):
        other.set_setting("daily-cap", "2")
    assert app.window.today.text() == "Today  ●○  1 used"


def test_a_failing_tick_never_stops_the_clock(
    app: HeatTimerApp, clock: FakeClock, sound: FakeSound, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.controller.start(15)
    clock.jump(timedelta(minutes=15))
    monkeypatch.setattr(sound, "play", lambda: (_ for _ in ()).throw(OSError("disk full")))
    app.controller.tick()
    assert app.controller.tick_interval() > 0  # the next tick is still coming
    assert "disk full" in app.window.problem_label.text()


def test_an_idle_probe_that_fails_never_silences_the_alarm(
    app: HeatTimerApp, clock: FakeClock, notifier: FakeNotifier, sound: FakeSound
) -> None:
    # The idle time is read before every tick; whatever goes wrong there, the session's
    # end must still ring.
    def broken() -> float | None:
        raise OSError(97, "Address family not supported by protocol")

    app.idle.idle_seconds = broken  # type: ignore[method-assign]
    app.controller.start(15)
    for _ in range(16):
        clock.jump(60)
        app.controller.tick()
    assert sound.played >= 1
    assert any(shown["urgent"] for shown in notifier.shown)
    assert app.window.alarm_label.isVisible()


def test_a_failure_recording_the_sessions_end_never_silences_the_alarm(
    app: HeatTimerApp,
    service: Service,
    clock: FakeClock,
    notifier: FakeNotifier,
    sound: FakeSound,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    app.controller.problem.connect(said.append)
    app.controller.start(15)

    def broken() -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(service, "close_overdue", broken)
    clock.jump(timedelta(minutes=15))
    app.controller.tick()  # the end is to be recorded first: that fails, the rest goes on
    assert sound.played == 1 and any(shown["urgent"] for shown in notifier.shown)
    assert app.window.alarm_label.isVisible() and "No space left on device" in said[0]


def test_a_helper_that_keeps_failing_says_so_once(
    app: HeatTimerApp, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    app.controller.problem.connect(said.append)

    def broken() -> float | None:
        raise OSError("no idle time")

    app.idle.idle_seconds = broken  # type: ignore[method-assign]
    for _ in range(5):
        clock.jump(1)
        app.controller.tick()
    assert said == ["Something went wrong: no idle time"]


def test_after_the_alarm_gives_up_the_hidden_app_sleeps_and_breaks_resume(
    app: HeatTimerApp, clock: FakeClock
) -> None:
    app.window.hide()
    app.controller.start(15)
    clock.jump(timedelta(minutes=15))
    for _ in range(11):
        app.controller.tick()
        clock.jump(60)
    app.window.hide()  # the alarm brought it forward; the person closes it again
    app.controller.tick()
    assert app.controller.alarm.pending is not None  # still to be confirmed...
    assert not app.controller.alarm.ringing  # ...but no longer ringing
    assert app.controller.tick_interval() >= 59_000
    app.breaks.offer_now()
    assert app.breaks.showing is not None


def test_starting_a_new_session_ends_the_old_alarm(
    app: HeatTimerApp, clock: FakeClock, service: Service, sound: FakeSound
) -> None:
    app.controller.start(15)
    clock.jump(timedelta(minutes=15))
    app.controller.tick()
    assert sound.played == 1
    app.controller.start(15, Kind.COLD)  # the belt is off and a cold pack on: dealt with
    clock.jump(60)
    app.controller.tick()
    assert app.controller.alarm.pending is None and sound.played == 1


def test_a_refused_action_stays_explained_on_screen(app: HeatTimerApp) -> None:
    app.controller.start(15)
    app.controller.start(20)  # refused: a session is running
    assert app.window.problem_label.isVisible()
    assert "running until" in app.window.problem_label.text()
    app.controller.tick()
    assert app.window.problem_label.isVisible()
    app.controller.stop()
    assert not app.window.problem_label.isVisible()


def test_logging_an_injury_mid_session_says_to_turn_the_heat_off(app: HeatTimerApp) -> None:
    app.controller.start(15)
    app.controller.log_injury(None, Area.LOWER_BACK, [], "")
    assert "turn the heat off now" in app.window.problem_label.text()


def test_the_window_and_the_tray_offer_the_same_starts_in_the_same_words(
    app: HeatTimerApp, clock: FakeClock
) -> None:
    def tray_starts() -> list[str]:
        items = [a.text() for a in app.tray.menu.actions() if a.text().startswith("Start")]
        return items + [a.text() for a in app.tray.more_menu.actions() if a.text()]

    window = [app.window.start15.text(), app.window.start20.text()] + [
        a.text() for a in app.window.length_actions
    ]
    assert sorted(tray_starts()) == sorted(dict.fromkeys(window))
    assert "Warm-up before a workout, 20 min" in tray_starts()
    app.controller.start(20)
    clock.jump(timedelta(minutes=20))
    app.controller.confirm_heat_off()
    # Not now: each says why, in both places.
    assert app.tray.start15.text() == "Start 15 min — cool-down until 15:20"
    assert app.window.length_actions[0].text() == "Start 15 min — cool-down until 15:20"


def test_the_window_never_waits_for_the_days_backup_at_launch_or_the_next_morning(
    qtbot: QtBot,
    tmp_path: Path,
    clock: FakeClock,
    notifier: FakeNotifier,
    sound: FakeSound,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = Store(tmp_path / "data", clock=clock, back_up_aside=True)  # as run_app opens it
    service = Service(store, clock, BERLIN)
    held = HeldCopy(monkeypatch, store.data_dir)  # held until let go: a waiter would hang
    app = make_app(service, clock, notifier, sound)
    app.controller.tick()  # the first look: the day's backup begins, before any write
    assert held.entered.wait(timeout=20)  # a bound on a failure, not a wait for the rule
    app.start()  # the day's first write: the sitting clock starts
    app.controller.start(15)  # and a session, while the day's copy is still being made
    assert app.controller.status is not None and app.controller.status.session is not None
    assert held.entered.wait(timeout=20) and held.threads == ["daily backup"]
    held.go.set()
    settled(store)
    assert todays(store.data_dir, clock)
    clock.jump(timedelta(minutes=15))
    app.controller.confirm_heat_off()
    held.go.clear()
    held.entered.clear()
    clock.jump(timedelta(hours=18))  # the next morning
    app.controller.tick()  # its first tick begins the day's backup
    assert held.entered.wait(timeout=20)
    app.controller.start(15)
    assert app.controller.status is not None and app.controller.status.session is not None
    assert held.entered.wait(timeout=20) and held.threads == ["daily backup"] * 2
    held.go.set()
    settled(store)
    assert todays(store.data_dir, clock)
    store.close()
