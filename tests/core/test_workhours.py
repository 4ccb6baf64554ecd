"""Work hours as written in the settings: ``Mon-Fri 09:00-18:00``."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heattimer.core.workhours import WorkHours, parse_work_hours

from .build import BERLIN, local


def test_parses_a_day_range_and_times() -> None:
    hours = parse_work_hours("Mon-Fri 09:00-18:00")
    assert hours == WorkHours(frozenset({0, 1, 2, 3, 4}), time(9), time(18))


def test_parses_a_list_of_days_and_half_hours() -> None:
    hours = parse_work_hours("Mon,Wed,Sat 08:30-12:00")
    assert hours == WorkHours(frozenset({0, 2, 5}), time(8, 30), time(12))


def test_mixes_ranges_and_single_days_case_insensitively() -> None:
    hours = parse_work_hours("mon-wed,SUN 7:05-9:00")
    assert hours == WorkHours(frozenset({0, 1, 2, 6}), time(7, 5), time(9))


@pytest.mark.parametrize("text", ["off", "OFF", "none", "", "  "])
def test_off_means_no_work_hours(text: str) -> None:
    assert parse_work_hours(text) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Mon-Fri", "expected work hours like"),
        ("Mon-Fri 09:00 - 18:00", "expected work hours like"),
        ("Fri-Mon 09:00-18:00", "runs backwards"),
        ("Mon-Fri 18:00-09:00", "must end after they start"),
        ("Mon-Fri 09:00-09:00", "must end after they start"),
        ("Mon-Fry 09:00-18:00", "unknown day 'Fry'"),
        ("Mon-Fri 9am-6pm", "expected a time like 09:00"),
        ("Mon-Fri 09:00-24:00", "expected a time like 09:00"),
        ("Mon-Fri 09:00:00-18:00", "expected a time like 09:00"),
    ],
)
def test_bad_work_hours_say_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_work_hours(text)


def test_contains_includes_the_start_and_excludes_the_end() -> None:
    hours = parse_work_hours("Mon-Fri 09:00-18:00")
    assert hours is not None
    tuesday = (2026, 11, 24)
    assert hours.contains(local(BERLIN, *tuesday, 9, 0).astimezone(BERLIN))
    assert hours.contains(local(BERLIN, *tuesday, 17, 59).astimezone(BERLIN))
    assert not hours.contains(local(BERLIN, *tuesday, 18, 0).astimezone(BERLIN))
    assert not hours.contains(local(BERLIN, *tuesday, 8, 59).astimezone(BERLIN))
    assert not hours.contains(local(BERLIN, 2026, 11, 28, 12, 0).astimezone(BERLIN))  # Sat


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ({0, 1, 2, 3, 4}, "Mon-Fri"),
        ({0, 1}, "Mon,Tue"),
        ({5, 6}, "Sat,Sun"),
        ({0, 2, 4}, "Mon,Wed,Fri"),
        (set(range(7)), "Mon-Sun"),
    ],
)
def test_str_writes_days_compactly(days: set[int], text: str) -> None:
    assert str(WorkHours(frozenset(days), time(9), time(17, 30))) == f"{text} 09:00-17:30"


@st.composite
def work_hours(draw: st.DrawFn) -> WorkHours:
    start = draw(st.integers(0, 24 * 60 - 2))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    days = draw(st.frozensets(st.integers(0, 6), min_size=1))
    return WorkHours(days, time(*divmod(start, 60)), time(*divmod(end, 60)))


@settings(max_examples=200, deadline=None)
@given(work_hours())
def test_work_hours_read_back_from_their_text(hours: WorkHours) -> None:
    assert parse_work_hours(str(hours)) == hours
