"""The plain data every rule works on: sessions, injuries, break outcomes.

All instants are timezone-aware datetimes in UTC. Records are immutable;
a change to a record is a new value (``record._replace(...)``).
They are named tuples (core/record.py) rather than frozen dataclasses: the dataclasses
module and its class generation cost `heattimer status` about 10 ms, two thirds of the
time it may take beyond its floor.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from heattimer.core.record import Record

ACCIDENTAL_START = timedelta(seconds=60)
"""A heat session stopped within this long of its start was started by accident."""


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
    RedFlag.RADIATING_PAIN: "Sharp or radiating pain",
    RedFlag.NUMBNESS: "Numbness or tingling",
    RedFlag.TRAUMA: "Sudden onset after a fall or accident",
    RedFlag.NERVE_OR_DISC: "Suspected nerve pain or disc injury",
    RedFlag.OPEN_WOUND: "An open wound where the heat would go",
}
"""How each red flag reads to a person (the seed's own words where it has them)."""

AREA_WORDING: dict[Area, str] = {
    Area.LOWER_BACK: "Lower back",
    Area.UPPER_BACK: "Upper back",
    Area.SHOULDER: "Shoulder",
    Area.NECK: "Neck",
    Area.OTHER: "Somewhere else",
}


class BreakOutcome(StrEnum):
    """What the person did with a posture-break popup."""

    DONE = "done"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    MISSED = "missed"


class Session(Record):
    """One heat or cold session, running or ended.

    ``ends_at`` is the planned deadline. ``ended_at`` is when it really
    ended; it is None while the session has not been closed in the record,
    and a session whose deadline has passed counts as ended at its deadline
    whether or not the record was closed yet.
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

    def accidental(self, now: datetime) -> bool:
        """True for a session stopped within 60 s of its start: it does not count."""
        end = self.end(now)
        return self.stopped and end is not None and end - self.started_at <= ACCIDENTAL_START

    def counts(self, now: datetime) -> bool:
        """True if this is a heat session that counts toward the day and the cool-down."""
        return self.kind is Kind.HEAT and self.started_at <= now and not self.accidental(now)


class Injury(Record):
    """An injury as logged: when it happened, where, and any red flags."""

    id: str
    at: datetime
    area: Area = Area.LOWER_BACK
    red_flags: frozenset[RedFlag] = frozenset()
    note: str = ""
    logged_at: datetime | None = None
    removed_at: datetime | None = None
    cleared_at: datetime | None = None

    def active(self, now: datetime) -> bool:
        """True if the injury has happened and was not removed as a mistake."""
        return self.at <= now and (self.removed_at is None or self.removed_at > now)

    def holds_heat(self, now: datetime) -> bool:
        """True if a red flag holds heat until a professional clears the person."""
        cleared = self.cleared_at is not None and self.cleared_at <= now
        return self.active(now) and bool(self.red_flags) and not cleared


class BreakRecord(Record):
    """One posture-break outcome."""

    id: str
    at: datetime
    outcome: BreakOutcome
    exercise: str = ""


class RecoveryHold(Record):
    """The state file was damaged and restored from an older backup (or started empty):
    injuries, red flags or clearances logged after ``backup_at`` may be missing, so heat
    waits until the person has looked at their injury log and confirmed it."""

    at: datetime
    """When the damage was found and the file restored."""
    backup_at: datetime | None
    """When the backup that was restored was taken; None if no backup was good (empty)."""
    moved_to: str
    """The name the damaged file was moved to, beside the state file."""
