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

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import NamedTuple

from heattimer.core.localtime import first_of_last, local_date
from heattimer.core.model import (
    ACCIDENTAL_START,
    AREA_WORDING,
    BreakOutcome,
    BreakRecord,
    Injury,
    Kind,
    Session,
)
from heattimer.core.recovery import PHASE_STARTS, Phase
from heattimer.core.rules import accidental_starts
from heattimer.core.settings import Settings
from heattimer.core.wording import MONTH_NAMES, WEEKDAYS, span
from heattimer.i18n import _


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
    return first_of_last(days_back, now, zone), local_date(now, zone)


SPANS = (30, 90, 365)
"""The spans of days the History view offers, shortest first."""


class Band(NamedTuple):
    """A recovery phase after an injury, as the local days it covers (both ends in)."""

    phase: Phase
    first: date
    last: date


def bands(injuries: Iterable[Injury], first: date, last: date, zone: tzinfo) -> list[Band]:
    """The recovery phases (acute, subacute, rebuilding) from each injury not removed, as
    local days within ``first``..``last``; a newer injury starts its own phases and ends
    the older one's (the newest injury governs, as core/recovery.py says)."""
    shown = sorted(i.at for i in injuries if i.removed_at is None)
    result: list[Band] = []
    for at, following in zip(shown, [*shown[1:], None], strict=False):
        starts = [(phase, at + after) for phase, after in PHASE_STARTS]
        for (phase, start), (_next, end) in pairwise(starts):
            if following is not None:
                end = min(end, following)
            if start >= end:
                continue
            lo = max(first, local_date(start, zone))
            hi = min(last, local_date(end - timedelta(microseconds=1), zone))
            if lo <= hi:
                result.append(Band(phase, lo, hi))
    return result


class Entry(NamedTuple):
    """One event of a day, as the History view lists it."""

    at: datetime
    text: str


def entries(
    day: date,
    sessions: Iterable[Session],
    counted: set[str],
    breaks: Iterable[BreakRecord],
    injuries: Iterable[Injury],
    now: datetime,
    zone: tzinfo,
    exercise_names: Mapping[str, str],
) -> list[Entry]:
    """What happened on local ``day``, in time order, in words: each session (its kind,
    length, how it ended, whether it counts), each posture break's outcome and its
    exercise, each injury (where, and whether it was cleared or removed)."""
    result = []
    for s in sessions:
        if local_date(s.started_at, zone) != day:
            continue
        end = s.end(now)
        minutes = round(((end or now) - s.started_at).total_seconds() / 60)
        how = (
            _("recorded by hand")
            if s.manual
            else _("running")
            if end is None
            else _("stopped early")
            if s.stopped
            else _("completed")
        )
        what = (
            _("Warm-up heat session")
            if s.warmup
            else _("Heat session")
            if s.kind is Kind.HEAT
            else _("Cold session")
        )
        text = _("{session}, {minutes} min, {how}").format(session=what, minutes=minutes, how=how)
        if s.kind is Kind.HEAT and s.id not in counted:
            text = _("{entry} (not counted: stopped within {span} of starting)").format(
                entry=text, span=span(ACCIDENTAL_START)
            )
        result.append(Entry(s.started_at, text))
    for b in breaks:
        if local_date(b.at, zone) == day:
            name = exercise_names.get(b.exercise, "")
            words = BREAK_WORDS[b.outcome]
            if name:
                words = _("{outcome}: {exercise}").format(outcome=words, exercise=name)
            result.append(Entry(b.at, words))
    for i in injuries:
        if local_date(i.at, zone) == day:
            text = (
                _("Injury logged: {area}, with red flags")
                if i.red_flags
                else _("Injury logged: {area}")
            ).format(area=AREA_WORDING[i.area])
            if i.removed_at:
                text = _("{entry} (removed as logged by mistake)").format(entry=text)
            elif i.cleared_at:
                text = _("{entry} (cleared by a professional)").format(entry=text)
            result.append(Entry(i.at, text))
    result.sort(key=lambda e: e.at)
    return result


BREAK_WORDS = {
    BreakOutcome.DONE: _("Posture break done"),
    BreakOutcome.SNOOZED: _("Posture break snoozed"),
    BreakOutcome.SKIPPED: _("Posture break skipped"),
    BreakOutcome.MISSED: _("Posture break missed (away from the desk)"),
}

BAR_WORDS: dict[Kind | BreakOutcome, str] = {
    Kind.HEAT: _("Heat sessions"),
    Kind.COLD: _("Cold sessions"),
    BreakOutcome.DONE: _("Breaks done"),
    BreakOutcome.SNOOZED: _("Snoozed"),
    BreakOutcome.SKIPPED: _("Skipped"),
    BreakOutcome.MISSED: _("Missed"),
}
"""The chart's legend."""

PHASE_WORDS = {
    Phase.ACUTE: _("Acute: cold only"),
    Phase.SUBACUTE: _("Subacute: low heat"),
    Phase.REBUILDING: _("Rebuilding"),
}
"""The legend of the recovery-phase bands."""

INJURY_WORDS = _("Injury logged")
SESSIONS_CAPTION = _("Heat and cold sessions a day (the line: your daily cap)")
BREAKS_CAPTION = _("Posture breaks a day")
NOTHING = _("Nothing recorded on this day.")


def summary(total: Totals, cap: int) -> list[str]:
    """The totals of the days shown, a line each ("label: count" reads the same for one
    and for many); the streak last, from two days on."""
    lines = [
        _("Heat sessions: {count} (at most {cap} a day)").format(count=total.heat, cap=cap),
        _("Cold sessions: {count}").format(count=total.cold),
        " · ".join(
            _("{label}: {count}").format(label=BAR_WORDS[o], count=count)
            for o, count in total.breaks.items()
        ),
        _("Injuries logged: {count}").format(count=total.injuries),
    ]
    if total.break_streak > 1:
        lines.append(_("Posture breaks taken {days} days running.").format(days=total.break_streak))
    return lines


def day_title(day: date) -> str:
    """A day as the list of its events is headed: "Tue 1 Dec 2026"."""
    return _("{weekday} {day} {month} {year}").format(
        weekday=WEEKDAYS[day.weekday()],
        day=day.day,
        month=MONTH_NAMES[day.month - 1],
        year=day.year,
    )


def axis_label(day: date, shown: int, index: int) -> str:
    """The label under a day of the chart, if it gets one: each Monday ("30 Nov") over a
    month, the first of each month ("Dec", "Jan 2027" over a year) over longer spans."""
    month = MONTH_NAMES[day.month - 1]
    if shown <= 31:
        return _("{day} {month}").format(day=day.day, month=month) if day.weekday() == 0 else ""
    if day.day != 1 or index > shown - 3:
        return ""
    if day.month == 1 and shown > 100:
        return _("{month} {year}").format(month=month, year=day.year)
    return month


def counted(sessions: Sequence[Session], now: datetime, settings: Settings) -> set[str]:
    """The ids of the heat sessions the rules count (all but accidental starts)."""
    return {s.id for s in sessions if s.kind is Kind.HEAT} - accidental_starts(
        sessions, now, settings
    )
