"""The history as days, for the History view and its totals: what each local day held (heat
and cold sessions against the day's cap, posture breaks by outcome, injuries), and the
streaks ("posture breaks taken 5 days running"). Pure: the sessions, breaks and injuries
come in, days come out.

Rules:
- A session belongs to the local day it started on; a break and an injury to the day they
  happened on (the zone given: the computer's).
- A heat session counts toward the day's bar as the rules count it (``counted``: not an
  accidental start); every session is listed for the day anyway.
- A streak of breaks is the run of days, up to the last day shown, each with at least one
  break done; a day with none ends it. Today, while it has none yet, does not end it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from heattimer.core.localtime import local_date
from heattimer.core.model import BreakOutcome, BreakRecord, Injury, Kind, Session


class Day(NamedTuple):
    """One local day of the history."""

    day: date
    heat: int = 0
    """Heat sessions that count toward the cap."""
    cold: int = 0
    breaks: tuple[tuple[BreakOutcome, int], ...] = ()
    """Posture breaks by outcome (each outcome once, in the order of BreakOutcome)."""
    injuries: int = 0

    def broke(self, outcome: BreakOutcome) -> int:
        """How many breaks ended with ``outcome`` that day."""
        return dict(self.breaks).get(outcome, 0)


class Totals(NamedTuple):
    """What a span of days adds up to."""

    heat: int
    cold: int
    breaks: dict[BreakOutcome, int]
    injuries: int
    break_streak: int
    """Days running, up to the last, with a posture break done (today may still come)."""


def days(
    first: date,
    last: date,
    sessions: Iterable[Session],
    counted: set[str],
    breaks: Iterable[BreakRecord],
    injuries: Iterable[Injury],
    zone: tzinfo,
) -> list[Day]:
    """Each day from ``first`` to ``last``, with what it held; ``counted``: the ids of the
    heat sessions the rules count."""
    heat: dict[date, int] = {}
    cold: dict[date, int] = {}
    outcomes: dict[date, dict[BreakOutcome, int]] = {}
    hurt: dict[date, int] = {}
    for session in sessions:
        day = local_date(session.started_at, zone)
        if session.kind is Kind.COLD:
            cold[day] = cold.get(day, 0) + 1
        elif session.id in counted:
            heat[day] = heat.get(day, 0) + 1
    for record in breaks:
        by = outcomes.setdefault(local_date(record.at, zone), {})
        by[record.outcome] = by.get(record.outcome, 0) + 1
    for injury in injuries:
        if injury.removed_at is None:
            day = local_date(injury.at, zone)
            hurt[day] = hurt.get(day, 0) + 1
    result = []
    day = first
    while day <= last:
        by = outcomes.get(day, {})
        result.append(
            Day(
                day,
                heat.get(day, 0),
                cold.get(day, 0),
                tuple((o, by[o]) for o in BreakOutcome if o in by),
                hurt.get(day, 0),
            )
        )
        day += timedelta(days=1)
    return result


def totals(shown: Sequence[Day], today: date) -> Totals:
    """The sums of ``shown`` (oldest first), and the posture-break streak up to its last
    day (``today``, while it has no break done yet, neither counts nor ends it)."""
    breaks = dict.fromkeys(BreakOutcome, 0)
    for day in shown:
        for outcome, count in day.breaks:
            breaks[outcome] += count
    streak = 0
    for day in reversed(shown):
        if day.broke(BreakOutcome.DONE):
            streak += 1
        elif day.day != today:
            break
    return Totals(
        heat=sum(d.heat for d in shown),
        cold=sum(d.cold for d in shown),
        breaks=breaks,
        injuries=sum(d.injuries for d in shown),
        break_streak=streak,
    )


def span_of(days_back: int, now: datetime, zone: tzinfo) -> tuple[date, date]:
    """The first and last local day of the last ``days_back`` days, today included."""
    last = local_date(now, zone)
    return last - timedelta(days=days_back - 1), last
