"""The heat decision, example by example: each test states one rule as the person meets it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from heattimer.core.model import RED_FLAG_WORDING, Injury, Kind, RedFlag, Session
from heattimer.core.rules import (
    SEE_PROFESSIONAL,
    Reason,
    cold_decision,
    counted_today,
    heat_decision,
    minutes_range,
)
from heattimer.core.settings import Settings

from .build import (
    BERLIN,
    LORD_HOWE,
    MICRO,
    NEW_YORK,
    NOW,
    cold,
    days,
    heat,
    hours,
    injury,
    local,
    manual,
    minutes,
    running,
    utc,
)

ZONE_UTC = ZoneInfo("UTC")

SECOND = timedelta(seconds=1)


def decide(
    now: datetime,
    sessions: Iterable[Session] = (),
    injuries: Iterable[Injury] = (),
    settings: Settings | None = None,
    zone: tzinfo = BERLIN,
):
    return heat_decision(now, list(sessions), list(injuries), settings or Settings(), zone)


# -- nothing in the way --------------------------------------------------------


def test_heat_allowed_with_nothing_on_record_and_says_how_many_are_left() -> None:
    decision = decide(NOW)
    assert decision.allowed
    assert decision.reason is None
    assert decision.available_at is None
    assert "3 of 3 sessions left today" in decision.message


# -- injuries ------------------------------------------------------------------


def test_heat_refused_until_48h_after_injury() -> None:
    hurt = injury(NOW - hours(10))
    decision = decide(NOW, injuries=[hurt])
    assert not decision.allowed
    assert decision.reason is Reason.INJURY
    assert decision.available_at == hurt.at + hours(48)
    assert not decide(hurt.at + hours(48) - MICRO, injuries=[hurt]).allowed
    assert decide(hurt.at + hours(48), injuries=[hurt]).allowed


def test_injury_block_counts_from_when_it_happened_not_when_it_was_logged() -> None:
    hurt = injury(NOW - hours(47))  # logged now, happened 47 h ago
    decision = decide(NOW, injuries=[hurt])
    assert decision.reason is Reason.INJURY
    assert decision.available_at == NOW + hours(1)


def test_injury_more_than_48h_ago_does_not_block() -> None:
    assert decide(NOW, injuries=[injury(NOW - hours(48))]).allowed


def test_an_injury_logged_during_a_heat_session_says_stop_the_heat() -> None:
    belt = running(heat(NOW - minutes(5)))
    assert decide(NOW, [belt], [injury(NOW - minutes(1))]).stop_heat
    assert decide(NOW, [belt], [injury(NOW - days(3), [RedFlag.NUMBNESS])]).stop_heat
    # Not for cold, nor an injury long enough ago to allow heat, nor with no session.
    assert not decide(NOW, [running(cold(NOW - minutes(5)))], [injury(NOW)]).stop_heat
    assert not decide(NOW, [belt], [injury(NOW - days(3))]).stop_heat
    assert not decide(NOW, [], [injury(NOW)]).stop_heat


def test_injury_message_says_when_heat_unlocks_and_suggests_cold() -> None:
    decision = decide(NOW, injuries=[injury(NOW - hours(10))])  # unlocks in 38 h: 05:00 local
    assert "48 h" in decision.message
    assert "Thu 05:00" in decision.message  # NOW is Tuesday 15:00 in Berlin
    assert "cold" in decision.message.lower()


@pytest.mark.parametrize("newest_first", [True, False])
def test_latest_injury_block_wins(newest_first: bool) -> None:
    older, newer = injury(NOW - hours(40)), injury(NOW - hours(5))
    injuries = [newer, older] if newest_first else [older, newer]
    decision = decide(NOW, injuries=injuries)
    assert decision.available_at == newer.at + hours(48)
    assert not decide(older.at + hours(48), injuries=injuries).allowed


def test_removed_injury_no_longer_blocks() -> None:
    mistake = injury(NOW - hours(1), removed=NOW - minutes(30))
    assert decide(NOW, injuries=[mistake]).allowed


def test_removing_the_newest_injury_leaves_the_older_block_in_place() -> None:
    older = injury(NOW - hours(40))
    mistake = injury(NOW - hours(1), removed=NOW - minutes(1))
    decision = decide(NOW, injuries=[older, mistake])
    assert decision.reason is Reason.INJURY
    assert decision.available_at == older.at + hours(48)


def test_red_flag_holds_after_48h_until_cleared() -> None:
    hurt = injury(NOW - days(5), [RedFlag.NUMBNESS])
    decision = decide(NOW, injuries=[hurt])
    assert not decision.allowed
    assert decision.reason is Reason.RED_FLAG
    assert decision.available_at is None
    assert not decide(NOW + days(300), injuries=[hurt]).allowed
    cleared = injury(hurt.at, [RedFlag.NUMBNESS], cleared=NOW - minutes(1))
    assert decide(NOW, injuries=[cleared]).allowed


def test_cleared_red_flag_still_blocked_for_48h() -> None:
    hurt = injury(NOW - hours(2), [RedFlag.TRAUMA], cleared=NOW - hours(1))
    decision = decide(NOW, injuries=[hurt])
    assert decision.reason is Reason.INJURY
    assert decision.available_at == hurt.at + hours(48)


def test_clearance_recorded_later_does_not_count_yet() -> None:
    hurt = injury(NOW - days(3), [RedFlag.OPEN_WOUND], cleared=NOW + hours(1))
    assert decide(NOW, injuries=[hurt]).reason is Reason.RED_FLAG


def test_removed_red_flag_injury_no_longer_holds_heat() -> None:
    mistake = injury(NOW - days(3), [RedFlag.NERVE_OR_DISC], removed=NOW - hours(1))
    assert decide(NOW, injuries=[mistake]).allowed


def test_red_flag_is_the_reason_even_when_the_cap_is_also_reached() -> None:
    today = [heat(NOW - hours(h)) for h in (5, 3, 2)]
    hurt = injury(NOW - days(3), [RedFlag.RADIATING_PAIN])
    decision = decide(NOW, today, [hurt])
    assert decision.reason is Reason.RED_FLAG
    assert decision.available_at is None


@pytest.mark.parametrize("flag", list(RedFlag))
def test_red_flag_message_tells_them_to_see_a_physical_therapist_or_physician(
    flag: RedFlag,
) -> None:
    message = decide(NOW, injuries=[injury(NOW - days(3), [flag])]).message
    assert SEE_PROFESSIONAL == "see a physical therapist or physician"
    assert "see a physical therapist or physician" in message
    assert RED_FLAG_WORDING[flag].lower() in message
    assert "cleared" in message
    assert "cold" in message.lower()


def test_red_flag_message_names_every_flag_that_holds() -> None:
    hurt = injury(NOW - hours(1), [RedFlag.TRAUMA, RedFlag.NUMBNESS])
    message = decide(NOW, injuries=[hurt]).message
    assert "numbness or tingling" in message
    assert "sudden onset after a fall or accident" in message


# -- the daily cap -------------------------------------------------------------


def test_daily_cap_refuses_a_fourth_session_until_local_midnight() -> None:
    today = [heat(local(BERLIN, 2026, 11, 24, h)) for h in (8, 10, 12)]
    now = local(BERLIN, 2026, 11, 24, 15)
    decision = decide(now, today)
    assert decision.reason is Reason.DAILY_CAP
    assert decision.available_at == local(BERLIN, 2026, 11, 25, 0, 0)
    assert "3 of 3 heat sessions used today" in decision.message
    assert "tomorrow 00:00" in decision.message


def test_daily_cap_setting_of_one_allows_one_session_a_day() -> None:
    one = Settings(daily_cap=1)
    first = heat(local(BERLIN, 2026, 11, 24, 8))
    assert decide(local(BERLIN, 2026, 11, 24, 7), settings=one).allowed
    assert decide(local(BERLIN, 2026, 11, 24, 15), [first], settings=one).reason is (
        Reason.DAILY_CAP
    )
    assert decide(local(BERLIN, 2026, 11, 25, 0), [first], settings=one).allowed


def test_cap_follows_the_local_day_not_the_utc_day() -> None:
    # 18:00, 19:30, 21:00 in New York (EST) are 23:00, 00:30 and 02:00 UTC.
    evening = [heat(local(NEW_YORK, 2026, 11, 24, h, m)) for h, m in ((18, 0), (19, 30), (21, 0))]
    now = local(NEW_YORK, 2026, 11, 24, 22, 30)
    assert decide(now, evening, zone=NEW_YORK).reason is Reason.DAILY_CAP
    assert decide(now, evening, zone=ZONE_UTC).allowed


def test_session_running_past_midnight_counts_for_the_day_it_started() -> None:
    late = heat(local(BERLIN, 2026, 11, 24, 23, 50))
    just_after = local(BERLIN, 2026, 11, 25, 0, 30)
    assert counted_today([late], just_after, BERLIN, Settings()) == 0
    assert counted_today([late], local(BERLIN, 2026, 11, 24, 23, 59), BERLIN, Settings()) == 1


DST_DAYS = [
    pytest.param(
        BERLIN,
        [local(BERLIN, 2026, 3, 29, 0, 30), local(BERLIN, 2026, 3, 29, 3, 0),
         local(BERLIN, 2026, 3, 29, 10, 0)],
        utc(2026, 3, 29, 22, 0),  # a 23-hour day: midnight is already at UTC+2
        id="Berlin spring forward",
    ),
    pytest.param(
        NEW_YORK,
        [local(NEW_YORK, 2026, 11, 1, 0, 30), local(NEW_YORK, 2026, 11, 1, 1, 30),
         local(NEW_YORK, 2026, 11, 1, 1, 30, fold=1)],
        utc(2026, 11, 2, 5, 0),  # a 25-hour day: 01:30 happens twice
        id="New York fall back",
    ),
    pytest.param(
        LORD_HOWE,
        [local(LORD_HOWE, 2026, 4, 5, 1, 40), local(LORD_HOWE, 2026, 4, 5, 1, 40, fold=1),
         local(LORD_HOWE, 2026, 4, 5, 12, 0)],
        utc(2026, 4, 5, 13, 30),  # a 24.5-hour day
        id="Lord Howe half-hour fall back",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("zone", "starts", "midnight"), DST_DAYS)
def test_cap_resets_at_local_midnight_on_dst_day(zone, starts, midnight) -> None:
    no_cool_down = Settings()  # the last session ended hours before: no cool-down to wait
    sessions = [heat(start) for start in starts]
    evening = midnight - hours(2)
    assert counted_today(sessions, evening, zone, Settings()) == 3
    decision = decide(evening, sessions, settings=no_cool_down, zone=zone)
    assert decision.reason is Reason.DAILY_CAP
    assert decision.available_at == midnight
    assert midnight.astimezone(zone).hour == 0
    assert not decide(midnight - MICRO, sessions, settings=no_cool_down, zone=zone).allowed
    assert decide(midnight, sessions, settings=no_cool_down, zone=zone).allowed


def test_manual_session_counts_toward_cap() -> None:
    now = local(BERLIN, 2026, 11, 24, 18)
    sessions = [
        heat(local(BERLIN, 2026, 11, 24, 8)),
        manual(local(BERLIN, 2026, 11, 24, 11), 20),
        heat(local(BERLIN, 2026, 11, 24, 14)),
    ]
    decision = decide(now, sessions)
    assert decision.reason is Reason.DAILY_CAP
    assert counted_today(sessions, now, BERLIN, Settings()) == 3


def test_a_one_minute_manual_session_is_not_an_accidental_start() -> None:
    short = manual(NOW - minutes(10), 1)
    assert counted_today([short], NOW, BERLIN, Settings()) == 1
    assert decide(NOW, [short]).reason is Reason.COOL_DOWN


def test_manual_cold_session_does_not_count_toward_cap() -> None:
    now = local(BERLIN, 2026, 11, 24, 18)
    sessions = [
        heat(local(BERLIN, 2026, 11, 24, 8)),
        manual(local(BERLIN, 2026, 11, 24, 11), 20, Kind.COLD),
        heat(local(BERLIN, 2026, 11, 24, 14)),
    ]
    assert decide(now, sessions).allowed


def test_cold_sessions_count_neither_toward_cap_nor_cool_down() -> None:
    colds = [cold(NOW - hours(h)) for h in (6, 4, 2)] + [cold(NOW - minutes(15))]
    decision = decide(NOW, colds)
    assert decision.allowed
    assert "3 of 3 sessions left today" in decision.message


# -- accidental starts and the cool-down ---------------------------------------


@pytest.mark.parametrize("after", [timedelta(0), 30 * SECOND, 60 * SECOND - MICRO])
def test_session_stopped_within_60_s_counts_neither_for_cap_nor_cool_down(
    after: timedelta,
) -> None:
    one = Settings(daily_cap=1)
    oops = heat(NOW - minutes(2), stopped_after=after)
    decision = decide(NOW, [oops], settings=one)
    assert decision.allowed
    assert "1 of 1 sessions left today" in decision.message
    assert counted_today([oops], NOW, BERLIN, Settings()) == 0


def test_session_stopped_at_60_s_counts_and_cools_down_from_the_stop() -> None:
    stopped = heat(NOW - minutes(10), stopped_after=60 * SECOND)
    decision = decide(NOW, [stopped])
    assert decision.reason is Reason.COOL_DOWN
    assert decision.available_at == stopped.started_at + 60 * SECOND + minutes(60)
    assert counted_today([stopped], NOW, BERLIN, Settings()) == 1


def test_cool_down_measures_from_the_previous_session_end() -> None:
    done = heat(NOW - minutes(30))  # ran its 15 minutes, ended 15 min ago
    decision = decide(NOW, [done])
    assert decision.reason is Reason.COOL_DOWN
    assert decision.available_at == NOW + minutes(45)
    assert "Cool-down" in decision.message
    assert "15:45" in decision.message  # NOW is 15:00 in Berlin


def test_cool_down_runs_from_the_latest_of_several_sessions() -> None:
    sessions = [heat(NOW - hours(3)), heat(NOW - minutes(40), stopped_after=minutes(5))]
    decision = decide(NOW, sessions)
    assert decision.available_at == NOW - minutes(35) + minutes(60)


def test_cool_down_setting_changes_the_wait() -> None:
    done = heat(NOW - minutes(30))
    assert decide(NOW, [done], settings=Settings(cool_down_minutes=240)).available_at == (
        done.ends_at + minutes(240)
    )
    shortest = Settings(cool_down_minutes=40)
    assert not decide(done.ends_at + minutes(40) - MICRO, [done], settings=shortest).allowed
    assert decide(done.ends_at + minutes(40), [done], settings=shortest).allowed


def test_session_past_its_deadline_counts_as_ended_even_if_not_yet_closed() -> None:
    open_record = heat(NOW - minutes(20), closed=False)
    decision = decide(NOW, [open_record])
    assert decision.reason is Reason.COOL_DOWN
    assert decision.available_at == open_record.ends_at + minutes(60)


def test_manual_session_starts_the_cool_down() -> None:
    away = manual(NOW - minutes(30), 20)
    assert decide(NOW, [away]).available_at == NOW - minutes(10) + minutes(60)


# -- one session at a time -----------------------------------------------------


def test_session_running_is_the_reason_while_a_heat_session_runs() -> None:
    now_running = running(heat(NOW - minutes(5)))
    decision = decide(NOW, [now_running])
    assert decision.reason is Reason.SESSION_RUNNING
    assert decision.available_at == now_running.ends_at + minutes(60)
    assert "heat session is running until 15:10" in decision.message


def test_running_cold_session_blocks_heat_only_until_it_ends() -> None:
    chilling = running(cold(NOW - minutes(5), 15))
    decision = decide(NOW, [chilling])
    assert decision.reason is Reason.SESSION_RUNNING
    assert decision.available_at == chilling.ends_at
    assert "cold session is running" in decision.message


def test_session_running_is_named_even_when_an_injury_blocks_longer() -> None:
    chilling = running(cold(NOW - minutes(5)))
    decision = decide(NOW, [chilling], [injury(NOW - hours(3))])
    assert decision.reason is Reason.SESSION_RUNNING
    assert decision.available_at == NOW - hours(3) + hours(48)


def test_cold_may_start_only_when_no_session_runs() -> None:
    assert cold_decision(NOW, [], BERLIN).allowed
    assert cold_decision(NOW, [heat(NOW - hours(1))], BERLIN).allowed
    warming = running(heat(NOW - minutes(5)))
    refused = cold_decision(NOW, [warming], BERLIN)
    assert not refused.allowed
    assert refused.reason is Reason.SESSION_RUNNING
    assert refused.available_at == warming.ends_at


# -- which block is named ------------------------------------------------------


def test_reason_is_the_block_that_holds_longest() -> None:
    now = local(BERLIN, 2026, 11, 24, 20)
    today = [heat(local(BERLIN, 2026, 11, 24, h)) for h in (8, 10, 12)]
    lifts_before_midnight = injury(now - hours(47))
    decision = decide(now, today, [lifts_before_midnight])
    assert decision.reason is Reason.DAILY_CAP
    assert decision.available_at == local(BERLIN, 2026, 11, 25, 0)

    lifts_after_midnight = injury(now - hours(10))
    decision = decide(now, today, [lifts_after_midnight])
    assert decision.reason is Reason.INJURY
    assert decision.available_at == lifts_after_midnight.at + hours(48)


def test_available_at_waits_for_every_block_to_lift() -> None:
    done = heat(NOW - minutes(20))  # cool-down until NOW + 55 min
    hurt = injury(NOW - hours(47))  # injury lifts at NOW + 1 h
    decision = decide(NOW, [done], [hurt], Settings(cool_down_minutes=240))
    assert decision.reason is Reason.COOL_DOWN
    assert decision.available_at == done.ends_at + minutes(240)
    assert decision.injury_block  # cold is still offered: the injury blocks too


def test_injury_block_flag_is_false_for_cap_and_cool_down_alone() -> None:
    assert not decide(NOW, [heat(NOW - minutes(20))]).injury_block
    assert decide(NOW, injuries=[injury(NOW - hours(1))]).injury_block
    assert decide(NOW, injuries=[injury(NOW - days(4), [RedFlag.TRAUMA])]).injury_block


# -- session lengths and the model ---------------------------------------------


def test_heat_sessions_last_15_to_20_minutes_and_cold_10_to_20() -> None:
    assert list(minutes_range(Kind.HEAT)) == list(range(15, 21))
    assert list(minutes_range(Kind.COLD)) == list(range(10, 21))


def test_a_session_is_short_only_when_stopped_less_than_60_s_after_its_start() -> None:
    start = NOW - minutes(5)
    assert heat(start, stopped_after=60 * SECOND - MICRO).short(NOW)
    assert not heat(start, stopped_after=60 * SECOND).short(NOW)
    assert not heat(start).short(NOW)  # ran out: never short
    assert not running(heat(NOW - 10 * SECOND)).short(NOW)


def test_running_session_reports_remaining_time_until_its_deadline() -> None:
    session = running(heat(NOW - minutes(5), 20))
    assert session.running(NOW)
    assert session.remaining(NOW) == minutes(15)
    assert not session.running(session.ends_at)
    assert session.remaining(session.ends_at) == timedelta(0)
    assert session.end(session.ends_at) == session.ends_at
