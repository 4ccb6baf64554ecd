"""When the next posture break is due: interval, snooze, outcomes, time away, pauses, work hours."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heattimer.core.breaks import (
    SNOOZE,
    BreakState,
    Presence,
    after_away,
    after_outcome,
    after_unseen,
    at_start,
    next_break,
    notice,
    offer_break,
    paused,
    unseen,
)
from heattimer.core.localtime import next_day_start
from heattimer.core.model import BreakOutcome
from heattimer.core.settings import Settings
from heattimer.core.workhours import WorkHours, parse_work_hours

from .build import BERLIN, MICRO, NEW_YORK, NOW, hours, local, minutes, utc
from .simulation import ANCHORS, ZONE_NAMES

DEFAULT = Settings()
T0 = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
WORK = parse_work_hours("Mon-Fri 09:00-18:00")
OFFICE = Settings(work_hours=WORK)


def due(state: BreakState, settings: Settings = DEFAULT, zone=BERLIN) -> datetime | None:
    return next_break(state, settings, zone)


# -- the interval ----------------------------------------------------------------


def test_first_break_due_one_interval_after_sitting_down() -> None:
    assert due(BreakState(NOW)) == NOW + minutes(60)


@pytest.mark.parametrize("interval", [20, 45, 120])
def test_interval_setting_sets_the_time_between_breaks(interval: int) -> None:
    assert due(BreakState(NOW), Settings(break_interval_minutes=interval)) == NOW + minutes(
        interval
    )


def test_breaks_off_means_none_is_due() -> None:
    off = Settings(breaks=False)
    assert due(BreakState(NOW), off) is None
    snoozed = BreakState(NOW, snoozed_until=NOW + minutes(5), paused_until=NOW + hours(1))
    assert due(snoozed, off) is None


# -- answering a break -------------------------------------------------------------


def test_snooze_moves_the_break_ten_minutes_from_the_answer() -> None:
    state = BreakState(NOW - minutes(60))
    once = after_outcome(state, BreakOutcome.SNOOZED, NOW)
    assert due(once) == NOW + minutes(10)
    assert once.sitting_since == state.sitting_since
    twice = after_outcome(once, BreakOutcome.SNOOZED, NOW + minutes(10))
    assert due(twice) == NOW + minutes(20)


@pytest.mark.parametrize("outcome", [BreakOutcome.DONE, BreakOutcome.SKIPPED, BreakOutcome.MISSED])
def test_done_skipped_and_missed_restart_the_sitting_clock(outcome: BreakOutcome) -> None:
    snoozed = BreakState(NOW - minutes(70), snoozed_until=NOW)
    after = after_outcome(snoozed, outcome, NOW)
    assert after.sitting_since == NOW
    assert after.snoozed_until is None
    assert due(after) == NOW + minutes(60)


# -- time away ---------------------------------------------------------------------


def test_away_for_idle_reset_minutes_restarts_sitting_and_forgets_the_snooze() -> None:
    state = BreakState(NOW - minutes(50), snoozed_until=NOW + minutes(5))
    away_from, back_at = NOW, NOW + minutes(5)  # exactly the default 5 minutes
    after = after_away(state, away_from, back_at, DEFAULT)
    assert after.sitting_since == back_at
    assert after.snoozed_until is None
    assert due(after) == back_at + minutes(60)


def test_away_shorter_than_idle_reset_changes_nothing() -> None:
    state = BreakState(NOW - minutes(50), snoozed_until=NOW + minutes(5))
    after = after_away(state, NOW, NOW + minutes(5) - MICRO, DEFAULT)
    assert after == state
    assert due(after) == NOW + minutes(5)


def test_idle_reset_setting_decides_how_long_away_counts() -> None:
    state = BreakState(NOW - minutes(50))
    patient = Settings(idle_reset_minutes=30)
    assert after_away(state, NOW, NOW + minutes(20), patient) == state
    assert after_away(state, NOW, NOW + minutes(30), patient).sitting_since == NOW + minutes(30)


def test_away_never_moves_the_sitting_clock_back() -> None:
    state = BreakState(NOW + minutes(20))  # the clock was restarted after they came back
    assert after_away(state, NOW - hours(1), NOW, DEFAULT).sitting_since == NOW + minutes(20)


def test_long_suspend_restarts_sitting_from_the_wake_up() -> None:
    state = BreakState(NOW - hours(10))
    after = after_away(state, NOW - hours(9), NOW, DEFAULT)
    assert due(after) == NOW + minutes(60)


def test_the_app_restarted_at_once_keeps_the_sitting_clock_a_later_start_restarts_it() -> None:
    snoozed = BreakState(NOW - minutes(4), snoozed_until=NOW + minutes(6))
    assert at_start(snoozed, NOW, DEFAULT) == snoozed  # restarted within the 5 minutes away
    fresh = at_start(BreakState(NOW - minutes(5)), NOW, DEFAULT)
    assert fresh == BreakState(NOW) and due(fresh) == NOW + minutes(60)
    patient = Settings(idle_reset_minutes=30)
    assert at_start(BreakState(NOW - minutes(20)), NOW, patient).sitting_since == NOW - minutes(20)


# -- pauses ------------------------------------------------------------------------


def test_pause_holds_breaks_until_its_end() -> None:
    state = paused(BreakState(NOW), NOW + hours(3))
    assert due(state) == NOW + hours(3)


def test_pause_that_ends_before_the_break_changes_nothing() -> None:
    assert due(paused(BreakState(NOW), NOW + minutes(30))) == NOW + minutes(60)


def test_pause_holds_a_snoozed_break_too() -> None:
    state = paused(BreakState(NOW, snoozed_until=NOW + minutes(10)), NOW + hours(2))
    assert due(state) == NOW + hours(2)


def test_resuming_a_pause_brings_the_schedule_back() -> None:
    state = paused(paused(BreakState(NOW), NOW + hours(3)), None)
    assert due(state) == NOW + minutes(60)


@pytest.mark.parametrize(
    ("zone", "now", "midnight"),
    [
        pytest.param(
            BERLIN, local(BERLIN, 2026, 3, 29, 10), utc(2026, 3, 29, 22), id="Berlin 23 h"
        ),
        pytest.param(
            BERLIN, local(BERLIN, 2026, 10, 25, 10), utc(2026, 10, 25, 23), id="Berlin 25 h"
        ),
        pytest.param(
            BERLIN, local(BERLIN, 2026, 10, 24, 20), utc(2026, 10, 24, 22), id="eve of 25 h"
        ),
        pytest.param(NEW_YORK, local(NEW_YORK, 2026, 3, 8, 1), utc(2026, 3, 9, 4), id="NY 23 h"),
        pytest.param(NEW_YORK, local(NEW_YORK, 2026, 11, 1, 23), utc(2026, 11, 2, 5), id="NY 25 h"),
    ],
)
def test_pause_until_tomorrow_holds_breaks_until_local_midnight_across_dst(
    zone, now: datetime, midnight: datetime
) -> None:
    until = next_day_start(now, zone)
    assert until == midnight
    assert until.astimezone(zone).time() == time(0, 0)
    state = paused(BreakState(now), until)
    assert due(state, zone=zone) == midnight


def test_pause_until_tomorrow_over_a_dst_weekend_resumes_monday_after_work_starts() -> None:
    saturday_evening = local(BERLIN, 2026, 10, 24, 20)
    state = paused(BreakState(saturday_evening), next_day_start(saturday_evening, BERLIN))
    # Monday 26 Oct is in winter time (UTC+1): 09:00 local + 60 min is 09:00 UTC.
    assert due(state, OFFICE) == utc(2026, 10, 26, 9)


# -- work hours --------------------------------------------------------------------


def test_break_due_after_work_on_friday_moves_to_monday_9_plus_interval() -> None:
    state = BreakState(local(BERLIN, 2026, 11, 27, 17, 30))  # due Friday 18:30
    assert due(state, OFFICE) == local(BERLIN, 2026, 11, 30, 10, 0)


def test_break_due_before_work_moves_to_9_plus_interval() -> None:
    state = BreakState(local(BERLIN, 2026, 11, 24, 7, 0))  # due Tuesday 08:00
    assert due(state, OFFICE) == local(BERLIN, 2026, 11, 24, 10, 0)
    short = Settings(work_hours=WORK, break_interval_minutes=30)
    assert due(state, short) == local(BERLIN, 2026, 11, 24, 9, 30)


def test_break_due_within_work_hours_is_unchanged() -> None:
    state = BreakState(local(BERLIN, 2026, 11, 24, 10, 0))
    assert due(state, OFFICE) == local(BERLIN, 2026, 11, 24, 11, 0)


def test_break_due_exactly_when_work_ends_moves_to_the_next_work_day() -> None:
    state = BreakState(local(BERLIN, 2026, 11, 24, 17, 0))  # due 18:00, the end
    assert due(state, OFFICE) == local(BERLIN, 2026, 11, 25, 10, 0)


def test_break_due_at_the_weekend_moves_to_monday() -> None:
    state = BreakState(local(BERLIN, 2026, 11, 28, 11, 0))  # Saturday
    assert due(state, OFFICE) == local(BERLIN, 2026, 11, 30, 10, 0)


def test_snooze_past_the_end_of_work_moves_to_the_next_work_day() -> None:
    state = after_outcome(
        BreakState(local(BERLIN, 2026, 11, 24, 16, 55)),
        BreakOutcome.SNOOZED,
        local(BERLIN, 2026, 11, 24, 17, 55),
    )
    assert due(state, OFFICE) == local(BERLIN, 2026, 11, 25, 10, 0)


def test_first_break_of_a_short_work_day_still_falls_inside_it() -> None:
    brief = Settings(work_hours=parse_work_hours("Mon-Fri 09:00-09:30"))
    state = BreakState(local(BERLIN, 2026, 11, 24, 7, 0))
    assert due(state, brief) == local(BERLIN, 2026, 11, 24, 9, 29)


def test_work_hours_are_local_wall_clock_times_across_dst() -> None:
    friday_evening = local(BERLIN, 2026, 10, 23, 17, 30)  # summer time, UTC+2
    assert due(BreakState(friday_evening), OFFICE) == utc(2026, 10, 26, 9)  # 10:00 UTC+1
    new_york = BreakState(local(NEW_YORK, 2026, 3, 6, 17, 30))  # Friday before spring forward
    assert due(new_york, OFFICE, NEW_YORK) == utc(2026, 3, 9, 14)  # 10:00 EDT


# -- a property over random schedules ----------------------------------------------


@st.composite
def work_hours(draw: st.DrawFn) -> WorkHours:
    days = draw(st.frozensets(st.integers(0, 6), min_size=1))
    start = draw(st.integers(5 * 60, 12 * 60))
    end = draw(st.integers(start + 1, 23 * 60 + 59))
    return WorkHours(days, time(*divmod(start, 60)), time(*divmod(end, 60)))


@st.composite
def schedules(draw: st.DrawFn):
    zone_name = draw(st.sampled_from(ZONE_NAMES))
    anchor = draw(st.sampled_from(ANCHORS[zone_name]))
    sitting = anchor + timedelta(seconds=draw(st.integers(-8 * 86400, 8 * 86400)))
    snooze = draw(st.none() | st.integers(0, 3 * 3600).map(lambda s: timedelta(seconds=s)))
    pause = draw(st.none() | st.integers(0, 2 * 86400).map(lambda s: timedelta(seconds=s)))
    state = BreakState(
        sitting,
        None if snooze is None else sitting + snooze,
        None if pause is None else sitting + pause,
    )
    chosen = Settings(
        break_interval_minutes=draw(st.integers(20, 120)), work_hours=draw(work_hours())
    )
    return zone_name, state, chosen


@settings(max_examples=300, deadline=None)
@given(schedules())
def test_break_outside_work_hours_moves_to_the_first_work_start_plus_interval(schedule) -> None:
    from zoneinfo import ZoneInfo

    zone_name, state, chosen = schedule
    zone = ZoneInfo(zone_name)
    hours_ = chosen.work_hours
    assert hours_ is not None
    raw = next_break(state, Settings(break_interval_minutes=chosen.break_interval_minutes), zone)
    assert raw is not None
    result = next_break(state, chosen, zone)
    assert result is not None
    assert result >= raw
    assert hours_.contains(result.astimezone(zone))
    if hours_.contains(raw.astimezone(zone)):
        assert result == raw
        return
    # The first work day whose start is after the raw due time, an interval in.
    day = raw.astimezone(zone).date()
    while True:
        start = datetime.combine(day, hours_.start, tzinfo=zone).astimezone(UTC)
        if day.weekday() in hours_.days and start > raw:
            break
        day += timedelta(days=1)
    end = datetime.combine(day, hours_.end, tzinfo=zone).astimezone(UTC)
    interval = timedelta(minutes=chosen.break_interval_minutes)
    assert result == min(start + interval, end - timedelta(minutes=1))


# -- presence: sleeps and time away from the keyboard ---------------------------


def test_a_gap_between_looks_longer_than_90_s_was_a_sleep_and_the_person_was_away() -> None:
    asked: list[bool] = []

    def idle() -> float:
        asked.append(True)
        return 0.0

    seen = Presence(last_seen=T0)
    presence, absence = notice(seen, T0 + timedelta(minutes=40), idle, Settings())
    assert absence == (T0, T0 + timedelta(minutes=40))
    assert presence.away_since is None and not asked  # no need to ask the desktop


def test_idle_long_enough_is_away_from_the_last_input_until_input_comes_again() -> None:
    settings = Settings(idle_reset_minutes=5)
    presence, absence = notice(
        Presence(last_seen=T0), T0 + timedelta(seconds=60), lambda: 299, settings
    )
    assert absence is None and presence.away_since is None  # not yet 5 minutes
    now = T0 + timedelta(seconds=120)
    presence, absence = notice(presence, now, lambda: 301, settings)
    assert absence is None and presence.away_since == now - timedelta(seconds=301)
    back = now + timedelta(seconds=60)
    presence, absence = notice(presence, back, lambda: 2, settings)
    assert absence == (now - timedelta(seconds=301), back - timedelta(seconds=2))
    assert presence.away_since is None


def test_the_first_look_never_asks_the_desktop_for_idle_time() -> None:
    def idle() -> float:
        raise AssertionError("asked on the first look")

    presence, absence = notice(Presence(), T0, idle, Settings())
    assert presence.last_seen == T0 and absence is None


def test_a_due_break_waits_for_the_alarm_an_absence_and_a_full_screen_window() -> None:
    due = T0
    free = {"showing": False, "alarm_ringing": False, "away": False}
    assert offer_break(due, T0, **free, fullscreen=lambda: False)
    assert not offer_break(due, T0 - timedelta(seconds=1), **free, fullscreen=lambda: False)
    assert not offer_break(None, T0, **free, fullscreen=lambda: False)
    for reason in free:
        assert not offer_break(due, T0, **{**free, reason: True}, fullscreen=lambda: False)
    assert not offer_break(due, T0, **free, fullscreen=lambda: True)
    assert offer_break(due, T0, **free, fullscreen=lambda: None)  # cannot tell: offered


def test_a_break_is_unseen_only_if_no_input_came_since_it_came_up() -> None:
    shown = T0
    now = T0 + timedelta(minutes=2)
    assert unseen(shown, now, 120.0)
    assert unseen(shown, now, 3600.0)
    assert not unseen(shown, now, 119.0)  # a key a second after it came up
    assert not unseen(shown, now, 0.0)
    assert not unseen(shown, now, None)  # the desktop cannot tell: it was seen


def test_an_unseen_break_comes_again_a_snooze_later_and_sitting_goes_on() -> None:
    state = BreakState(sitting_since=T0)
    now = T0 + timedelta(minutes=52)
    after = after_unseen(state, now)
    assert after.sitting_since == T0
    assert next_break(after, Settings(), UTC) == now + SNOOZE


def test_a_break_s_notice_comes_once_in_its_30_s_and_never_when_the_break_would_wait() -> None:
    from heattimer.core.breaks import notice_due

    due = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    on = Settings(break_notice=True)
    free = {"showing": False, "alarm_ringing": False, "away": False, "fullscreen": lambda: False}
    at = due - timedelta(seconds=30)
    assert notice_due(due, on, at, None, **free)
    assert notice_due(due, on, due - timedelta(seconds=1), None, **free)
    assert not notice_due(due, on, at - timedelta(seconds=1), None, **free)
    assert not notice_due(due, on, due, None, **free)  # the break's own time
    assert not notice_due(due, on, at, due, **free)  # given already
    assert not notice_due(due, Settings(), at, None, **free)  # not asked for
    for held in ("showing", "alarm_ringing", "away"):
        assert not notice_due(due, on, at, None, **{**free, held: True})
    assert not notice_due(due, on, at, None, **{**free, "fullscreen": lambda: True})
