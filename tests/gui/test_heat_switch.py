"""The app with a heat switch (gui/controller.py), against a simulated Shelly: Start
switches the plug on, off the GUI's thread; at the deadline the plug's own timer has cut
the power, the app makes sure and the alarm ends once the plug says off; faults are said
and nothing starts; a slow plug never holds the window up."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from heattimer.core.model import Area
from heattimer.platform.clock import FakeClock
from heattimer.platform.plugs.shelly import Shelly
from heattimer.service import Service
from tests.gui.conftest import make_app
from tests.plugs.clock import SimClock
from tests.plugs.shelly import ShellyPlugS

pytestmark = pytest.mark.usefixtures("qtbot")


def settled(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wait until no request to the plug is under way (the app reads it when it starts)."""
    controller = app.controller
    qtbot.waitUntil(
        lambda: not controller.plug_busy and not controller._plug_reading_now, timeout=10000
    )


def started(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the session is stored: the plug said on (its answer comes on a thread)."""
    qtbot.waitUntil(lambda: app.controller.status.session is not None, timeout=10000)
    assert not app.controller.plug_busy


@pytest.fixture
def plug_clock() -> SimClock:
    """The plug's own clock (its timers), moved by the test apart from the app's."""
    return SimClock()


@pytest.fixture
def device(plug_clock: SimClock) -> Iterator[ShellyPlugS]:
    with ShellyPlugS(plug_clock, load_watts=45.0) as plug:
        yield plug


@pytest.fixture
def app(service: Service, device: ShellyPlugS, notifier, sound):  # type: ignore[no-untyped-def]
    service.switch = Shelly(device.url)
    assert isinstance(service.clock, FakeClock)
    made = make_app(service, service.clock, notifier, sound)
    made.start()
    yield made
    made.quit()


def test_start_switches_the_plug_on_with_its_own_timer(app, device, qtbot) -> None:  # type: ignore[no-untyped-def]
    app.controller.start(15)
    qtbot.waitUntil(lambda: app.controller.status.session is not None, timeout=10000)
    assert device.output and device.switch_status()["timer_duration"] == 900
    assert not app.controller.plug_busy


def test_at_the_deadline_the_alarm_ends_once_the_plug_says_off(  # type: ignore[no-untyped-def]
    app, device, plug_clock: SimClock, qtbot, service
) -> None:
    app.controller.start(15)
    started(app, qtbot)
    plug_clock.advance(900)  # the plug's own timer
    assert not device.output
    app.clock.jump(timedelta(minutes=15))
    app.controller.tick()
    assert [s.ended_at is not None for s in service.history(1)] == [True]
    qtbot.waitUntil(lambda: app.controller.alarm.pending is None, timeout=10000)
    assert app.controller.status.unconfirmed is None  # confirmed: the plug said off


def test_a_plug_left_on_past_the_deadline_is_switched_off_then_confirmed(  # type: ignore[no-untyped-def]
    app, device, qtbot
) -> None:
    app.controller.start(15)
    started(app, qtbot)
    app.clock.jump(timedelta(minutes=15))  # (the device's clock did not move: still on)
    app.controller.tick()
    qtbot.waitUntil(lambda: app.controller.alarm.pending is None, timeout=10000)
    assert not device.output and device.history[-1][2] != "timer"


def test_an_unreachable_plug_keeps_the_alarm_ringing_and_says_why(  # type: ignore[no-untyped-def]
    app, device, qtbot
) -> None:
    app.controller.start(15)
    started(app, qtbot)
    device.unreachable = True
    problems: list[str] = []
    app.controller.problem.connect(problems.append)
    app.clock.jump(timedelta(minutes=15))
    app.controller.tick()
    qtbot.waitUntil(lambda: bool(problems), timeout=10000)
    assert "cannot be reached" in problems[-1]
    assert app.controller.alarm.pending is not None  # rings on: nobody saw the heat off
    device.unreachable = False
    app.controller.confirm_heat_off()
    qtbot.waitUntil(lambda: app.controller.alarm.pending is None, timeout=10000)


def test_a_wrong_password_starts_nothing(app, device, service, qtbot) -> None:  # type: ignore[no-untyped-def]
    device_with_password = ShellyPlugS(SimClock(), password="the real one")
    with device_with_password as locked:
        service.switch = Shelly(locked.url, "wrong")
        problems: list[str] = []
        app.controller.problem.connect(problems.append)
        app.controller.start(15)
        qtbot.waitUntil(lambda: bool(problems), timeout=10000)
        assert "refused the password" in problems[-1]
        assert app.controller.status.session is None and not locked.output


def test_the_rules_keep_the_plug_off_in_the_app_too(app, device, service, qtbot) -> None:  # type: ignore[no-untyped-def]
    service.log_injury(None, Area.NECK, (), "")
    app.controller.start(15)
    assert not app.controller.plug_busy  # refused before any request
    assert device.history == []


def test_a_slow_plug_never_holds_the_window_up(app, device, qtbot) -> None:  # type: ignore[no-untyped-def]
    device.delay_seconds = 1.5
    began = time.monotonic()
    app.controller.start(15)
    assert time.monotonic() - began < 0.5  # back at once: the request runs on its own thread
    assert app.controller.plug_busy
    ticked: list[bool] = []
    app.controller.changed.connect(lambda _s: ticked.append(True))
    app.controller.tick()  # the window goes on ticking meanwhile
    assert ticked
    qtbot.waitUntil(lambda: app.controller.status.session is not None, timeout=6000)
    assert isinstance(app.clock, FakeClock)


def test_the_window_shows_what_the_plug_says(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    app.controller.start(15)
    started(app, qtbot)
    assert app.window.plug_line.text() == "Plug: on, 45 W; off by its own timer at 14:15"


def test_a_belt_switched_on_by_its_button_is_asked_about_and_counted(  # type: ignore[no-untyped-def]
    app, device, notifier, qtbot
) -> None:
    settled(app, qtbot)
    device.press_button()  # someone pressed the plug's button: heat, with no session
    device.delay_seconds = 0.3  # (a plug that takes its time)
    app.controller.check_plug()
    qtbot.waitUntil(lambda: any(n["tag"] == "plug" for n in notifier.shown), timeout=10000)
    asked = next(n for n in notifier.shown if n["tag"] == "plug")
    assert [key for key, _ in asked["actions"]] == ["plug-count", "plug-off"]
    assert app.controller.plug_busy  # (its own timer still being set when "Count it" comes)
    app._notification_action("plug-count", "")  # "Count it"
    started(app, qtbot)
    assert device.switch_status()["timer_duration"] == 15 * 60  # now with its own timer


def test_a_belt_switched_on_by_its_button_gets_no_more_time_than_the_rules_would_give(  # type: ignore[no-untyped-def]
    app, device, service, notifier, qtbot
) -> None:
    service.set_setting("heat-minutes", "20")
    app.controller.start()
    started(app, qtbot)
    service.clock.jump(timedelta(seconds=30))
    app.controller.stop()  # an accidental start: its 30 s count against the stretch's 20 min
    settled(app, qtbot)
    allowance = app.controller.status.heat.allowance
    assert allowance == timedelta(minutes=19, seconds=30)
    device.press_button()
    app.controller.check_plug()
    qtbot.waitUntil(lambda: any(n["tag"] == "plug" for n in notifier.shown), timeout=10000)
    settled(app, qtbot)
    assert device.output and device.switch_status()["timer_duration"] == 19 * 60 + 30


def test_a_belt_switched_on_while_heat_is_blocked_is_switched_off(  # type: ignore[no-untyped-def]
    app, device, service, qtbot
) -> None:
    service.log_injury(None, Area.LOWER_BACK, (), "")
    app.controller.tick()
    problems: list[str] = []
    app.controller.problem.connect(problems.append)
    settled(app, qtbot)
    device.press_button()
    app.controller.check_plug()
    qtbot.waitUntil(lambda: not device.output, timeout=10000)
    assert "Heat Timer switched the plug off" in problems[-1]


def test_a_session_whose_belt_draws_nothing_is_said_once(  # type: ignore[no-untyped-def]
    app, device, qtbot
) -> None:
    device.load_watts = 0.0  # the belt unplugged from the plug, or its own switch off
    app.controller.start(15)
    started(app, qtbot)
    problems: list[str] = []
    app.controller.problem.connect(problems.append)
    app.clock.jump(timedelta(minutes=1))
    app.controller.tick()
    for _ in range(2):
        settled(app, qtbot)
        app.controller.check_plug()
        settled(app, qtbot)
    assert problems == [
        "The belt draws no power: is it plugged into the plug, and its own switch on?"
    ]


def test_the_settings_page_stores_the_plug_and_its_test_clicks_it_on_and_off(  # type: ignore[no-untyped-def]
    app, plug_clock: SimClock, qtbot, service
) -> None:
    import stat

    from heattimer.gui.dialogs.heat_switch import HeatSwitchDialog
    from heattimer.platform.plugs.config import load

    service.switch = None
    with ShellyPlugS(plug_clock, password="pw", load_watts=44.0) as other:
        page = HeatSwitchDialog(app.controller, wait=plug_clock.advance)
        page.kind.setCurrentIndex(1)  # Shelly
        page.address.setText(other.url)
        page.address.editingFinished.emit()
        page.password.setText("pw")
        page.password.editingFinished.emit()
        config = load(service.store.data_dir)
        assert (config.kind.value, config.address, config.password) == ("shelly", other.url, "pw")
        assert stat.S_IMODE((service.store.data_dir / "heat-switch.json").stat().st_mode) == 0o600
        assert service.switch is not None and service.switch.address == other.url
        page.test_button.click()
        qtbot.waitUntil(lambda: page.outcome.text() != "Testing…", timeout=10000)
        assert page.outcome.text() == (
            "The plug switched on, and off again by its own timer after 3 s. It measured 44 W."
        )
        assert [on for _, on, _ in other.history] == [True, False]
        page.password.setText("wrong")
        page.password.editingFinished.emit()
        page.test_button.click()
        qtbot.waitUntil(lambda: "refused the password" in page.outcome.text(), timeout=10000)
        page.kind.setCurrentIndex(0)  # none
        assert service.switch is None and not page.address.isEnabled()
        page.close()


def test_the_settings_page_will_not_test_while_heat_is_blocked(  # type: ignore[no-untyped-def]
    app, device, service, qtbot
) -> None:
    from heattimer.gui.dialogs.heat_switch import HeatSwitchDialog

    service.log_injury(None, Area.LOWER_BACK, (), "")
    page = HeatSwitchDialog(app.controller)
    page.kind.setCurrentIndex(1)
    page.address.setText(device.url)
    page.address.editingFinished.emit()
    page.test_button.click()
    assert page.outcome.text().startswith("Heat is blocked for 48 h after an injury")
    assert device.history == []
    page.close()


def test_a_stop_pressed_while_the_plug_is_still_switching_on_wins(  # type: ignore[no-untyped-def]
    app, device, qtbot
) -> None:
    device.delay_seconds = 0.5  # the plug takes its time to answer the on
    app.controller.start(15)
    app.controller.stop()  # before it answered
    settled(app, qtbot)
    assert app.controller.status.session is None and not device.output
    assert [on for _, on, _ in device.history] == [True, False]  # on, then the Stop's off


def test_a_test_waits_while_an_action_is_under_way(app, device, qtbot) -> None:  # type: ignore[no-untyped-def]
    device.delay_seconds = 0.5
    app.controller.start(15)
    said: list[str] = []
    app.controller.try_plug(said.append, lambda _s: None)
    assert said == ["The plug is busy: try again in a moment."]
    started(app, qtbot)
    assert device.switch_status()["timer_duration"] == 900  # the session's timer, not 3 s


def test_a_plug_5_s_slow_is_a_fault_said_while_the_window_goes_on(  # type: ignore[no-untyped-def]
    app, device, qtbot
) -> None:
    device.delay_seconds = 5.0  # slower than a request may take (4 s)
    problems: list[str] = []
    app.controller.problem.connect(problems.append)
    began = time.monotonic()
    app.controller.start(15)
    assert time.monotonic() - began < 0.5  # the window is not held up
    ticks: list[bool] = []
    app.controller.changed.connect(lambda _s: ticks.append(True))
    qtbot.waitUntil(lambda: bool(problems), timeout=15000)
    assert "did not answer within 4 seconds" in problems[-1]
    app.controller.tick()
    assert ticks and app.controller.status.session is None  # nothing started
