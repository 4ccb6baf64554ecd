"""The safety rules decided again from the ground truth: real time, not the wall clock.

The state machine (test_invariants.py) drives the real service on a real state file with
a clock whose wall face steps back and forward, a computer that sleeps and a zone that
changes. This module keeps what really happened, in real time (``true``), and knows the
wall clock's error at every moment (``offset``): it never reads a stamp, a placed record or
anything of the code under test. From that it says whether heat may start now.

The rules as the person may rely on them (README, "The rules"), in real time:
- one session at a time, running its length in real time unless stopped;
- an injury blocks heat for 48 h after it happened; a red flag holds until cleared;
- no heat within the cool-down (the longer of the setting at the session's start and
  now, and at least 40 min) after a counted heat session;
- a heat session stopped less than 60 s after its start is an accidental start, which
  counts for neither the cap nor the cool-down, unless a heat session ended within the
  cool-down before it;
- a session belongs to today while the day it started on (in its zone, on the clock then)
  has not ended in real time, or while it is on today's date in the zone now, on the clock
  now; at most ``cap`` counted sessions and ``cap`` x 20 min of heat a day, the cap being
  the lowest in force at any of today's starts and now;
- heat at a stretch (accidental starts just before included) is at most 20 min.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from heattimer.core.localtime import local_date, next_day_start

STRETCH = timedelta(minutes=20)
INJURY_BLOCK = timedelta(hours=48)
ACCIDENT = timedelta(seconds=60)
FLOOR = timedelta(minutes=40)
SHORTEST = timedelta(minutes=1)


@dataclass
class Heat:
    """A session as it really went (real-time instants)."""

    id: str
    cold: bool
    start: datetime
    planned_end: datetime
    wall_start: datetime
    """The wall clock at its start (for a session recorded afterwards: its ``--at``)."""
    zone: ZoneInfo
    cool: timedelta
    cap: int
    stop: datetime | None = None
    manual: bool = False

    def end(self) -> datetime:
        return self.stop if self.stop is not None else self.planned_end

    def length(self) -> timedelta:
        return self.end() - self.start

    @property
    def day_ends(self) -> datetime:
        """When the day it started on ends, in real time."""
        return self.start + (next_day_start(self.wall_start, self.zone) - self.wall_start)


@dataclass
class Hurt:
    """An injury as it really went."""

    id: str
    at: datetime
    red_flag: bool
    cleared: datetime | None = None
    removed: datetime | None = None


@dataclass
class Truth:
    """What happened, and the wall clock's error and zone now."""

    offset: timedelta = timedelta(0)
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Berlin"))
    cool_setting: timedelta = timedelta(minutes=60)
    cap_setting: int = 3
    sessions: list[Heat] = field(default_factory=list)
    injuries: list[Hurt] = field(default_factory=list)

    def running(self, now: datetime) -> Heat | None:
        return next((s for s in self.sessions if s.start <= now < s.end()), None)

    def cool(self, session: Heat) -> timedelta:
        return max(session.cool, self.cool_setting, FLOOR)

    def heat(self) -> list[Heat]:
        return [s for s in self.sessions if not s.cold]

    def accidental(self, session: Heat) -> bool:
        if session.cold or session.stop is None or session.length() >= ACCIDENT:
            return False
        return not any(
            p is not session and p.start < session.start and p.end() + self.cool(p) > session.start
            for p in self.heat()
        )

    def today(self, now: datetime) -> list[Heat]:
        wall_now = now + self.offset
        return [
            s
            for s in self.heat()
            if s.day_ends > now
            or local_date(s.start + self.offset, self.zone) == local_date(wall_now, self.zone)
        ]

    def blocks(self, now: datetime) -> set[str]:
        """The rules that forbid heat at ``now`` (empty: heat may start)."""
        found: set[str] = set()
        if self.running(now) is not None:
            found.add("session_running")
        active = [i for i in self.injuries if i.removed is None or i.removed > now]
        if any(i.red_flag and (i.cleared is None or i.cleared > now) for i in active):
            found.add("red_flag")
        if any(i.at + INJURY_BLOCK > now for i in active):
            found.add("injury")
        day = self.today(now)
        cap = min([self.cap_setting, *(s.cap for s in day)])
        counted = [s for s in day if not self.accidental(s)]
        day_heat = sum((s.length() for s in day), timedelta(0))
        if len(counted) >= cap or cap * STRETCH - day_heat < SHORTEST:
            found.add("daily_cap")
        if any(p.end() + self.cool(p) > now for p in self.heat() if not self.accidental(p)):
            found.add("cool_down")
        return found

    def allowance(self, now: datetime) -> timedelta:
        """The most heat a session may have if it starts at ``now``."""
        day = self.today(now)
        cap = min([self.cap_setting, *(s.cap for s in day)])
        day_left = cap * STRETCH - sum((s.length() for s in day), timedelta(0))
        stretch = sum(
            (
                s.length()
                for s in self.heat()
                if self.accidental(s) and s.end() + self.cool(s) > now
            ),
            timedelta(0),
        )
        return min(STRETCH - stretch, day_left)
