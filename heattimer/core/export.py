"""The history as rows: what `heattimer history` prints and the History view exports, one
format for both. A session is a row of HISTORY_COLUMNS; with ``--all`` (and from the view)
posture-break outcomes and injuries are rows too, of EVENT_COLUMNS, in time order. CSV has a
header and ISO local times with their offset, so that a spreadsheet opens it cleanly; JSON is
one object per row. The column names and values are a data format: never translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from heattimer.core.model import BreakRecord, Injury, Kind, Session
from heattimer.core.rules import accidental_starts
from heattimer.core.settings import Settings

HISTORY_COLUMNS = ("date", "start", "end", "kind", "minutes", "how", "counts", "warmup", "id")
EVENT_COLUMNS = (*HISTORY_COLUMNS, "detail")
"""``history --all``: the sessions' columns, then what else there is to say of an event."""

Row = tuple[object, ...]


def session_row(session: Session, now: datetime, zone: tzinfo, counts: bool = True) -> Row:
    """One session as a row of HISTORY_COLUMNS: local date and times, length, how it
    ended, whether it counts."""
    start = session.started_at.astimezone(zone)
    end = session.end(now)
    how = (
        "recorded"
        if session.manual
        else "running"
        if end is None
        else "stopped"
        if session.stopped
        else "completed"
    )
    return (
        start.date().isoformat(),
        start.isoformat(timespec="seconds"),
        None if end is None else end.astimezone(zone).isoformat(timespec="seconds"),
        session.kind.value,
        round(((end or now) - session.started_at).total_seconds() / 60),
        how,
        counts and session.kind is Kind.HEAT,
        session.warmup,
        session.id,
    )


def session_rows(
    sessions: Sequence[Session], now: datetime, zone: tzinfo, settings: Settings
) -> list[Row]:
    """The sessions as rows, each saying whether the rules count it."""
    free = accidental_starts(sessions, now, settings)
    return [session_row(s, now, zone, s.id not in free) for s in sessions]


def break_row(record: BreakRecord, zone: tzinfo) -> Row:
    """A posture break's outcome as a row of EVENT_COLUMNS (its exercise as the detail)."""
    at = record.at.astimezone(zone)
    start = at.isoformat(timespec="seconds")
    outcome = record.outcome.value
    return (
        at.date().isoformat(),
        start,
        None,
        "break",
        None,
        outcome,
        None,
        None,
        record.id,
        record.exercise,
    )


def injury_row(injury: Injury, zone: tzinfo) -> Row:
    """An injury as a row of EVENT_COLUMNS: when it happened; how: logged, cleared or
    removed; the detail: where, its red flags and its note."""
    at = injury.at.astimezone(zone)
    how = "removed" if injury.removed_at else "cleared" if injury.cleared_at else "logged"
    flags = " ".join(sorted(flag.value for flag in injury.red_flags))
    detail = "; ".join(part for part in (injury.area.value, flags, injury.note) if part)
    start = at.isoformat(timespec="seconds")
    return (at.date().isoformat(), start, None, "injury", None, how, None, None, injury.id, detail)


def event_rows(
    sessions: Sequence[Session],
    breaks: Sequence[BreakRecord],
    injuries: Sequence[Injury],
    now: datetime,
    zone: tzinfo,
    settings: Settings,
) -> list[Row]:
    """Sessions, posture breaks and injuries, one row each, by when they started."""
    rows = session_rows(sessions, now, zone, settings)
    timed = [(s.started_at, (*row, "")) for s, row in zip(sessions, rows, strict=True)]
    timed += [(b.at, break_row(b, zone)) for b in breaks]
    timed += [(i.at, injury_row(i, zone)) for i in injuries]
    timed.sort(key=lambda pair: pair[0])
    return [row for _, row in timed]


def as_json(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """The rows as a JSON list of objects, by column name."""
    import json

    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], indent=2)


def as_csv(rows: Sequence[Row], columns: Sequence[str]) -> str:
    """The rows as CSV: a header, then one line each (no line break after the last)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().rstrip("\n")
