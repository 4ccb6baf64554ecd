"""The end alarm as a state machine, without Qt: feed it statuses, read what it does."""

from __future__ import annotations

from datetime import datetime, timedelta

from heattimer.core.alarm import (
    COLD_DONE_TITLE,
    RING_TITLE,
    AlarmState,
    Effect,
    EffectKind,
    ended_line,
    next_ring,
    step,
)
from heattimer.core.model import Session
from heattimer.core.moment import Moment
from heattimer.core.settings import Settings
from heattimer.core.status import build_status

from .build import BERLIN, NOW, cold, heat, minutes, running


def look(sessions: list[Session], now: datetime):  # type: ignore[no-untyped-def]
    return build_status(Moment(now), BERLIN, sessions, [], Settings(), None)


def kinds(effects: list[Effect]) -> list[EffectKind]:
    return [effect.kind for effect in effects]


def play(state: AlarmState, sessions: list[Session], at: datetime):  # type: ignore[no-untyped-def]
    return step(state, look(sessions, at), BERLIN)


START = NOW - minutes(15)  # a 15-minute heat session that reaches its end at NOW


def test_at_the_deadline_it_shows_and_rings_with_the_heat_off_button() -> None:
    session = running(heat(START))
    state, effects = play(AlarmState(), [session], NOW - minutes(1))
    assert effects == [] and not state.ringing
    state, effects = play(state, [session], NOW)
    # The file does not say it ended yet: it is recorded, then shown and rung.
    assert kinds(effects) == [EffectKind.RECORD_END, EffectKind.SHOW, EffectKind.RING]
    assert effects[0].session == session and effects[2].title == RING_TITLE
    assert "15-minute heat session ended at 15:00" in effects[2].body
    assert state.ringing and next_ring(state) == NOW + minutes(1)
    recorded = session._replace(ended_at=session.ends_at)  # the file says so now: no more
    _state, effects = play(state, [recorded], NOW + minutes(1))
    assert kinds(effects) == [EffectKind.RING]


def test_the_window_says_when_the_session_ended_and_names_the_day_once_it_is_not_today() -> None:
    session = heat(START)
    assert ended_line(session, NOW + minutes(3), BERLIN) == "The session ended at 15:00."
    later = ended_line(session, NOW + timedelta(days=1), BERLIN)
    assert later == "The session ended at yesterday 15:00."


def test_it_rings_every_minute_for_ten_minutes_then_waits_silently() -> None:
    session = heat(START)  # closed at its deadline, heat not confirmed off
    state, effects = play(AlarmState(), [session], NOW)
    rings = 1
    for second in range(1, 15 * 60):
        state, effects = play(state, [session], NOW + timedelta(seconds=second))
        rings += kinds(effects).count(EffectKind.RING)
    assert rings == 11  # at 0, 1, ..., 10 minutes
    assert not state.ringing and state.pending is not None  # still waiting to be confirmed


def test_confirming_the_heat_off_ends_it_and_nothing_else_does() -> None:
    session = heat(START)
    state, _ = play(AlarmState(), [session], NOW)
    state, effects = play(state, [session], NOW + minutes(30))
    assert EffectKind.END not in kinds(effects)  # a closed notification is no confirmation
    confirmed = session._replace(confirmed_off_at=NOW + minutes(31))
    state, effects = play(state, [confirmed], NOW + minutes(31))
    assert kinds(effects) == [EffectKind.END] and state.pending is None


def test_starting_another_session_ends_the_alarm() -> None:
    session = heat(START)
    state, _ = play(AlarmState(), [session], NOW)
    cold_pack = running(cold(NOW + minutes(1)))
    state, effects = play(state, [session, cold_pack], NOW + minutes(1))
    assert kinds(effects) == [EffectKind.END]
    assert not state.ringing


def test_an_app_started_long_after_the_end_rings_once_to_say_check_the_heat() -> None:
    session = heat(START)
    fresh = AlarmState()  # the app was closed when the session ended
    state, effects = play(fresh, [session], NOW + minutes(45))
    assert kinds(effects) == [EffectKind.SHOW, EffectKind.RING]
    assert "Make sure the heat is off" in effects[1].body
    state, effects = play(state, [session], NOW + minutes(46))
    assert effects == []  # once, not every minute


def test_an_app_restarted_mid_alarm_rings_at_once_and_then_every_minute() -> None:
    session = heat(START)
    state, effects = play(AlarmState(), [session], NOW + minutes(4))
    assert EffectKind.RING in kinds(effects)
    state, effects = play(state, [session], NOW + minutes(5))
    assert EffectKind.RING in kinds(effects)


def test_a_cold_session_that_runs_out_says_take_the_pack_off_and_one_stopped_does_not() -> None:
    pack = running(cold(NOW - minutes(14)))
    state, _ = play(AlarmState(), [pack], NOW)
    state, effects = play(state, [pack._replace(ended_at=pack.ends_at)], NOW + minutes(1))
    assert kinds(effects) == [EffectKind.COLD_DONE]
    assert effects[0].title == COLD_DONE_TITLE
    stopped = pack._replace(ended_at=NOW, stopped=True)
    state, _ = play(AlarmState(), [pack], NOW - minutes(1))
    state, effects = play(state, [stopped], NOW)
    assert effects == []
