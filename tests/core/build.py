"""Builders for the records the core rules read, with readable defaults.

Every instant is UTC; ``local(...)`` turns a wall-clock time in a zone into one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from heattimer.core.model import Area, Injury, Kind, RedFlag, Session

_ids = itertools.count(1)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
KOLKATA = ZoneInfo("Asia/Kolkata")

NOW = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
"""A fixed instant (a Tuesday) used wherever the exact date does not matter."""

MICRO = timedelta(microseconds=1)
MS = timedelta(milliseconds=1)


def utc(*fields: int) -> datetime:
    """A UTC instant from year, month, day[, hour, minute, second]."""
    return datetime(*fields, tzinfo=UTC)


def local(zone: ZoneInfo, *fields: int, fold: int = 0) -> datetime:
    """The UTC instant of a local wall-clock time in ``zone``."""
    return datetime(*fields, tzinfo=zone, fold=fold).astimezone(UTC)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def days(n: float) -> timedelta:
    return timedelta(days=n)


def heat(
    start: datetime,
    length: int = 15,
    *,
    stopped_after: timedelta | None = None,
    closed: bool = True,
    manual: bool = False,
) -> Session:
    """A timer heat session from ``start``; stopped early if ``stopped_after`` is given.

    Without a stop, the session is recorded as ended at its deadline (``closed``)
    or left open, as the store leaves it until someone looks.
    """
    return _session(Kind.HEAT, start, length, stopped_after, closed, manual)


def cold(start: datetime, length: int = 15, *, stopped_after: timedelta | None = None) -> Session:
    """A timer cold session from ``start``."""
    return _session(Kind.COLD, start, length, stopped_after, True, False)


def manual(start: datetime, length: int, kind: Kind = Kind.HEAT) -> Session:
    """A session done away from the computer, recorded afterwards."""
    return _session(kind, start, length, None, True, True)


def _session(
    kind: Kind,
    start: datetime,
    length: int,
    stopped_after: timedelta | None,
    closed: bool,
    is_manual: bool,
) -> Session:
    ends_at = start + timedelta(minutes=length)
    if stopped_after is not None:
        stop = start + stopped_after
        return Session(f"s{next(_ids)}", kind, start, ends_at, stop, True, stop)
    ended = ends_at if closed else None
    return Session(f"s{next(_ids)}", kind, start, ends_at, ended, manual=is_manual)


def running(session: Session) -> Session:
    """The same session as recorded while it still runs."""
    return Session(session.id, session.kind, session.started_at, session.ends_at)


def injury(
    at: datetime,
    flags: Iterable[RedFlag] = (),
    *,
    cleared: datetime | None = None,
    removed: datetime | None = None,
    logged: datetime | None = None,
    area: Area = Area.LOWER_BACK,
) -> Injury:
    """An injury that happened at ``at`` (and was logged then, unless ``logged`` says later)."""
    return Injury(
        f"i{next(_ids)}",
        at,
        area,
        frozenset(flags),
        logged_at=at if logged is None else logged,
        removed_at=removed,
        cleared_at=cleared,
    )
