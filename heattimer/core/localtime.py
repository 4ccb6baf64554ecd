"""Local days: which calendar day an instant belongs to, and when a day starts.

Instants are UTC; the zone is an argument. A day with a DST change is still one day
(23 or 25 hours long). Where a zone's clocks skip midnight (America/Santiago and
America/Havana spring forward at 00:00) the day starts at the first instant that shows
its date, 01:00; where midnight comes twice, at the first. Found by looking, not by
trusting how a tzinfo resolves a time that does not exist (the C library's answer for a
skipped midnight is 23:00 the day before).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

_SECOND = timedelta(seconds=1)
_SEARCH_S = 26 * 3600
"""Every zone's day starts within this many seconds of where 00:00 is first guessed."""


def local_date(instant: datetime, zone: tzinfo) -> date:
    """The local calendar date of ``instant``."""
    return instant.astimezone(zone).date()


def first_of_last(days: int, now: datetime, zone: tzinfo) -> date:
    """The first local date of the last ``days`` days, today included."""
    return local_date(now, zone) - timedelta(days=days - 1)


def day_start(day: date, zone: tzinfo) -> datetime:
    """The first instant (UTC) whose local date is ``day``."""
    guess = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    if local_date(guess, zone) == day and local_date(guess - _SECOND, zone) < day:
        return guess  # the plain case: midnight exists, once or first of two
    # Look for it, to the second (clocks change on whole seconds): before the start the
    # date is earlier, from it on it is ``day`` or later (a repeated hour never reaches
    # back over midnight into a date already left).
    low, high = -_SEARCH_S, _SEARCH_S
    while high - low > 1:
        middle = (low + high) // 2
        if local_date(guess + middle * _SECOND, zone) < day:
            low = middle
        else:
            high = middle
    return guess + high * _SECOND


def next_day_start(instant: datetime, zone: tzinfo) -> datetime:
    """The first instant of the local day after the one holding ``instant``."""
    return day_start(local_date(instant, zone) + timedelta(days=1), zone)
