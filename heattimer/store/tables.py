"""Rows in, records out: the queries on the state file, inside one transaction.

Instants are stored as fixed-width UTC text (``2026-11-24T18:30:00.000Z``),
so they sort as they compare and read well in any SQLite browser. Records
get random ids and are never deleted.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

from heattimer.core.breaks import BreakState
from heattimer.core.model import (
    Area,
    BreakOutcome,
    BreakRecord,
    Injury,
    Kind,
    RecoveryHold,
    RedFlag,
    Session,
)
from heattimer.core.moment import Stamp

LAST_WRITTEN = 12
"""The sessions written last, read whatever their instants say (``recent_sessions``): more
than a day can hold, so that a clock stepped far forward hides none of today's."""
RECENT_INJURIES = 12
"""The injuries written last, and the latest to have happened, read by every status."""


def new_id() -> str:
    """A random 128-bit id, as 32 hex digits."""
    return os.urandom(16).hex()


def to_text(instant: datetime) -> str:
    """An instant as stored: UTC, millisecond precision, fixed width."""
    instant = instant.astimezone(UTC)
    # The year by hand: strftime's %Y drops leading zeros on some platforms ("886-...").
    rest = f"{instant:%m-%dT%H:%M:%S}"
    return f"{instant.year:04d}-{rest}.{instant.microsecond // 1000:03d}Z"


def from_text(text: str) -> datetime:
    """An instant as stored, read back."""
    return datetime.fromisoformat(text)


def _maybe(text: object) -> datetime | None:
    return None if text is None else from_text(str(text))


def _maybe_text(instant: datetime | None) -> str | None:
    return None if instant is None else to_text(instant)


_SESSION_COLUMNS = (
    "id, kind, started_at, ends_at, ended_at, stopped, confirmed_off_at, warmup, manual,"
    " created_at, boot, uptime, stop_boot, stop_uptime, day_ends_at, cool_down_minutes,"
    " daily_cap"
)


def _stamp(boot: object, uptime: object) -> Stamp | None:
    if isinstance(boot, str) and isinstance(uptime, int | float):
        return Stamp(boot, float(uptime))
    return None


def _stamp_values(stamp: Stamp | None) -> tuple[str | None, float | None]:
    return (None, None) if stamp is None else (stamp.boot, stamp.uptime)


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) else None


_KINDS: dict[object, Kind] = {kind.value: kind for kind in Kind}


def _session(row: tuple[object, ...]) -> Session:
    (sid, kind, started, ends, ended, stopped, confirmed, warmup, manual, created) = row[:10]
    boot, uptime, stop_boot, stop_uptime, day_ends, cool_down, cap = row[10:]
    # Positional, in the order of Session's fields: a history of years is read this way,
    # and keywords cost a third more per row (benchmarks/bench_status.py).
    return Session(
        str(sid),
        _KINDS.get(kind) or Kind(str(kind)),
        from_text(str(started)),
        from_text(str(ends)),
        _maybe(ended),
        bool(stopped),
        _maybe(confirmed),
        bool(warmup),
        bool(manual),
        from_text(str(created)),
        _stamp(boot, uptime),
        _stamp(stop_boot, stop_uptime),
        _maybe(day_ends),
        _int_or_none(cool_down),
        _int_or_none(cap),
    )


_INJURY_QUERY = (
    "SELECT i.id, i.at, i.area, i.red_flags, i.note, i.logged_at, i.removed_at, c.at,"
    " i.boot, i.uptime, i.removed_boot, i.removed_uptime, c.boot, c.uptime"
    " FROM injuries i LEFT JOIN"
    # SQLite: the other columns of a MIN() row come from the row that has the minimum.
    " (SELECT injury_id, MIN(at) AS at, boot, uptime FROM clearances GROUP BY injury_id) c"
    " ON c.injury_id = i.id"
)


def _injury(row: tuple[object, ...]) -> Injury:
    iid, at, area, flags, note, logged, removed, cleared = row[:8]
    boot, uptime, removed_boot, removed_uptime, cleared_boot, cleared_uptime = row[8:]
    return Injury(
        id=str(iid),
        at=from_text(str(at)),
        area=Area(str(area)),
        red_flags=frozenset(RedFlag(f) for f in str(flags).split(",") if f),
        note=str(note),
        logged_at=from_text(str(logged)),
        removed_at=_maybe(removed),
        cleared_at=_maybe(cleared),
        stamp=_stamp(boot, uptime),
        removed_stamp=_stamp(removed_boot, removed_uptime),
        cleared_stamp=_stamp(cleared_boot, cleared_uptime),
    )


class Tables:
    """Reads and writes of records, on a connection inside a transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- sessions --------------------------------------------------------------

    def recent_sessions(self, since: datetime) -> list[Session]:
        """Sessions started at or after ``since`` by the clock they were written with, any
        still open, and the last ones written whatever their clock said (a clock that
        stepped far forward must not hide the session just before), oldest first."""
        rows = self.conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE started_at >= ?"
            f" UNION SELECT {_SESSION_COLUMNS} FROM sessions WHERE ended_at IS NULL"
            f" UNION SELECT {_SESSION_COLUMNS} FROM sessions WHERE rowid >"
            f" (SELECT MAX(rowid) FROM sessions) - {LAST_WRITTEN}"
            " ORDER BY started_at",
            (to_text(since),),
        )
        return [_session(row) for row in rows]

    def sessions_between(self, since: datetime, until: datetime) -> list[Session]:
        """Sessions started in [since, until), oldest first."""
        rows = self.conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions"
            " WHERE started_at >= ? AND started_at < ? ORDER BY started_at",
            (to_text(since), to_text(until)),
        )
        return [_session(row) for row in rows]

    def add_session(self, session: Session) -> None:
        """Store a new session (``recorded_at`` and ``stamp`` say when it was written)."""
        recorded = session.recorded_at or session.started_at
        self.conn.execute(
            f"INSERT INTO sessions ({_SESSION_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session.id,
                session.kind.value,
                to_text(session.started_at),
                to_text(session.ends_at),
                _maybe_text(session.ended_at),
                int(session.stopped),
                _maybe_text(session.confirmed_off_at),
                int(session.warmup),
                int(session.manual),
                to_text(recorded),
                *_stamp_values(session.stamp),
                *_stamp_values(session.stop_stamp),
                _maybe_text(session.day_ends_at),
                session.cool_down_minutes,
                session.daily_cap,
            ),
        )

    def stop_session(self, session_id: str, at: datetime, stamp: Stamp | None) -> None:
        """Record that a session was stopped at ``at``: the heat is off then."""
        self.conn.execute(
            "UPDATE sessions SET ended_at = ?, stopped = 1, confirmed_off_at = ?,"
            " stop_boot = ?, stop_uptime = ? WHERE id = ?",
            (to_text(at), to_text(at), *_stamp_values(stamp), session_id),
        )

    def confirm_heat_off(self, session_id: str, at: datetime) -> None:
        """Record that the heat of a session that reached its end is off."""
        self.conn.execute(
            "UPDATE sessions SET confirmed_off_at = ? WHERE id = ?", (to_text(at), session_id)
        )

    def close_at_deadline(self, session_ids: Iterable[str]) -> None:
        """Record sessions as having run to their deadline."""
        self.conn.executemany(
            "UPDATE sessions SET ended_at = ends_at WHERE id = ? AND ended_at IS NULL",
            [(sid,) for sid in session_ids],
        )

    # -- injuries --------------------------------------------------------------

    def injuries(self) -> list[Injury]:
        """Every injury ever logged, removed ones too, oldest first."""
        return [_injury(row) for row in self.conn.execute(f"{_INJURY_QUERY} ORDER BY i.at")]

    def injuries_that_matter(self) -> list[Injury]:
        """The injuries the rules can still need, oldest first, whatever the years of history:
        the last written and the latest to have happened (an injury's block, the recovery
        phase; read by both, as a clock that stepped may have written them out of order), the
        latest not removed, and every red flag neither removed nor cleared (it holds heat
        however old it is)."""
        last = f"SELECT rowid FROM injuries ORDER BY %s DESC LIMIT {RECENT_INJURIES}"
        rows = self.conn.execute(
            f"{_INJURY_QUERY} WHERE i.rowid IN ("
            f" SELECT rowid FROM ({last % 'rowid'}) UNION SELECT rowid FROM ({last % 'at'})"
            " UNION SELECT rowid FROM (SELECT rowid FROM injuries WHERE removed_at IS NULL"
            "  ORDER BY at DESC LIMIT 1)"
            " UNION SELECT rowid FROM injuries WHERE red_flags != '' AND removed_at IS NULL"
            "  AND id NOT IN (SELECT injury_id FROM clearances))"
            " ORDER BY i.at"
        )
        return [_injury(row) for row in rows]

    def add_injury(self, injury: Injury) -> None:
        """Store a new injury."""
        assert injury.logged_at is not None
        self.conn.execute(
            "INSERT INTO injuries (id, at, area, red_flags, note, logged_at, boot, uptime)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                injury.id,
                to_text(injury.at),
                injury.area.value,
                ",".join(sorted(flag.value for flag in injury.red_flags)),
                injury.note,
                to_text(injury.logged_at),
                *_stamp_values(injury.stamp),
            ),
        )

    def remove_injury(self, injury_id: str, now: datetime, stamp: Stamp | None = None) -> None:
        """Mark an injury as logged by mistake; it stays in the file."""
        self.conn.execute(
            "UPDATE injuries SET removed_at = ?, removed_boot = ?, removed_uptime = ?"
            " WHERE id = ? AND removed_at IS NULL",
            (to_text(now), *_stamp_values(stamp), injury_id),
        )

    def add_clearance(self, injury_id: str, now: datetime, stamp: Stamp | None = None) -> None:
        """Record that a professional cleared the person for this injury."""
        self.conn.execute(
            "INSERT INTO clearances (id, injury_id, at, boot, uptime) VALUES (?, ?, ?, ?, ?)",
            (new_id(), injury_id, to_text(now), *_stamp_values(stamp)),
        )

    # -- posture breaks --------------------------------------------------------

    def add_break(self, record: BreakRecord) -> None:
        """Store a posture-break outcome."""
        self.conn.execute(
            "INSERT INTO breaks (id, at, outcome, exercise) VALUES (?, ?, ?, ?)",
            (record.id, to_text(record.at), record.outcome.value, record.exercise),
        )

    def breaks_between(self, since: datetime, until: datetime) -> list[BreakRecord]:
        """Break outcomes in [since, until), oldest first."""
        rows = self.conn.execute(
            "SELECT id, at, outcome, exercise FROM breaks WHERE at >= ? AND at < ? ORDER BY at",
            (to_text(since), to_text(until)),
        )
        return [
            BreakRecord(str(i), from_text(str(a)), BreakOutcome(o), str(e)) for i, a, o, e in rows
        ]

    def last_exercise(self) -> str | None:
        """The exercise of the latest break answered (a snoozed one comes back), so that the
        next break shows another."""
        row = self.conn.execute(
            "SELECT exercise FROM breaks WHERE exercise != '' AND outcome != 'snoozed'"
            " ORDER BY at DESC LIMIT 1"
        ).fetchone()
        return None if row is None else str(row[0])

    def break_state(self) -> BreakState | None:
        """The posture-break schedule, or None if breaks never started."""
        values = self._state("breaks.")
        sitting = values.get("breaks.sitting_since")
        if sitting is None:
            return None
        return BreakState(
            sitting_since=from_text(sitting),
            snoozed_until=_maybe(values.get("breaks.snoozed_until")),
            paused_until=_maybe(values.get("breaks.paused_until")),
        )

    def set_break_state(self, state: BreakState) -> None:
        """Store the posture-break schedule."""
        self._set_state(
            {
                "breaks.sitting_since": to_text(state.sitting_since),
                "breaks.snoozed_until": _maybe_text(state.snoozed_until),
                "breaks.paused_until": _maybe_text(state.paused_until),
            }
        )

    def coach_seen_until(self) -> datetime | None:
        """Up to when the recovery coach has told the person its news."""
        return _maybe(self._state("coach.").get("coach.seen_until"))

    def set_coach_seen_until(self, at: datetime) -> None:
        """Remember up to when the coach's news was told."""
        self._set_state({"coach.seen_until": to_text(at)})

    def welcomed_at(self) -> datetime | None:
        """When the person finished the first-run welcome (None: not yet)."""
        return _maybe(self._state("welcome.").get("welcome.done_at"))

    def set_welcomed_at(self, at: datetime) -> None:
        """Remember that the welcome was shown and answered."""
        self._set_state({"welcome.done_at": to_text(at)})

    def requests(self) -> dict[str, datetime]:
        """Requests to the running app (``show``, ``break``) and when they were made."""
        return {
            key.removeprefix("request."): from_text(value)
            for key, value in self._state("request.").items()
        }

    def set_request(self, what: str, at: datetime | None) -> None:
        """Store (or, with None, clear) a request to the running app."""
        self._set_state({f"request.{what}": _maybe_text(at)})

    # -- after a recovery --------------------------------------------------------

    def recovery_hold(self) -> RecoveryHold | None:
        """The hold a recovery from an older backup put on heat, if it is not confirmed yet."""
        values = self._state("recovery.")
        at = values.get("recovery.at")
        if at is None:
            return None
        return RecoveryHold(
            at=from_text(at),
            backup_at=_maybe(values.get("recovery.backup_at")),
            moved_to=values.get("recovery.moved_to", ""),
        )

    def set_recovery_hold(self, hold: RecoveryHold) -> None:
        """Hold heat until the person confirms the injury log (after a recovery)."""
        self._set_state(
            {
                "recovery.at": to_text(hold.at),
                "recovery.backup_at": _maybe_text(hold.backup_at),
                "recovery.moved_to": hold.moved_to,
            }
        )

    def clear_recovery_hold(self) -> None:
        """The person confirmed the injury log: the hold is lifted."""
        self._set_state(
            {"recovery.at": None, "recovery.backup_at": None, "recovery.moved_to": None}
        )

    # -- settings and small state ----------------------------------------------

    def settings(self) -> dict[str, str]:
        """Stored settings as text, by key."""
        return {str(k): str(v) for k, v in self.conn.execute("SELECT key, value FROM settings")}

    def set_setting(self, key: str, value: str, now: datetime) -> None:
        """Store one setting."""
        self.conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
            " updated_at = excluded.updated_at",
            (key, value, to_text(now)),
        )

    def _state(self, prefix: str) -> dict[str, str]:
        rows = self.conn.execute(
            "SELECT key, value FROM state WHERE key >= ? AND key < ?", (prefix, prefix + "\uffff")
        )
        return {str(k): str(v) for k, v in rows}

    def _set_state(self, values: dict[str, str | None]) -> None:
        for key, value in values.items():
            if value is None:
                self.conn.execute("DELETE FROM state WHERE key = ?", (key,))
            else:
                self.conn.execute(
                    "INSERT INTO state (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
