"""The plain data every rule works on: sessions, injuries, break outcomes.

All instants are timezone-aware datetimes in UTC. Records are immutable;
a change to a record is a new value (``record._replace(...)``). A record keeps the
wall clock's instants from when it was written, with a real-time stamp beside them; the
rules see it placed on the clock as it reads now (core/moment.py).
They are typing.NamedTuples rather than frozen dataclasses: the dataclasses module and
its class generation would cost `heattimer status` about 10 ms. This module, like every
one that defines records, evaluates its annotations (no ``from __future__ import
annotations``): typing would otherwise compile each field's annotation as a string.
"""

from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from heattimer.core.moment import Moment, Stamp, clock_step, placed
from heattimer.i18n import _

ACCIDENTAL_START = timedelta(seconds=60)
"""A heat session stopped less than this long after its start may have been started by
accident (core/rules.py: if no heat session came just before it)."""


class Kind(StrEnum):
    """What a session puts on the body."""

    HEAT = "heat"
    COLD = "cold"


class Area(StrEnum):
    """Where an injury is."""

    LOWER_BACK = "lower-back"
    UPPER_BACK = "upper-back"
    SHOULDER = "shoulder"
    NECK = "neck"
    OTHER = "other"


class RedFlag(StrEnum):
    """Symptoms for which the seed says: see a professional before using heat."""

    RADIATING_PAIN = "radiating-pain"
    NUMBNESS = "numbness"
    TRAUMA = "trauma"
    NERVE_OR_DISC = "nerve-or-disc"
    OPEN_WOUND = "open-wound"


RED_FLAG_WORDING: dict[RedFlag, str] = {
    RedFlag.RADIATING_PAIN: _("Sharp or radiating pain"),
    RedFlag.NUMBNESS: _("Numbness or tingling"),
    RedFlag.TRAUMA: _("Sudden onset after a fall or accident"),
    RedFlag.NERVE_OR_DISC: _("Suspected nerve pain or disc injury"),
    RedFlag.OPEN_WOUND: _("An open wound where the heat would go"),
}
"""How each red flag reads to a person (the seed's own words where it has them)."""

RED_FLAG_IN_SENTENCE: dict[RedFlag, str] = {
    RedFlag.RADIATING_PAIN: _("sharp or radiating pain"),
    RedFlag.NUMBNESS: _("numbness or tingling"),
    RedFlag.TRAUMA: _("sudden onset after a fall or accident"),
    RedFlag.NERVE_OR_DISC: _("suspected nerve pain or disc injury"),
    RedFlag.OPEN_WOUND: _("an open wound where the heat would go"),
}
"""Each red flag inside a sentence ("heat is on hold because of numbness or tingling"): not
``RED_FLAG_WORDING`` lowered, since German keeps its nouns' capitals."""

AREA_WORDING: dict[Area, str] = {
    Area.LOWER_BACK: _("Lower back"),
    Area.UPPER_BACK: _("Upper back"),
    Area.SHOULDER: _("Shoulder"),
    Area.NECK: _("Neck"),
    Area.OTHER: _("Somewhere else"),
}


class BreakOutcome(StrEnum):
    """What the person did with a posture-break popup."""

    DONE = "done"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    MISSED = "missed"


class Session(NamedTuple):
    """One heat or cold session, running or ended.

    ``ends_at`` is the planned deadline. ``ended_at`` is when it really
    ended; it is None while the session has not been closed in the record,
    and a session whose deadline has passed counts as ended at its deadline
    whether or not the record was closed yet.

    As stored, instants are the wall clock's when they were written; the rules see a
    session placed on the clock as it reads now (``placed_at``, core/moment.py).
    """

    id: str
    kind: Kind
    started_at: datetime
    ends_at: datetime
    ended_at: datetime | None = None
    stopped: bool = False
    confirmed_off_at: datetime | None = None
    warmup: bool = False
    manual: bool = False
    recorded_at: datetime | None = None
    """When it was written down (a session recorded afterwards: later than its start);
    None means at its start."""
    stamp: Stamp | None = None
    """The real-time clock at ``recorded_at``."""
    stop_stamp: Stamp | None = None
    """The real-time clock at ``ended_at``, for a session that was stopped."""
    day_ends_at: datetime | None = None
    """The end of the local day it started in, in the zone where it started."""
    cool_down_minutes: int | None = None
    """The cool-down setting when it started (a setting loosened later does not shorten
    the cool-down after this session)."""
    daily_cap: int | None = None
    """The daily cap when it started (loosened later, it applies from the next day)."""

    def end(self, now: datetime) -> datetime | None:
        """When the session ended as seen at ``now``, or None if it is still running."""
        if self.ended_at is not None:
            return self.ended_at
        return self.ends_at if self.ends_at <= now else None

    def running(self, now: datetime) -> bool:
        """True if the session has started and not ended at ``now``."""
        return self.started_at <= now and self.end(now) is None

    def remaining(self, now: datetime) -> timedelta:
        """Time left until the deadline (zero once it has passed or the session ended)."""
        if not self.running(now):
            return timedelta(0)
        return self.ends_at - now

    def left(self, now: datetime) -> float:
        """The share of the session still to run at ``now``: 1.0 at its start, 0.0 at its end."""
        total = (self.ends_at - self.started_at).total_seconds()
        return self.remaining(now).total_seconds() / total if total > 0 else 0.0

    def heat_time(self, now: datetime) -> timedelta:
        """How long the session has run (heat or cold), up to ``now``."""
        end = self.end(now) or now
        return max(end - self.started_at, timedelta(0))

    def short(self, now: datetime) -> bool:
        """True for a session stopped less than 60 s after its start (an accidental start,
        unless another heat session came just before it: core/rules.py decides)."""
        end = self.end(now)
        return self.stopped and end is not None and end - self.started_at < ACCIDENTAL_START

    def placed_at(self, now: Moment) -> "Session":
        """The session on the wall clock as it reads ``now`` (core/moment.py)."""
        step = clock_step(self.recorded_at or self.started_at, self.stamp, now)
        if self.stopped and self.ended_at is not None:
            end_step = clock_step(self.ended_at, self.stop_stamp, now)
        else:
            end_step = step
        if not step and not end_step:
            return self  # the clock has not stepped since: every instant stands (and the
            # history of years, all of it so, is read without copying each session)
        return self._replace(
            started_at=self.started_at + step,
            ends_at=self.ends_at + step,
            ended_at=placed(self.ended_at, end_step),
            confirmed_off_at=placed(self.confirmed_off_at, end_step),
            recorded_at=placed(self.recorded_at, step),
            day_ends_at=placed(self.day_ends_at, step),
        )


class Injury(NamedTuple):
    """An injury as logged: when it happened, where, and any red flags."""

    id: str
    at: datetime
    area: Area = Area.LOWER_BACK
    red_flags: frozenset[RedFlag] = frozenset()
    note: str = ""
    logged_at: datetime | None = None
    removed_at: datetime | None = None
    cleared_at: datetime | None = None
    stamp: Stamp | None = None
    """The real-time clock at ``logged_at``."""
    removed_stamp: Stamp | None = None
    cleared_stamp: Stamp | None = None

    def active(self, now: datetime) -> bool:
        """True if the injury has happened and was not removed as a mistake."""
        return self.at <= now and (self.removed_at is None or self.removed_at > now)

    def holds_heat(self, now: datetime) -> bool:
        """True if a red flag holds heat until a professional clears the person."""
        cleared = self.cleared_at is not None and self.cleared_at <= now
        return self.active(now) and bool(self.red_flags) and not cleared

    def placed_at(self, now: Moment) -> "Injury":
        """The injury on the wall clock as it reads ``now`` (core/moment.py)."""
        logged = self.logged_at or self.at
        step = clock_step(logged, self.stamp, now)
        removed = None
        if self.removed_at is not None:
            removed = self.removed_at + clock_step(self.removed_at, self.removed_stamp, now)
        cleared = None
        if self.cleared_at is not None:
            cleared = self.cleared_at + clock_step(self.cleared_at, self.cleared_stamp, now)
        return self._replace(
            at=self.at + step,
            logged_at=placed(self.logged_at, step),
            removed_at=removed,
            cleared_at=cleared,
        )


class BreakRecord(NamedTuple):
    """One posture-break outcome."""

    id: str
    at: datetime
    outcome: BreakOutcome
    exercise: str = ""


class RecoveryHold(NamedTuple):
    """The state file was damaged and restored from an older backup (or started empty):
    injuries, red flags or clearances logged after ``backup_at`` may be missing, so heat
    waits until the person has looked at their injury log and confirmed it."""

    at: datetime
    """When the damage was found and the file restored."""
    backup_at: datetime | None
    """When the backup that was restored was taken; None if no backup was good (empty)."""
    moved_to: str
    """The name the damaged file was moved to, beside the state file."""
