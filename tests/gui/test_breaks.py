"""Posture breaks and the recovery coach, driven as a person would, with a clock the test moves."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from heattimer.core.breaks import Pause
from heattimer.core.exercises import for_phase
from heattimer.core.model import Area, RedFlag
from heattimer.core.recovery import Phase
from heattimer.gui.app import HeatTimerApp
from heattimer.gui.break_popup import BreakPopup
from heattimer.platform.catalogue import catalogue
from heattimer.platform.clock import FakeClock
from heattimer.platform.idle import FakeIdle
from heattimer.service import Service
from tests.gui.conftest import FakeNotifier, FakeSound, make_app


class Screen:
    """Whether a full-screen window is up, as the test says."""

    def __init__(self) -> None:
        self.fullscreen = False

    def __call__(self) -> bool:
        return self.fullscreen


@pytest.fixture
def idle() -> FakeIdle:
    monitor = FakeIdle()
    monitor.seconds = 0.0
    return monitor


@pytest.fixture
def screen() -> Screen:
    return Screen()


@pytest.fixture
def app(
    qtbot: QtBot,
    service: Service,
    clock: FakeClock,
    notifier: FakeNotifier,
    sound: FakeSound,
    idle: FakeIdle,
    screen: Screen,
) -> Iterator[HeatTimerApp]:
    service.set_setting("break-interval-minutes", "20")
    heat_timer = HeatTimerApp(
        service,
        clock,
        notifier,
        sound,
        tray_available=True,  # type: ignore[arg-type]
        idle=idle,
        fullscreen=screen,
    )
    qtbot.addWidget(heat_timer.window)
    with qtbot.waitSignal(heat_timer.controller.idleTick, timeout=5000):
        heat_timer.start()  # and its first chores, which wait for the window to be up
    yield heat_timer
    if isinstance(heat_timer.popup, BreakPopup):
        heat_timer.popup.close()
    heat_timer.tray.icon.hide()


def popups() -> list[BreakPopup]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, BreakPopup) and w.isVisible()
    ]


def outcomes(service: Service) -> list[tuple[str, str]]:
    now = service.clock.now()
    records = service.store.read(
        lambda t: t.breaks_between(now - timedelta(days=1), now + timedelta(seconds=1))
    )
    return [(r.outcome.value, r.exercise) for r in records]


def sit(app: HeatTimerApp, clock: FakeClock, minutes: float, step: float = 1.0) -> None:
    """Sit at the desk for ``minutes``, the app ticking every ``step`` minutes as it does."""
    for _ in range(round(minutes / step)):
        clock.jump(timedelta(minutes=step))
        app.controller.tick()


def test_a_break_pops_up_after_the_interval_without_taking_the_keyboard(
    app: HeatTimerApp, clock: FakeClock
) -> None:
    sit(app, clock, 19)
    assert popups() == []
    sit(app, clock, 1)
    (popup,) = popups()
    assert popup.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert not popup.isActiveWindow()
    assert 2 <= len(popup.exercise.steps) <= 4
    texts = " ".join(label.text() for label in popup.findChildren(type(popup.length)))
    assert popup.exercise.name in texts
    assert popup.steps.text().startswith(f"1. {popup.exercise.steps[0]}")


def test_never_two_popups(app: HeatTimerApp, clock: FakeClock) -> None:
    sit(app, clock, 20)
    app.breaks.offer_now()
    sit(app, clock, 1)
    assert len(popups()) == 1


def test_ignored_popup_closes_after_two_minutes_as_missed(
    app: HeatTimerApp, clock: FakeClock, service: Service
) -> None:
    sit(app, clock, 20)
    (popup,) = popups()
    clock.jump(timedelta(minutes=1, seconds=59))
    popup.tick()
    assert popups() == [popup]
    clock.jump(1)
    popup.tick()
    assert popups() == []
    assert outcomes(service) == [("missed", popup.exercise.id)]


def leave_popup(app: HeatTimerApp, clock: FakeClock, idle: FakeIdle, idle_then: float) -> str:
    """A break comes up and nobody answers it; two minutes on, the last input was
    ``idle_then`` seconds ago. The exercise it showed."""
    sit(app, clock, 20)
    (popup,) = popups()
    clock.jump(timedelta(minutes=2))
    idle.seconds = idle_then
    popup.tick()
    assert popups() == []
    return popup.exercise.id


def test_a_popup_nobody_could_see_is_not_missed_but_comes_again_a_snooze_later(
    app: HeatTimerApp, clock: FakeClock, service: Service, idle: FakeIdle
) -> None:
    leave_popup(app, clock, idle, 150.0)  # a full-screen video, or away: no key, no mouse
    assert outcomes(service) == []  # not "missed": nobody saw it
    idle.seconds = 0.0  # back at the keyboard
    sit(app, clock, 9)
    assert popups() == []
    sit(app, clock, 1)
    assert len(popups()) == 1


def test_a_popup_ignored_by_someone_typing_is_missed(
    app: HeatTimerApp, clock: FakeClock, service: Service, idle: FakeIdle
) -> None:
    exercise = leave_popup(app, clock, idle, 30.0)  # a key a little while ago: it was seen
    assert outcomes(service) == [("missed", exercise)]


def test_no_key_answers_a_break_until_clicked_into_then_enter_starts_the_countdown(
    app: HeatTimerApp, clock: FakeClock, service: Service, qtbot: QtBot
) -> None:
    sit(app, clock, 20)
    (popup,) = popups()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Escape, Qt.Key.Key_S):
        qtbot.keyClick(popup.focusWidget() or popup, key)  # typed before clicking into it
    assert popup.countdown_until is None and outcomes(service) == [] and popup.isVisible()
    assert not any(b.hasFocus() for b in (popup.done, popup.snooze, popup.skip))
    qtbot.mouseClick(popup, Qt.MouseButton.LeftButton)  # into it (not on a button)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert popup.countdown_until == clock.now() + timedelta(seconds=popup.exercise.seconds)
    clock.jump(popup.exercise.seconds - 1)
    popup.tick()
    assert popups() == [popup] and "left" in popup.length.text()
    clock.jump(1)
    popup.tick()
    assert outcomes(service) == [("done", popup.exercise.id)]
    assert app.controller.status is not None
    assert app.controller.status.next_break == clock.now() + timedelta(minutes=20)


def test_escape_snoozes_for_ten_minutes(
    app: HeatTimerApp, clock: FakeClock, service: Service, qtbot: QtBot
) -> None:
    sit(app, clock, 20)
    (popup,) = popups()
    qtbot.mouseClick(popup, Qt.MouseButton.LeftButton)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert outcomes(service) == [("snoozed", popup.exercise.id)]
    sit(app, clock, 9)
    assert popups() == []
    sit(app, clock, 1)
    (again,) = popups()
    assert again.exercise.id == popup.exercise.id  # the snoozed one comes back


def test_skip_restarts_the_sitting_clock_and_the_next_exercise_differs(
    app: HeatTimerApp, clock: FakeClock, service: Service
) -> None:
    sit(app, clock, 20)
    (first,) = popups()
    first.skip.click()
    sit(app, clock, 20)
    (second,) = popups()
    assert second.exercise.id != first.exercise.id
    assert [o for o, _ in outcomes(service)] == ["skipped"]


def test_exercises_follow_the_recovery_phase(app: HeatTimerApp, clock: FakeClock) -> None:
    app.controller.log_injury(None, Area.LOWER_BACK, [], "")
    sit(app, clock, 20)
    (popup,) = popups()
    acute = {e.id for e in for_phase(catalogue(), Phase.ACUTE)}
    assert popup.exercise.id in acute


def test_no_break_during_the_end_alarm(
    app: HeatTimerApp, clock: FakeClock, service: Service
) -> None:
    app.controller.start(20)
    sit(app, clock, 21)
    assert app.controller.alarm.pending is not None
    assert popups() == []
    app.controller.confirm_heat_off()
    app.controller.tick()
    assert len(popups()) == 1


def test_time_away_restarts_sitting_and_no_popup_waits(
    app: HeatTimerApp, clock: FakeClock, idle: FakeIdle
) -> None:
    sit(app, clock, 10)
    idle.seconds = 0.0
    for _ in range(15):  # away from the desk for 15 minutes
        clock.jump(60)
        idle.seconds += 60
        app.controller.tick()
    assert popups() == []
    idle.seconds = 2.0  # back
    clock.jump(2)
    app.controller.tick()
    assert popups() == []
    assert app.controller.status is not None
    assert app.controller.status.next_break == clock.now() - timedelta(seconds=2) + timedelta(
        minutes=20
    )


def test_a_short_pause_at_the_desk_does_not_restart_sitting(
    app: HeatTimerApp, clock: FakeClock, idle: FakeIdle
) -> None:
    sit(app, clock, 10)
    idle.seconds = 240  # reading, hands off the keyboard for 4 minutes: under the 5
    app.controller.tick()
    idle.seconds = 1
    sit(app, clock, 10)
    assert len(popups()) == 1


def test_suspend_counts_as_away(app: HeatTimerApp, clock: FakeClock) -> None:
    sit(app, clock, 15)
    clock.jump(timedelta(hours=1))  # the laptop slept
    app.controller.tick()
    assert popups() == []
    sit(app, clock, 19)
    assert popups() == []
    sit(app, clock, 1)
    assert len(popups()) == 1


def test_full_screen_postpones_the_break_without_losing_it(
    app: HeatTimerApp, clock: FakeClock, screen: Screen
) -> None:
    screen.fullscreen = True
    sit(app, clock, 30)
    assert popups() == []
    screen.fullscreen = False
    sit(app, clock, 1)
    assert len(popups()) == 1


def test_pause_holds_breaks_until_it_ends(app: HeatTimerApp, clock: FakeClock) -> None:
    sit(app, clock, 15)
    app.pause_breaks(Pause.HALF_HOUR)
    sit(app, clock, 29)
    assert popups() == []
    assert "paused until" in app.coach.breaks.text()
    sit(app, clock, 1)
    assert len(popups()) == 1


def test_pause_until_tomorrow_resumes_after_local_midnight(
    app: HeatTimerApp, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 11, 24, 22, 30, tzinfo=UTC))  # 23:30 in Berlin, after a sleep
    app.controller.tick()
    app.pause_breaks(Pause.TOMORROW)
    sit(app, clock, 29)  # 23:59: a break has been due for nine minutes, but it is paused
    assert popups() == []
    sit(app, clock, 1)  # midnight
    assert len(popups()) == 1


def test_break_now_from_the_command_line(app: HeatTimerApp, qtbot: QtBot, service: Service) -> None:
    from heattimer.gui.desktop.watch import StoreWatcher
    from heattimer.store import Store

    watcher = StoreWatcher(service.store)
    watcher.changed.connect(app.controller.data_changed)
    other = Service(Store(service.store.data_dir), service.clock, service.zone)
    with qtbot.waitSignal(watcher.changed, timeout=2000):
        other.request("break")
    assert len(popups()) == 1


def test_coach_panel_shows_phase_advice_and_next_phase(app: HeatTimerApp, clock: FakeClock) -> None:
    assert app.coach.title.text() == "Recovery: No injury logged"
    app.controller.log_injury(clock.now() - timedelta(hours=50), Area.SHOULDER, [], "")
    assert app.coach.title.text() == "Recovery: Subacute phase (days 3 to 7) · day 3"
    assert "child's pose" in app.coach.advice.text()
    assert "Cat-camel" in app.coach.exercises.text()
    assert app.coach.next_phase.text().startswith("Next: rebuilding from")


def test_coach_tells_when_heat_unlocks_and_the_phase_changes(
    app: HeatTimerApp, clock: FakeClock, notifier: FakeNotifier
) -> None:
    app.controller.log_injury(None, Area.LOWER_BACK, [], "")
    clock.jump(timedelta(hours=48, minutes=1))
    app.controller.tick()
    app.coach_news.check()
    titles = [str(n["title"]) for n in notifier.shown]
    assert "Heat is unlocked" in titles
    assert all(n["urgent"] is False for n in notifier.shown if n["title"] == "Heat is unlocked")
    clock.jump(timedelta(days=12))
    app.coach_news.check()
    titles = [str(n["title"]) for n in notifier.shown]
    assert "Two weeks since your injury" in titles
    assert titles.count("Heat is unlocked") == 1


def test_red_flag_injury_is_told_heat_stays_on_hold(
    app: HeatTimerApp, clock: FakeClock, notifier: FakeNotifier
) -> None:
    app.controller.log_injury(None, Area.NECK, [RedFlag.NUMBNESS], "")
    clock.jump(timedelta(hours=49))
    app.coach_news.check()
    titles = [str(n["title"]) for n in notifier.shown]
    assert "Heat is unlocked" not in titles
    assert "48 hours since your injury: heat stays on hold" in titles


def test_warm_up_from_the_length_menu(app: HeatTimerApp) -> None:
    (warmup,) = [
        a for a in app.window.length_actions if a.text() == "Warm-up before a workout, 15 min"
    ]
    warmup.trigger()
    status = app.controller.status
    assert status is not None and status.session is not None and status.session.warmup
    assert app.window.headline.text().startswith("Warm-up heat on")


def test_settings_are_stored_as_they_change_and_bad_values_refused(
    app: HeatTimerApp, service: Service, qtbot: QtBot
) -> None:
    from heattimer.gui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(service, "none")
    qtbot.addWidget(dialog)
    assert "all time counts as sitting" in dialog.idle_note.text()
    dialog.numbers["break-interval-minutes"].setValue(45)
    assert service.settings().break_interval_minutes == 45  # at once: no Save to press
    box = dialog.numbers["daily-cap"]
    assert (box.minimum(), box.maximum()) == (1, 3)  # the rules' range: nothing else typed
    dialog.switches["sounds"].setChecked(False)
    dialog.switches["break-notice"].setChecked(True)
    assert service.settings().sounds is False and service.settings().break_notice is True
    dialog.work_hours.setText("Mon-Fri 18:00-09:00")
    dialog.work_hours.editingFinished.emit()
    said = dialog.error.text()  # the field as the dialog names it, not the setting's key
    assert said.startswith("Breaks only in work hours: ") and "end after they start" in said
    assert "work-hours" not in said
    assert service.settings().work_hours is None  # not stored
    dialog.work_hours.setText("Mon-Fri 09:00-18:00")
    dialog.work_hours.editingFinished.emit()
    assert not dialog.error.isVisible()
    assert str(service.settings().work_hours) == "Mon-Fri 09:00-18:00"
    assert (
        SettingsDialog(service, "X11 screen saver extension")
        .idle_note.text()
        .endswith("X11 screen saver extension.")
    )


@pytest.fixture
def noting_app(
    qtbot: QtBot,
    service: Service,
    clock: FakeClock,
    notifier: FakeNotifier,
    sound: FakeSound,
    idle: FakeIdle,
) -> Iterator[HeatTimerApp]:
    """The app as on Wayland, where a new window takes the keyboard: breaks are notifications."""
    heat_timer = make_app(service, clock, notifier, sound, breaks_as_notifications=True, idle=idle)
    qtbot.addWidget(heat_timer.window)
    heat_timer.start()
    yield heat_timer
    heat_timer.tray.icon.hide()


def test_on_wayland_a_break_is_a_notification_with_its_picture_and_answers(
    noting_app: HeatTimerApp, notifier: FakeNotifier, service: Service
) -> None:
    noting_app.breaks.offer_now()
    assert popups() == []  # no window to take the keyboard
    note = notifier.shown[-1]
    assert note["tag"] == "break" and str(note["title"]).startswith("Time for a posture break: ")
    assert note["actions"] == (
        ("break-done", "Done"),
        ("break-snoozed", "Snooze 10 min"),
        ("break-skipped", "Skip"),
    )
    assert notifier.images[-1].startswith("file://") and notifier.images[-1].endswith(".png")
    notifier.actionInvoked.emit("break-snoozed", "")
    assert [o for o, _ in outcomes(service)] == ["snoozed"]
    assert notifier.closed == ["break"]  # answered: off the screen
    notifier.actionInvoked.emit("break-skipped", "")  # (it was answered: nothing more)
    assert [o for o, _ in outcomes(service)] == ["snoozed"]


def test_done_in_the_notification_opens_the_exercise_countdown(
    noting_app: HeatTimerApp, notifier: FakeNotifier, service: Service, clock: FakeClock
) -> None:
    noting_app.breaks.offer_now()
    notifier.actionInvoked.emit("break-done", "")
    (popup,) = popups()
    assert popup.countdown_until is not None  # the person asked for it: counting down
    clock.jump(popup.exercise.seconds)
    popup.tick()
    assert [o for o, _ in outcomes(service)] == ["done"]


def test_a_break_notification_left_unanswered_is_missed_after_two_minutes(
    noting_app: HeatTimerApp, notifier: FakeNotifier, service: Service, clock: FakeClock
) -> None:
    noting_app.breaks.offer_now()
    shown_at = clock.now()
    clock.jump(timedelta(minutes=1))
    noting_app._break_unanswered(shown_at)  # what the timer calls: too early, by the clock
    assert outcomes(service) == [] and notifier.closed == []
    clock.jump(timedelta(minutes=1))
    noting_app._break_unanswered(shown_at)
    assert [o for o, _ in outcomes(service)] == ["missed"] and notifier.closed == ["break"]


def test_a_break_notification_nobody_could_see_is_postponed(
    noting_app: HeatTimerApp,
    notifier: FakeNotifier,
    service: Service,
    clock: FakeClock,
    idle: FakeIdle,
) -> None:
    noting_app.breaks.offer_now()
    shown_at = clock.now()
    clock.jump(timedelta(minutes=2))
    idle.seconds = 125.0
    noting_app._break_unanswered(shown_at)
    assert outcomes(service) == [] and notifier.closed == ["break"]
    state = service.break_state()
    assert state is not None and state.snoozed_until == clock.now() + timedelta(minutes=10)
