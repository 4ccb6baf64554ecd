"""What may be written down: checks on injuries and sessions before they are stored."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo

from heattimer.core.model import Kind, Session
from heattimer.core.wording import when

INJURY_BACKDATE = timedelta(days=30)
MANUAL_MINUTES = range(1, 61)


class Invalid(ValueError):
    """Input that the rules do not accept; nothing is written."""


def check_injury_time(at: datetime, now: datetime) -> None:
    """An injury happened at most 30 days ago and never in the future."""
    if at > now:
        raise Invalid("an injury cannot be logged in the future")
    if at < now - INJURY_BACKDATE:
        raise Invalid("an injury can be logged at most 30 days back")


def check_minutes(minutes: int, allowed: range, what: str) -> None:
    """Minutes within ``allowed``, or Invalid naming the range."""
    if minutes not in allowed:
        raise Invalid(
            f"{what} must be {allowed.start} to {allowed.stop - 1} minutes, not {minutes}"
        )


def check_recorded_time(at: datetime, now: datetime) -> None:
    """A session recorded afterwards started in the last 30 days, not in the future."""
    if at > now:
        raise Invalid("a session cannot be recorded in the future")
    if at < now - INJURY_BACKDATE:
        raise Invalid("a session can be recorded at most 30 days back")


def check_manual_session(
    kind: Kind,
    at: datetime,
    minutes: int,
    sessions: Iterable[Session],
    now: datetime,
    zone: tzinfo,
) -> None:
    """A session done away from the computer: in the past, and overlapping no other."""
    check_minutes(minutes, MANUAL_MINUTES, f"a recorded {kind} session")
    check_recorded_time(at, now)
    end = at + timedelta(minutes=minutes)
    if end > now:
        raise Invalid("that session has not ended yet: use 'heattimer start' for a session now")
    for other in sessions:
        other_end = other.end(now) or other.ends_at
        if at < other_end and other.started_at < end and not other.accidental(now):
            raise Invalid(
                f"it overlaps the {other.kind} session of {when(other.started_at, now, zone)}"
            )
