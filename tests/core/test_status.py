"""The snapshot the CLI and the GUI show: cold offered, today's count, the heat-off alarm."""

from __future__ import annotations

from heattimer.core.breaks import BreakState
from heattimer.core.model import RedFlag
from heattimer.core.moment import Moment
from heattimer.core.recovery import Phase
from heattimer.core.rules import Reason
from heattimer.core.settings import Settings
from heattimer.core.status import build_status, headline, quit_warning, unconfirmed_heat

from .build import BERLIN, NOW, cold, days, heat, hours, injury, manual, minutes, running


def status(sessions=(), injuries=(), settings: Settings | None = None, breaks=None):
    return build_status(
        Moment(NOW), BERLIN, list(sessions), list(injuries), settings or Settings(), breaks
    )


def test_cold_offered_only_while_injury_blocks() -> None:
    hurt = injury(NOW - hours(3))
    assert not status().cold_offered
    assert status(injuries=[hurt]).cold_offered
    assert status(injuries=[injury(NOW - days(4), [RedFlag.NUMBNESS])]).cold_offered
    assert not status(injuries=[injury(NOW - hours(49))]).cold_offered
    capped = [heat(NOW - hours(h)) for h in (6, 4, 2)]
    assert not status(capped).cold_offered
    assert not status([heat(NOW - minutes(20))]).cold_offered  # cool-down only


def test_cold_not_offered_while_a_session_runs_even_with_an_injury() -> None:
    chilling = running(cold(NOW - minutes(5)))
    assert not status([chilling], [injury(NOW - hours(3))]).cold_offered


def test_cold_still_offered_when_a_cool_down_outlasts_the_injury_block() -> None:
    # Heat at 14:40-14:55, then an injury logged as "47h ago": it lifts in 1 h,
    # the 4-hour cool-down later. Heat is still blocked by the injury meanwhile.
    done = heat(NOW - minutes(20))
    hurt = injury(NOW - hours(47))
    now = status([done], [hurt], Settings(cool_down_minutes=240))
    assert now.heat.reason is Reason.COOL_DOWN
    assert now.cold_offered


def test_cold_still_offered_when_the_daily_cap_outlasts_the_injury_block() -> None:
    capped = [heat(NOW - hours(h)) for h in (6, 4, 2)]
    hurt = injury(NOW - hours(47) - minutes(30))  # lifts at 15:30, the cap at midnight
    now = status(capped, [hurt])
    assert now.heat.reason is Reason.DAILY_CAP
    assert now.cold_offered


def test_today_sessions_counts_only_counted_heat_today() -> None:
    sessions = [
        heat(NOW - hours(6)),
        heat(NOW - hours(4.5), stopped_after=minutes(0.5)),  # accidental: nothing just before
        cold(NOW - hours(4)),
        manual(NOW - hours(3), 20),
        heat(NOW - days(1)),  # yesterday
    ]
    assert status(sessions).today_sessions == 2


def test_status_shows_the_running_session_and_recovery() -> None:
    warming = running(heat(NOW - minutes(5)))
    now = status([warming], [injury(NOW - days(3))])
    assert now.session == warming
    assert now.heat.reason is Reason.SESSION_RUNNING
    assert now.recovery.phase is Phase.SUBACUTE


def test_next_break_is_known_only_when_the_schedule_is() -> None:
    assert status().next_break is None
    assert status(breaks=BreakState(NOW)).next_break == NOW + minutes(60)


def test_heat_that_ran_out_unconfirmed_raises_the_heat_off_alarm() -> None:
    ran_out = heat(NOW - minutes(20))
    assert unconfirmed_heat([ran_out], NOW) == ran_out
    assert status([ran_out]).unconfirmed == ran_out


def test_alarm_names_the_latest_unconfirmed_session() -> None:
    older, newer = heat(NOW - hours(3)), heat(NOW - minutes(20))
    assert unconfirmed_heat([newer, older], NOW) == newer


def test_no_alarm_for_running_stopped_confirmed_manual_or_cold_sessions() -> None:
    confirmed = heat(NOW - minutes(20))._replace(confirmed_off_at=NOW - minutes(4))
    sessions = [
        running(heat(NOW - minutes(5))),
        heat(NOW - hours(2), stopped_after=minutes(5)),
        confirmed,
        manual(NOW - hours(3), 15),
        cold(NOW - hours(4)),
    ]
    assert unconfirmed_heat(sessions, NOW) is None


def test_an_older_red_flag_keeps_heat_on_hold_when_a_newer_injury_unlocks() -> None:
    from heattimer.core.coach import coach_events

    older = injury(NOW - days(10), flags=(RedFlag.NUMBNESS,))
    newer = injury(NOW)
    events = coach_events([older, newer], NOW, NOW + hours(49))
    kinds = [e.kind for e in events]
    assert "heat_unlocked" not in kinds and "heat_on_hold" in kinds


def test_the_headline_says_to_stop_the_heat_when_an_injury_comes_in_during_it() -> None:
    belt = running(heat(NOW - minutes(5)))
    assert headline(status([belt], [injury(NOW)]), BERLIN) == (
        "An injury blocks heat: turn the heat off now and stop the session"
    )
    assert headline(status([belt]), BERLIN).startswith("Heat on: 10:00 left")


def test_quitting_warns_of_what_it_would_stop_the_ringing_alarm_first() -> None:
    idle, busy = status(), status([running(heat(NOW - minutes(5)))])
    assert quit_warning(idle, alarm_ringing=False) == ""
    assert quit_warning(None, alarm_ringing=False) == ""
    assert "no alarm will sound" in quit_warning(busy, alarm_ringing=False)
    assert "not confirmed off" in quit_warning(idle, alarm_ringing=True)
    assert "not confirmed off" in quit_warning(busy, alarm_ringing=True)
