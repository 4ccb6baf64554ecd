"""Rows in, records out: the queries on the state file, inside one transaction.

Instants are stored as fixed-width UTC text (``2026-11-24T18:30:00.000Z``),
so they sort as they compare and read well in any SQLite browser. Records
get random ids and are never deleted.
"""

from __future__ import annotations

import os
import sqlite3
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


def _maybe(text: str | None) -> datetime | None:
    return None if text is None else from_text(text)


def _maybe_text(instant: datetime | None) -> str | None:
    return None if instant is None else to_text(instant)


_SESSION_COLUMNS = (
    "id, kind, started_at, ends_at, ended_at, stopped, confirmed_off_at, warmup, manual"
)


def _session(row: tuple[object, ...]) -> Session:
    sid, kind, started, ends, ended, stopped, confirmed, warmup, manual = row
    return Session(
        id=str(sid),
        kind=Kind(str(kind)),
        started_at=from_text(str(started)),
        ends_at=from_text(str(ends)),
        ended_at=_maybe(ended),  # type: ignore[arg-type]
        stopped=bool(stopped),
        confirmed_off_at=_maybe(confirmed),  # type: ignore[arg-type]
        warmup=bool(warmup),
        manual=bool(manual),
    )


def _injury(row: tuple[object, ...]) -> Injury:
    iid, at, area, flags, note, logged, removed, cleared = row
    return Injury(
        id=str(iid),
        at=from_text(str(at)),
        area=Area(str(area)),
        red_flags=frozenset(RedFlag(f) for f in str(flags).split(",") if f),
        note=str(note),
        logged_at=from_text(str(logged)),
        removed_at=_maybe(removed),  # type: ignore[arg-type]
        cleared_at=_maybe(cleared),  # type: ignore[arg-type]
    )


class Tables:
    """Reads and writes of records, on a connection inside a transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- sessions --------------------------------------------------------------

    def recent_sessions(self, since: datetime) -> list[Session]:
        """Sessions started at or after ``since``, plus any still open, oldest first."""
        rows = self.conn.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE started_at >= ?"
            f" UNION SELECT {_SESSION_COLUMNS} FROM sessions WHERE ended_at IS NULL"
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

    def add_session(self, session: Session, now: datetime) -> None:
        """Store a new session."""
        self.conn.execute(
            f"INSERT INTO sessions ({_SESSION_COLUMNS}, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                to_text(now),
            ),
        )

    def update_session(self, session: Session) -> None:
        """Store how a session ended and whether the heat-off was confirmed."""
        self.conn.execute(
            "UPDATE sessions SET ended_at = ?, stopped = ?, confirmed_off_at = ? WHERE id = ?",
            (
                _maybe_text(session.ended_at),
                int(session.stopped),
                _maybe_text(session.confirmed_off_at),
                session.id,
            ),
        )

    def close_overdue(self, now: datetime) -> None:
        """Record sessions whose deadline passed as ended at their deadline."""
        self.conn.execute(
            "UPDATE sessions SET ended_at = ends_at WHERE ended_at IS NULL AND ends_at <= ?",
            (to_text(now),),
        )

    # -- injuries --------------------------------------------------------------

    def injuries(self) -> list[Injury]:
        """Every injury ever logged, removed ones too, oldest first."""
        rows = self.conn.execute(
            "SELECT i.id, i.at, i.area, i.red_flags, i.note, i.logged_at, i.removed_at,"
            " (SELECT MIN(c.at) FROM clearances c WHERE c.injury_id = i.id)"
            " FROM injuries i ORDER BY i.at"
        )
        return [_injury(row) for row in rows]

    def add_injury(self, injury: Injury) -> None:
        """Store a new injury."""
        assert injury.logged_at is not None
        self.conn.execute(
            "INSERT INTO injuries (id, at, area, red_flags, note, logged_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                injury.id,
                to_text(injury.at),
                injury.area.value,
                ",".join(sorted(flag.value for flag in injury.red_flags)),
                injury.note,
                to_text(injury.logged_at),
            ),
        )

    def remove_injury(self, injury_id: str, now: datetime) -> None:
        """Mark an injury as logged by mistake; it stays in the file."""
        self.conn.execute(
            "UPDATE injuries SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
            (to_text(now), injury_id),
        )

    def add_clearance(self, injury_id: str, now: datetime) -> None:
        """Record that a professional cleared the person for this injury."""
        self.conn.execute(
            "INSERT INTO clearances (id, injury_id, at) VALUES (?, ?, ?)",
            (new_id(), injury_id, to_text(now)),
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
