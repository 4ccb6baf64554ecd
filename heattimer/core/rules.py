"""May a heat session start now? The safety rules, as one decision.

Rules (from the seed document, see README):
- one session of any kind at a time;
- an injury blocks heat for 48 h from when it happened (the latest injury wins);
- an injury with a red flag holds heat until a professional has cleared the person;
- at most ``daily_cap`` heat sessions count per local day, by start time;
- a heat session may start only ``cool_down_minutes`` after the previous one ended;
- a heat session stopped within 60 s of its start counts for neither of the last two.

Every block lifts at a known instant except a red flag. The decision reports
the instant heat becomes allowed if nothing else happens, and as its reason
the block that holds longest (a running session is always named first).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from heattimer.core.localtime import local_date, next_day_start
from heattimer.core.model import RED_FLAG_WORDING, Injury, Kind, Session
from heattimer.core.record import Record
from heattimer.core.settings import Settings
from heattimer.core.wording import when

INJURY_BLOCK = timedelta(hours=48)
HEAT_MINUTES = range(15, 21)
COLD_MINUTES = range(10, 21)
SEE_PROFESSIONAL = "see a physical therapist or physician"


class Reason(StrEnum):
    """Why heat may not start now."""

    SESSION_RUNNING = "session_running"
    RED_FLAG = "red_flag"
    INJURY = "injury"
    DAILY_CAP = "daily_cap"
    COOL_DOWN = "cool_down"


class HeatDecision(Record):
    """The answer to "may a heat session start now?"."""

    allowed: bool
    reason: Reason | None
    available_at: datetime | None
    message: str
    injury_block: bool = False
    """True if no session runs and an injury or a red flag blocks heat (so cold is
    offered instead), even when another block outlasts it and is named as the reason."""
    stop_heat: bool = False
    """True if a heat session runs though an injury or a red flag now blocks heat (one was
    logged meanwhile): the person should turn the heat off and stop it."""


def running_session(sessions: Iterable[Session], now: datetime) -> Session | None:
    """The session running at ``now``, if any."""
    return next((s for s in sessions if s.running(now)), None)


def counted_today(sessions: Iterable[Session], now: datetime, zone: tzinfo) -> int:
    """How many heat sessions count toward the local day holding ``now``."""
    today = local_date(now, zone)
    return sum(1 for s in sessions if s.counts(now) and local_date(s.started_at, zone) == today)


def cool_down_until(sessions: Iterable[Session], now: datetime, minutes: int) -> datetime | None:
    """When the cool-down after the latest counted heat session ends (None if there was none)."""
    ends = [s.end(now) or s.ends_at for s in sessions if s.counts(now)]
    return max(ends) + timedelta(minutes=minutes) if ends else None


def injury_block_until(injuries: Iterable[Injury], now: datetime) -> datetime | None:
    """When the 48-hour heat block of the latest active injury ends (None if none)."""
    times = [i.at for i in injuries if i.active(now)]
    return max(times) + INJURY_BLOCK if times else None


def red_flag_holds(injuries: Iterable[Injury], now: datetime) -> list[Injury]:
    """Active injuries whose red flags hold heat until professional clearance."""
    return [i for i in injuries if i.holds_heat(now)]


def heat_decision(
    now: datetime,
    sessions: Sequence[Session],
    injuries: Sequence[Injury],
    settings: Settings,
    zone: tzinfo,
) -> HeatDecision:
    """Decide whether a heat session may start at ``now``, and if not why and until when."""
    sessions = [s for s in sessions if s.started_at <= now]
    blocks: list[tuple[Reason, datetime | None]] = []

    running = running_session(sessions, now)
    if running is not None:
        blocks.append((Reason.SESSION_RUNNING, running.ends_at))
    holds = red_flag_holds(injuries, now)
    if holds:
        blocks.append((Reason.RED_FLAG, None))
    injury_until = injury_block_until(injuries, now)
    if injury_until is not None and injury_until > now:
        blocks.append((Reason.INJURY, injury_until))
    used = counted_today(sessions, now, zone)
    if used >= settings.daily_cap:
        blocks.append((Reason.DAILY_CAP, next_day_start(now, zone)))
    cool_until = cool_down_until(sessions, now, settings.cool_down_minutes)
    if cool_until is not None and cool_until > now:
        blocks.append((Reason.COOL_DOWN, cool_until))

    if not blocks:
        left = settings.daily_cap - used
        return HeatDecision(
            True,
            None,
            None,
            f"Heat is available: {left} of {settings.daily_cap} sessions left today.",
        )

    lifts = [lift for _, lift in blocks]
    available_at = None if None in lifts else max(lift for lift in lifts if lift is not None)
    if running is not None:
        reason = Reason.SESSION_RUNNING
    else:
        # The block that holds longest is the one the person needs to hear about.
        reason = max(blocks, key=lambda b: b[1] or datetime.max.replace(tzinfo=now.tzinfo))[0]
    message = _message(reason, available_at, now, zone, running, holds, used, settings)
    injured = any(r in (Reason.INJURY, Reason.RED_FLAG) for r, _ in blocks)
    stop_heat = injured and running is not None and running.kind is Kind.HEAT
    return HeatDecision(
        False, reason, available_at, message, injured and running is None, stop_heat
    )


def _message(
    reason: Reason,
    available_at: datetime | None,
    now: datetime,
    zone: tzinfo,
    running: Session | None,
    holds: list[Injury],
    used: int,
    settings: Settings,
) -> str:
    at = when(available_at, now, zone) if available_at is not None else ""
    if reason is Reason.SESSION_RUNNING and running is not None:
        return f"A {running.kind} session is running until {when(running.ends_at, now, zone)}."
    if reason is Reason.RED_FLAG:
        flags = sorted({flag for injury in holds for flag in injury.red_flags})
        wording = "; ".join(RED_FLAG_WORDING[flag].lower() for flag in flags)
        return (
            f"Heat is on hold because of {wording}: {SEE_PROFESSIONAL}, "
            "then record that they cleared you. Use cold meanwhile."
        )
    if reason is Reason.INJURY:
        return f"Heat is blocked for 48 h after an injury: it unlocks {at}. Use cold until then."
    if reason is Reason.DAILY_CAP:
        return f"{used} of {settings.daily_cap} heat sessions used today; the next can start {at}."
    return f"Cool-down: the next heat session can start at {at}."


def cold_decision(now: datetime, sessions: Sequence[Session], zone: tzinfo) -> HeatDecision:
    """Decide whether a cold session may start: only one session of any kind at a time."""
    running = running_session([s for s in sessions if s.started_at <= now], now)
    if running is None:
        return HeatDecision(True, None, None, "A cold session may start.")
    return HeatDecision(
        False,
        Reason.SESSION_RUNNING,
        running.ends_at,
        f"A {running.kind} session is running until {when(running.ends_at, now, zone)}.",
    )


def minutes_range(kind: Kind) -> range:
    """The whole-minute lengths a timed session of ``kind`` may have."""
    return HEAT_MINUTES if kind is Kind.HEAT else COLD_MINUTES
