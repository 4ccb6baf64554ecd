"""Local days: which calendar day an instant belongs to, and when a day starts.

Instants are UTC; the zone is an argument. A day with a DST change is still
one day (23 or 25 hours long).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def local_date(instant: datetime, zone: tzinfo) -> date:
    """The local calendar date of ``instant``."""
    return instant.astimezone(zone).date()


def day_start(day: date, zone: tzinfo) -> datetime:
    """The first instant (UTC) of local calendar day ``day``."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def next_day_start(instant: datetime, zone: tzinfo) -> datetime:
    """The first instant of the local day after the one holding ``instant``."""
    return day_start(local_date(instant, zone) + timedelta(days=1), zone)
