"""What may be written down: injury times and sessions recorded after the fact."""

from __future__ import annotations

from datetime import timedelta

import pytest

from heattimer.core.model import Kind
from heattimer.core.validation import (
    Invalid,
    check_injury_time,
    check_manual_session,
    check_minutes,
)

from .build import BERLIN, MICRO, NOW, cold, days, heat, hours, manual, minutes, running

SECOND = timedelta(seconds=1)


def record(at, length: int = 15, sessions=(), kind: Kind = Kind.HEAT) -> None:
    check_manual_session(kind, at, length, list(sessions), NOW, BERLIN)


# -- injury times ------------------------------------------------------------------


@pytest.mark.parametrize("back", [timedelta(0), hours(47), days(30)])
def test_injury_may_be_logged_now_or_up_to_30_days_back(back: timedelta) -> None:
    check_injury_time(NOW - back, NOW)


def test_injury_cannot_be_logged_in_the_future() -> None:
    with pytest.raises(Invalid, match="future"):
        check_injury_time(NOW + MICRO, NOW)


def test_injury_cannot_be_logged_more_than_30_days_back() -> None:
    with pytest.raises(Invalid, match="30 days"):
        check_injury_time(NOW - days(30) - MICRO, NOW)


def test_invalid_is_a_value_error() -> None:
    assert issubclass(Invalid, ValueError)


# -- sessions recorded afterwards --------------------------------------------------


def test_a_finished_session_in_the_past_may_be_recorded() -> None:
    record(NOW - hours(2), 20, [heat(NOW - hours(5)), cold(NOW - hours(1))])


def test_a_session_ending_right_now_may_be_recorded() -> None:
    record(NOW - minutes(15), 15)


def test_recorded_session_cannot_start_in_the_future() -> None:
    with pytest.raises(Invalid, match="future"):
        record(NOW + SECOND, 15)


def test_recorded_session_must_have_ended() -> None:
    with pytest.raises(Invalid, match="not ended yet") as error:
        record(NOW - minutes(10), 15)
    assert "heattimer start" in str(error.value)


@pytest.mark.parametrize("length", [0, -5, 61, 120])
def test_recorded_session_minutes_out_of_range_are_refused(length: int) -> None:
    with pytest.raises(Invalid, match="1 to 60 minutes") as error:
        record(NOW - hours(3), length)
    assert str(length) in str(error.value)


@pytest.mark.parametrize("length", [1, 60])
def test_recorded_session_may_last_1_to_60_minutes(length: int) -> None:
    record(NOW - hours(3), length)


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(heat(NOW - hours(2) + minutes(5)), id="starts inside"),
        pytest.param(heat(NOW - hours(2) - minutes(10)), id="ends inside"),
        pytest.param(cold(NOW - hours(2) + minutes(2), 10), id="a cold one inside"),
        pytest.param(manual(NOW - hours(2) - minutes(5), 30), id="covers it"),
    ],
)
def test_recorded_session_may_not_overlap_another(other) -> None:
    with pytest.raises(Invalid, match="overlaps") as error:
        record(NOW - hours(2), 15, [other])
    assert str(other.kind) in str(error.value)


def test_recorded_session_may_not_overlap_the_running_session() -> None:
    now_running = running(heat(NOW - minutes(5)))  # runs until NOW + 10 min
    with pytest.raises(Invalid, match="overlaps"):
        record(NOW - minutes(16), 15, [now_running])  # its last 4 minutes overlap
    record(NOW - minutes(30), 15, [now_running])


def test_sessions_that_only_touch_do_not_overlap() -> None:
    before = heat(NOW - hours(3))  # 3:00 to 2:45 before now
    after = heat(NOW - hours(2) + minutes(15))
    record(NOW - hours(2) - minutes(15), 30, [before, after])


def test_an_accidental_start_does_not_stand_in_the_way() -> None:
    oops = heat(NOW - hours(2) + minutes(5), stopped_after=20 * SECOND)
    record(NOW - hours(2), 15, [oops])


def test_check_minutes_names_the_range_and_the_value() -> None:
    check_minutes(15, range(15, 21), "a heat session")
    with pytest.raises(Invalid, match="a heat session must be 15 to 20 minutes, not 25"):
        check_minutes(25, range(15, 21), "a heat session")
