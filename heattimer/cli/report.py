"""How the command line shows things: status, injuries and history as text, JSON or CSV."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from heattimer.core import export
from heattimer.core.model import AREA_WORDING, BreakRecord, Injury, Kind, Session
from heattimer.core.settings import SPECS, Settings, setting_text
from heattimer.core.status import Status
from heattimer.core.wording import clock, span, when
from heattimer.i18n import _, ngettext

if TYPE_CHECKING:
    from typing import Any


def iso(instant: datetime | None, zone: tzinfo) -> str | None:
    """An instant as ISO 8601 local time with its offset, or None."""
    return None if instant is None else instant.astimezone(zone).isoformat(timespec="seconds")


def _remaining_s(session: Session, now: datetime) -> int:
    return int(-(-session.remaining(now).total_seconds() // 1))


def status_data(status: Status, zone: tzinfo) -> dict[str, Any]:
    """The status as one JSON object (schema in the README)."""
    now, heat, recovery = status.now, status.heat, status.recovery
    session = status.session
    return {
        "now": iso(now, zone),
        "heat": {
            "allowed": heat.allowed,
            "reason": None if heat.reason is None else heat.reason.value,
            "available_at": iso(heat.available_at, zone),
            "message": heat.message,
        },
        "cold": {"offered": status.cold_offered, "minutes": status.settings.cold_minutes},
        "today": {
            "date": now.astimezone(zone).date().isoformat(),
            "sessions": status.today_sessions,
            "cap": status.today_cap,
        },
        "session": None
        if session is None
        else {
            "id": session.id,
            "kind": session.kind.value,
            "started_at": iso(session.started_at, zone),
            "ends_at": iso(session.ends_at, zone),
            "remaining_s": _remaining_s(session, now),
            "warmup": session.warmup,
        },
        "unconfirmed": None
        if status.unconfirmed is None
        else {
            "id": status.unconfirmed.id,
            "ended_at": iso(status.unconfirmed.end(now), zone),
        },
        "recovery": {
            "phase": recovery.phase.value,
            "title": recovery.title,
            "injury_id": None if recovery.injury is None else recovery.injury.id,
            "day": recovery.day,
            "next_phase": None if recovery.next_phase is None else recovery.next_phase.value,
            "next_phase_at": iso(recovery.next_phase_at, zone),
            "therapy": recovery.therapy,
            "advice": recovery.advice,
            "see_professional": recovery.see_professional,
        },
        "breaks": {
            "enabled": status.settings.breaks,
            "interval_minutes": status.settings.break_interval_minutes,
            "next_at": iso(status.next_break, zone),
        },
        "settings": settings_data(status.settings),
    }


def status_text(status: Status, zone: tzinfo) -> str:
    """The status as a few lines for people."""
    now, settings, recovery = status.now, status.settings, status.recovery
    lines = [_("Heat: {message}").format(message=status.heat.message)]
    if status.session is not None:
        s = status.session
        left, ends = clock(s.remaining(now)), when(s.ends_at, now, zone)
        if s.kind is Kind.HEAT:
            running = _("Running: heat session, {left} left (ends {time})")
        else:
            running = _("Running: cold session, {left} left (ends {time})")
        lines.append(running.format(left=left, time=ends))
    if status.cold_offered:
        lines.append(
            _("Cold: offered instead ({minutes} min: 'heattimer start --cold')").format(
                minutes=settings.cold_minutes
            )
        )
    cap = settings.daily_cap
    today = ngettext(
        "Today: {used} of {cap} heat sessions", "Today: {used} of {cap} heat sessions", cap
    )
    lines.append(today.format(used=status.today_sessions, cap=cap))
    phase = recovery.title
    if recovery.day is not None:
        phase = _("{phase}, day {day}").format(phase=phase, day=recovery.day)
    lines.append(_("Recovery: {phase}. {advice}").format(phase=phase, advice=recovery.advice))
    if recovery.next_phase is not None and recovery.next_phase_at is not None:
        from heattimer.core.recovery import SHORT_NAMES

        lines.append(
            _("Next phase: {phase} from {time} (in {wait})").format(
                phase=SHORT_NAMES[recovery.next_phase],
                time=when(recovery.next_phase_at, now, zone),
                wait=span(recovery.next_phase_at - now),
            )
        )
    if recovery.see_professional:
        from heattimer.core.recovery import PROFESSIONAL_NOTE

        lines.append(PROFESSIONAL_NOTE)
    if not settings.breaks:
        lines.append(_("Posture breaks: off"))
    elif status.next_break is None:
        lines.append(_("Posture breaks: scheduled when the Heat Timer app runs"))
    else:
        lines.append(
            _("Next posture break: {time}").format(time=when(status.next_break, now, zone))
        )
    return "\n".join(lines)


def settings_data(settings: Settings) -> dict[str, Any]:
    """Settings by key, as numbers, booleans or text."""
    data: dict[str, Any] = {}
    for key, spec in SPECS.items():
        value = getattr(settings, spec.field)
        data[key] = value if isinstance(value, bool | int) else setting_text(settings, key)
    return data


def settings_text(settings: Settings, extra: dict[str, tuple[bool, str]] | None = None) -> str:
    """One line a setting: key, value, and what it is; ``extra``: switches kept elsewhere
    (start at login), each with its state and what it is."""
    rows = [(key, setting_text(settings, key), spec.help) for key, spec in SPECS.items()]
    rows += [(key, "on" if on else "off", help) for key, (on, help) in (extra or {}).items()]
    width = max(len(key) for key, _, _ in rows)
    return "\n".join(f"{key:<{width}}  {value:<8}  {help}" for key, value, help in rows)


def injury_data(injury: Injury, zone: tzinfo) -> dict[str, Any]:
    """One injury as a JSON object."""
    return {
        "id": injury.id,
        "at": iso(injury.at, zone),
        "area": injury.area.value,
        "red_flags": sorted(flag.value for flag in injury.red_flags),
        "note": injury.note,
        "logged_at": iso(injury.logged_at, zone),
        "cleared": injury.cleared_at is not None,
        "cleared_at": iso(injury.cleared_at, zone),
        "removed": injury.removed_at is not None,
        "removed_at": iso(injury.removed_at, zone),
    }


def injuries_text(injuries: list[Injury], now: datetime, zone: tzinfo) -> str:
    """Injuries as a table for people."""
    from heattimer.core import injury_log  # (not on the path of `status`)

    if not injuries:
        return injury_log.NONE_LOGGED
    rows: list[tuple[str, ...]] = [
        (_("ID"), _("WHEN"), _("AREA"), _("RED FLAGS"), _("STATE"), _("NOTE"))
    ]
    for injury in injuries:
        flags = injury_log.flags_text(injury) or "-"
        rows.append(
            (
                injury.id[:8],
                when(injury.at, now, zone),
                AREA_WORDING[injury.area],
                flags,
                injury_log.state_text(injury, now, zone),
                injury.note,
            )
        )
    return _table(rows)


COLUMN_HEADINGS = {
    "date": _("DATE"),
    "start": _("START"),
    "end": _("END"),
    "kind": _("KIND"),
    "minutes": _("MINUTES"),
    "how": _("HOW"),
    "counts": _("COUNTS"),
    "warmup": _("WARMUP"),
    "detail": _("DETAIL"),
}
"""The table's headings for export's columns (CSV and JSON keep the column names)."""
VALUE_WORDS = {
    "heat": _("heat"),
    "cold": _("cold"),
    "break": _("break"),
    "injury": _("injury"),
    "recorded": _("recorded"),
    "running": _("running"),
    "stopped": _("stopped"),
    "completed": _("completed"),
    "done": _("done"),
    "snoozed": _("snoozed"),
    "skipped": _("skipped"),
    "missed": _("missed"),
    "logged": _("logged"),
    "cleared": _("cleared"),
    "removed": _("removed"),
}
"""The table's words for export's values of ``kind`` and ``how`` (CSV and JSON keep them)."""


def _cell(value: object, column: str = "") -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and len(value) > 16 and value[10:11] == "T":
        return value[11:16]  # an ISO instant: its local hh:mm
    if column in ("kind", "how") and isinstance(value, str):
        return VALUE_WORDS.get(value, value)
    return "" if value is None else str(value)


def events_output(
    sessions: list[Session],
    breaks: list[BreakRecord],
    injuries: list[Injury],
    now: datetime,
    zone: tzinfo,
    form: str,
    settings: Settings,
) -> str:
    """Sessions, posture breaks and injuries, one row each, by when they started."""
    rows = export.event_rows(sessions, breaks, injuries, now, zone, settings)
    return _rows_output(rows, export.EVENT_COLUMNS, form, _("No events in that time."))


def history_output(
    sessions: list[Session], now: datetime, zone: tzinfo, form: str, settings: Settings
) -> str:
    """Sessions as a table, CSV or JSON."""
    rows = export.session_rows(sessions, now, zone, settings)
    return _rows_output(rows, export.HISTORY_COLUMNS, form, _("No sessions in that time."))


def _rows_output(rows: list[export.Row], columns: tuple[str, ...], form: str, empty: str) -> str:
    """Rows as JSON (one object each), CSV (a header, one line each) or a table (without
    the ids)."""
    if form == "json":
        return export.as_json(rows, columns)
    if form == "csv":
        return export.as_csv(rows, columns)
    if not rows:
        return empty
    shown = [i for i, column in enumerate(columns) if column != "id"]
    header = tuple(COLUMN_HEADINGS.get(columns[i], columns[i].upper()) for i in shown)
    cells = [tuple(_cell(row[i], columns[i]) for i in shown) for row in rows]
    return _table([header, *cells])


def _table(rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
