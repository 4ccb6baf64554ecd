"""The injury log as the app and the CLI show it (core/injury_log.py): each injury's state,
the Undo offered moments after logging, and the questions asked before a hold is lifted."""

from __future__ import annotations

from heattimer.core import injury_log
from heattimer.core.injury_log import UNDO_FOR, State
from heattimer.core.model import Area, RecoveryHold, RedFlag
from heattimer.core.moment import Moment
from heattimer.core.offers import Act, Key, offers
from heattimer.core.settings import Settings
from heattimer.core.status import build_status, next_change

from .build import BERLIN, NOW, hours, injury, minutes


def test_an_injury_is_active_cleared_or_removed() -> None:
    assert injury_log.state(injury(NOW)) is State.ACTIVE
    assert injury_log.state(injury(NOW, [RedFlag.NUMBNESS], cleared=NOW)) is State.CLEARED
    removed = injury(NOW, [RedFlag.NUMBNESS], cleared=NOW, removed=NOW)
    assert injury_log.state(removed) is State.REMOVED  # removal says more than clearance


def test_undo_is_offered_for_five_minutes_after_logging_then_not() -> None:
    logged = injury(NOW - hours(3), logged=NOW)  # happened earlier, logged just now
    for later, offered in ((minutes(0), True), (minutes(4.9), True), (UNDO_FOR, False)):
        status = build_status(Moment(NOW + later), BERLIN, [], [logged], Settings(), None)
        assert (status.just_logged == logged) is offered, later
        assert offers(status, BERLIN)[Key(Act.UNDO_INJURY)].shown is offered
    status = build_status(Moment(NOW + minutes(1)), BERLIN, [], [logged], Settings(), None)
    assert next_change(status) == NOW + UNDO_FOR  # the window updates when it goes


def test_undo_takes_back_the_latest_injury_not_one_already_removed() -> None:
    first = injury(NOW - minutes(2))
    second = injury(NOW - minutes(1), area=Area.NECK)
    assert injury_log.just_logged([first, second], NOW) == second
    gone = second._replace(removed_at=NOW)
    assert injury_log.just_logged([first, gone], NOW) == first
    assert injury_log.just_logged([injury(NOW - minutes(6))], NOW) is None


def test_removing_says_it_lifts_the_block_and_the_hold_and_keeps_the_record() -> None:
    fresh = injury(NOW - hours(1), [RedFlag.NUMBNESS], area=Area.NECK)
    question = injury_log.removal_question(fresh, NOW, BERLIN)
    assert "Neck, 14:00 (Numbness or tingling)" in question  # 13:00 UTC is 14:00 in Berlin
    assert "lifts its block on heat until Thu 14:00 and its hold for red flags" in question
    assert "stays on file, marked removed" in question
    old = injury(NOW - hours(50))  # its 48 hours are over: nothing to lift
    assert "lifts" not in injury_log.removal_question(old, NOW, BERLIN)


def test_a_clearance_lifts_red_flag_holds_but_says_the_48_hours_still_run() -> None:
    fresh = injury(NOW - hours(1), [RedFlag.RADIATING_PAIN])
    old = injury(NOW - hours(60), [RedFlag.NUMBNESS], area=Area.SHOULDER)
    question = injury_log.clearance_question([fresh, old], NOW, BERLIN)
    assert "Lower back" in question and "Shoulder" in question
    assert "48-hour block after an injury still applies: heat stays off until Thu 14:00" in (
        question
    )
    only_old = injury_log.clearance_question([old], NOW, BERLIN)
    assert "48-hour" not in only_old and "Record it only after a professional" in only_old


def test_the_log_check_question_names_the_backup_it_came_from() -> None:
    hold = RecoveryHold(at=NOW, backup_at=NOW - hours(5), moved_to="x.damaged")
    assert "logged since 10:00 may be missing" in injury_log.log_check_question(hold, NOW, BERLIN)


def test_the_clearance_says_when_heat_returns_by_the_latest_injury_flags_or_not() -> None:
    flagged = injury(NOW - hours(40), [RedFlag.NUMBNESS], area=Area.NECK)
    plain = injury(NOW - hours(2))  # no red flag, but its 48 hours run longest
    question = injury_log.clearance_question([flagged, plain], NOW, BERLIN)
    assert "Neck" in question and "Lower back" not in question  # only the hold is lifted
    assert "heat stays off until Thu 13:00" in question  # 15:00 in Berlin less 2 h, + 48 h
    only = injury_log.clearance_question([flagged, plain], NOW, BERLIN, only=flagged)
    assert "heat stays off until Thu 13:00" in only


def test_the_log_and_the_command_line_say_the_same_of_where_an_injury_stands() -> None:
    held = injury(NOW - hours(1), [RedFlag.NUMBNESS])
    assert injury_log.state_text(held, NOW, BERLIN) == "holds heat"
    assert injury_log.state_text(injury(NOW - hours(1)), NOW, BERLIN) == "active"
    cleared = injury(NOW - hours(3), [RedFlag.NUMBNESS], cleared=NOW - hours(1))
    assert injury_log.state_text(cleared, NOW, BERLIN) == "cleared 14:00"
    removed = injury(NOW - hours(3), removed=NOW)
    assert injury_log.state_text(removed, NOW, BERLIN) == "removed 15:00"
    from heattimer.cli.report import injuries_text

    table = injuries_text([held, removed], NOW, BERLIN)
    assert "holds heat" in table and "removed 15:00" in table
    assert injuries_text([], NOW, BERLIN) == injury_log.NONE_LOGGED
