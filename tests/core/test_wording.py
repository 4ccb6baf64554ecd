"""How instants and durations read to a person."""

from __future__ import annotations

from datetime import timedelta

import pytest

from heattimer.core.wording import clock, span, when

from .build import BERLIN, KOLKATA, NEW_YORK, NOW, local, minutes


@pytest.mark.parametrize(
    ("instant", "text"),
    [
        (local(BERLIN, 2026, 11, 24, 18, 30), "18:30"),
        (local(BERLIN, 2026, 11, 24, 0, 0), "00:00"),
        (local(BERLIN, 2026, 11, 25, 0, 0), "tomorrow 00:00"),
        (local(BERLIN, 2026, 11, 23, 23, 59), "yesterday 23:59"),
        (local(BERLIN, 2026, 11, 26, 5, 0), "Thu 05:00"),
        (local(BERLIN, 2026, 11, 30, 9, 0), "Mon 09:00"),
        (local(BERLIN, 2026, 12, 1, 9, 0), "Tue 1 Dec 09:00"),
        (local(BERLIN, 2026, 11, 20, 9, 0), "Fri 20 Nov 09:00"),
    ],
)
def test_when_shows_the_day_only_when_it_is_not_today(instant, text: str) -> None:
    assert when(instant, NOW, BERLIN) == text  # NOW is Tuesday 24 Nov, 15:00 in Berlin


def test_when_uses_the_local_day_of_the_zone() -> None:
    # 23:30 UTC on the 24th is still the 24th in New York but the 25th in Kolkata.
    late = local(NEW_YORK, 2026, 11, 24, 18, 30)
    assert when(late, NOW, NEW_YORK) == "18:30"
    assert when(late, NOW, KOLKATA) == "tomorrow 05:00"


def test_when_counts_calendar_days_across_a_dst_change() -> None:
    saturday = local(BERLIN, 2026, 10, 24, 23, 0)
    monday = local(BERLIN, 2026, 10, 26, 0, 30)  # 26.5 hours later, two days on
    assert when(monday, saturday, BERLIN) == "Mon 00:30"
    assert when(local(BERLIN, 2026, 10, 25, 23, 30), saturday, BERLIN) == "tomorrow 23:30"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=0), "0 s"),
        (timedelta(seconds=45), "45 s"),
        (timedelta(seconds=59, microseconds=1), "1 min"),
        (timedelta(seconds=60), "1 min"),
        (timedelta(seconds=61), "2 min"),
        (minutes(12), "12 min"),
        (minutes(60), "1 h"),
        (minutes(31 * 60 + 12), "31 h 12 min"),
        (timedelta(hours=71, minutes=59), "71 h 59 min"),
        (timedelta(hours=72), "3 d"),
        (timedelta(days=3, hours=4), "3 d 4 h"),
        (timedelta(seconds=-5), "0 s"),
    ],
)
def test_span_rounds_up_to_the_minute(delta: timedelta, text: str) -> None:
    assert span(delta) == text


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (minutes(15), "15:00"),
        (timedelta(minutes=14, seconds=59, microseconds=1), "15:00"),
        (timedelta(minutes=14, seconds=59), "14:59"),
        (timedelta(seconds=0), "00:00"),
        (timedelta(seconds=-3), "00:00"),
        (timedelta(hours=1, minutes=2, seconds=3), "1:02:03"),
    ],
)
def test_clock_counts_down_in_whole_seconds_rounded_up(delta: timedelta, text: str) -> None:
    assert clock(delta) == text
