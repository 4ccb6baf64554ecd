"""Times as people type them on the command line."""

from __future__ import annotations

import pytest

from heattimer.core.timeinput import parse_time

from .build import BERLIN, KOLKATA, NEW_YORK, NOW, days, hours, minutes, utc


@pytest.mark.parametrize(
    ("text", "back"),
    [
        ("47h ago", hours(47)),
        ("30m ago", minutes(30)),
        ("30 min ago", minutes(30)),
        ("2d ago", days(2)),
        ("  5 H AGO ", hours(5)),
        ("0m ago", minutes(0)),
    ],
)
def test_ago_counts_back_from_now(text: str, back) -> None:
    assert parse_time(text, NOW, BERLIN) == NOW - back


@pytest.mark.parametrize("text", ["now", "NOW", " now "])
def test_now_is_now(text: str) -> None:
    assert parse_time(text, NOW, BERLIN) == NOW


def test_iso_without_offset_is_local_time_in_the_given_zone() -> None:
    assert parse_time("2026-11-24T18:30", NOW, BERLIN) == utc(2026, 11, 24, 17, 30)
    assert parse_time("2026-11-24T18:30", NOW, NEW_YORK) == utc(2026, 11, 24, 23, 30)
    assert parse_time("2026-11-24T18:30", NOW, KOLKATA) == utc(2026, 11, 24, 13, 0)


def test_iso_without_offset_uses_the_offset_of_that_date_not_of_today() -> None:
    # NOW is in winter time; a July time in Berlin is UTC+2.
    assert parse_time("2026-07-01T12:00", NOW, BERLIN) == utc(2026, 7, 1, 10, 0)


def test_iso_with_an_offset_keeps_its_offset() -> None:
    assert parse_time("2026-11-24T18:30+05:30", NOW, BERLIN) == utc(2026, 11, 24, 13, 0)
    assert parse_time("2026-11-24T18:30Z", NOW, BERLIN) == utc(2026, 11, 24, 18, 30)


def test_result_is_utc() -> None:
    parsed = parse_time("2026-11-24T18:30", NOW, BERLIN)
    assert parsed.utcoffset() is not None
    assert parsed.utcoffset().total_seconds() == 0
    assert parse_time("1h ago", NOW, BERLIN).utcoffset().total_seconds() == 0


@pytest.mark.parametrize(
    "text",
    ["yesterday", "47 hours ago", "-5m ago", "5m", "ago", "24/11/2026 18:30", "", "12:61"],
)
def test_garbage_is_a_value_error_that_shows_how_to_write_a_time(text: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_time(text, NOW, BERLIN)
    message = str(error.value)
    assert repr(text) in message
    assert "2026-11-24T18:30" in message
    assert "47h ago" in message


@pytest.mark.parametrize(
    "text", ["99999999d ago", "9999999999d ago", "0001-01-01T00:00", "9999-12-31T23:59-05:00"]
)
def test_times_beyond_the_calendar_are_a_value_error_too(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read the time"):
        parse_time(text, NOW, BERLIN)
