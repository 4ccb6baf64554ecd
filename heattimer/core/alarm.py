"""The end-of-session alarm: when it rings, and when it stops trying.

At the deadline the alarm rings, then again every minute until the person
confirms the heat is off, for up to 10 minutes. An alarm that was never heard
(the machine slept, or the app was closed) rings once as soon as it can,
however late. The session itself ended at its deadline either way.
"""

from __future__ import annotations

from datetime import datetime, timedelta

REPEAT = timedelta(seconds=60)
GIVE_UP_AFTER = timedelta(minutes=10)


def should_ring(ended_at: datetime, last_rung: datetime | None, now: datetime) -> bool:
    """True if the alarm for a session that ended at ``ended_at`` should ring at ``now``."""
    if now < ended_at:
        return False
    if last_rung is None:
        return True
    if now > ended_at + GIVE_UP_AFTER:
        return False
    return now - last_rung >= REPEAT


def next_ring(ended_at: datetime, last_rung: datetime | None, now: datetime) -> datetime | None:
    """When the alarm will next ring, or None once it has given up."""
    if last_rung is None:
        return max(ended_at, now)
    following = last_rung + REPEAT
    return following if following <= ended_at + GIVE_UP_AFTER else None
