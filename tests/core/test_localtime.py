"""Local days: a day with a DST change is still one day."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heattimer.core.localtime import day_start, local_date, next_day_start

from .build import BERLIN, LORD_HOWE, MICRO, NEW_YORK, utc
from .simulation import ANCHORS, ZONE_NAMES


@pytest.mark.parametrize(
    ("zone", "day", "length"),
    [
        (BERLIN, (2026, 3, 29), timedelta(hours=23)),
        (BERLIN, (2026, 10, 25), timedelta(hours=25)),
        (NEW_YORK, (2026, 3, 8), timedelta(hours=23)),
        (NEW_YORK, (2026, 11, 1), timedelta(hours=25)),
        (LORD_HOWE, (2026, 4, 5), timedelta(hours=24, minutes=30)),
        (LORD_HOWE, (2026, 10, 4), timedelta(hours=23, minutes=30)),
        (BERLIN, (2026, 11, 24), timedelta(hours=24)),
    ],
)
def test_a_dst_day_is_one_day_of_23_to_25_hours(zone, day, length: timedelta) -> None:
    start = day_start(datetime(*day).date(), zone)
    assert next_day_start(start, zone) - start == length
    assert local_date(next_day_start(start, zone) - MICRO, zone) == datetime(*day).date()


def test_day_start_is_local_midnight_in_utc() -> None:
    assert day_start(datetime(2026, 3, 29).date(), BERLIN) == utc(2026, 3, 28, 23)
    assert day_start(datetime(2026, 3, 30).date(), BERLIN) == utc(2026, 3, 29, 22)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(ZONE_NAMES).flatmap(
        lambda name: st.tuples(
            st.just(name),
            st.sampled_from(ANCHORS[name]),
            st.integers(-3 * 86400 * 10**6, 3 * 86400 * 10**6),
        )
    )
)
def test_next_day_start_is_the_first_instant_of_the_next_local_day(case) -> None:
    name, anchor, offset = case
    zone = ZoneInfo(name)
    instant = anchor + timedelta(microseconds=offset)
    start = next_day_start(instant, zone)
    assert start > instant
    assert start.tzinfo is UTC or start.utcoffset() == timedelta(0)
    assert local_date(start, zone) == local_date(instant, zone) + timedelta(days=1)
    assert local_date(start - MICRO, zone) == local_date(instant, zone)
    assert start.astimezone(zone).time() == time(0, 0)


def test_in_every_zone_each_day_of_2026_starts_at_its_first_instant() -> None:
    # Every IANA zone on this computer, every day: where midnight is skipped (Santiago,
    # Havana) or comes twice, the day starts at the first instant that shows its date.
    from zoneinfo import available_timezones

    second = timedelta(seconds=1)
    checked = 0
    for name in sorted(available_timezones()):
        zone = ZoneInfo(name)
        day = datetime(2026, 1, 1).date()
        while day.year == 2026:
            start = day_start(day, zone)
            assert local_date(start, zone) == day, (name, day)
            assert local_date(start - second, zone) < day, (name, day)
            day += timedelta(days=1)
            checked += 1
    assert checked > 300 * 365


@pytest.mark.parametrize(
    ("name", "day", "first"),
    [
        ("America/Santiago", (2026, 9, 6), "2026-09-06T01:00:00-03:00"),
        ("America/Havana", (2026, 3, 8), "2026-03-08T01:00:00-04:00"),
        ("America/Havana", (2026, 11, 1), "2026-11-01T00:00:00-04:00"),
    ],
)
def test_a_skipped_or_doubled_midnight_starts_the_day_at_its_first_instant(
    name: str, day: tuple[int, int, int], first: str
) -> None:
    zone = ZoneInfo(name)
    assert day_start(datetime(*day).date(), zone).astimezone(zone).isoformat() == first
