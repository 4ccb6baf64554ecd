"""May a heat session start now, and for how long? The safety rules, as one decision.

Rules (from the seed document, see README), over records placed on the clock as it reads
now (core/moment.py), so that a clock that steps changes none of them:
- one session of any kind at a time;
- an injury blocks heat for 48 h from when it happened (the latest injury wins);
- an injury with a red flag holds heat until a professional has cleared the person;
- after the state file was restored from an older backup, heat waits until the person
  has looked at their injury log and confirmed it (entries may be missing);
- at most ``daily_cap`` heat sessions count per day, where a session belongs to the day
  it started on in the zone where it started, and to the day it started on in the zone
  the computer is in now: neither a step of the clock nor a change of zone makes a day
  end sooner (``counts_today``);
- a heat session may start only ``cool_down_minutes`` after the previous one ended; the
  cool-down is never under 40 minutes, so no hour holds more than 20 minutes of heat;
- a heat session stopped less than 60 s after its start is an accidental start and
  counts for neither of the last two, unless another heat session ended within its
  cool-down before it started (then it counts like any other);
- heat is real heat: no stretch of heat without a cool-down after it holds more than
  20 minutes, and no day more than ``daily_cap`` x 20 minutes, so the seconds of an
  accidental start come off a session started soon after it;
- a setting that loosens a limit applies from the next session (the cool-down after a
  session is the longer of the setting then and now) or the next day (the daily cap).

Every block lifts at a known instant except a red flag and a recovery. The decision
reports the instant heat becomes allowed if nothing else happens, and as its reason the
block that holds longest (a running session is always named first).
"""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from heattimer.core.localtime import local_date, next_day_start
from heattimer.core.model import RED_FLAG_IN_SENTENCE, Injury, Kind, RecoveryHold, Session
from heattimer.core.moment import Moment
from heattimer.core.settings import (
    COLD_MINUTES,
    COOL_DOWN_FLOOR_MINUTES,
    HEAT_MINUTES,
    Settings,
)
from heattimer.core.wording import span, when
from heattimer.i18n import _, ngettext

INJURY_BLOCK = timedelta(hours=48)
MAX_HEAT = timedelta(minutes=HEAT_MINUTES[-1])
"""The most heat at a stretch (the seed: 15 to 20 minutes per session)."""
SHORTEST_GRANT = timedelta(minutes=1)
"""Less heat than this left (of the stretch or the day) is no session at all."""
SEE_PROFESSIONAL = _("see a physical therapist or physician")
"""What a red flag asks of the person, as every sentence that says it puts it."""


class Reason(StrEnum):
    """Why heat may not start now."""

    SESSION_RUNNING = "session_running"
    RESTORED_FROM_BACKUP = "restored_from_backup"
    RED_FLAG = "red_flag"
    INJURY = "injury"
    DAILY_CAP = "daily_cap"
    COOL_DOWN = "cool_down"


class HeatDecision(NamedTuple):
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
    allowance: timedelta | None = None
    """When allowed: the most heat a session may have now, if that is less than a full
    session (the rest of the stretch after an accidental start, or of the day's heat)."""


def place(
    sessions: Iterable[Session], injuries: Iterable[Injury], now: Moment
) -> tuple[list[Session], list[Injury]]:
    """Sessions and injuries placed on the wall clock as it reads ``now`` (core/moment.py),
    sessions by start and injuries by when they happened."""
    return (
        sorted((s.placed_at(now) for s in sessions), key=lambda s: s.started_at),
        sorted((i.placed_at(now) for i in injuries), key=lambda i: i.at),
    )


def running_session(sessions: Iterable[Session], now: datetime) -> Session | None:
    """The session running at ``now``, if any."""
    return next((s for s in sessions if s.running(now)), None)


def cool_down_after(session: Session, settings: Settings) -> timedelta:
    """The cool-down after ``session``: the longer of the setting when it started and now."""
    then = session.cool_down_minutes or 0
    return timedelta(minutes=max(settings.cool_down_minutes, then, COOL_DOWN_FLOOR_MINUTES))


def _end(session: Session, now: datetime) -> datetime:
    return session.end(now) or session.ends_at


def accidental_starts(sessions: Sequence[Session], now: datetime, settings: Settings) -> set[str]:
    """The ids of the heat sessions that were accidental starts: stopped less than 60 s
    after they started, with no heat session ending within its cool-down before them.
    (Started before them: one started at the same instant, after an accidental start was
    stopped at once, does not make that start count, nor its own start breach the
    cool-down, in hindsight.)"""
    heat = [s for s in sessions if s.kind is Kind.HEAT]
    return {
        s.id
        for s in heat
        if s.short(now)
        and not any(
            p.id != s.id
            and p.started_at < s.started_at
            and _end(p, now) + cool_down_after(p, settings) > s.started_at
            for p in heat
        )
    }


def counts_today(session: Session, now: datetime, zone: tzinfo) -> bool:
    """True if ``session`` belongs to the day holding ``now``: it started on today's date in
    the zone the computer is in now, or the day it started on, where it started, has not
    ended yet (in real time, however the clock or the zone changed since)."""
    if local_date(session.started_at, zone) == local_date(now, zone):
        return True
    return session.day_ends_at is not None and now < session.day_ends_at


def counted_until(session: Session, zone: tzinfo) -> datetime:
    """When ``session`` stops counting toward its day (if nothing changes)."""
    ends = next_day_start(session.started_at, zone)
    return max(ends, session.day_ends_at) if session.day_ends_at is not None else ends


class Day(NamedTuple):
    """The heat of the day holding ``now``, as the cap sees it."""

    counted: list[Session]
    """The heat sessions that count toward the cap today (not accidental starts)."""
    heat: timedelta
    """All heat of today, accidental starts included, a running session's to its deadline
    (what the day holds if nothing changes)."""
    cap: int
    """The cap in force today: the setting, or lower if it was lower when a session of
    today started."""
    sessions: list[Session]
    """Every heat session of today."""


def today(sessions: Sequence[Session], now: datetime, zone: tzinfo, settings: Settings) -> Day:
    """The heat sessions of the day holding ``now``, and the cap in force."""
    heat = [s for s in sessions if s.kind is Kind.HEAT and counts_today(s, now, zone)]
    free = accidental_starts(sessions, now, settings)
    caps = [s.daily_cap for s in heat if s.daily_cap is not None]
    return Day(
        counted=[s for s in heat if s.id not in free],
        heat=sum((_end(s, now) - s.started_at for s in heat), timedelta(0)),
        cap=min([settings.daily_cap, *caps]),
        sessions=heat,
    )


def counted_today(
    sessions: Sequence[Session], now: datetime, zone: tzinfo, settings: Settings
) -> int:
    """How many heat sessions count toward the cap of the day holding ``now``."""
    return len(today(sessions, now, zone, settings).counted)


def cool_down_until(
    sessions: Sequence[Session], now: datetime, settings: Settings
) -> datetime | None:
    """When the cool-down after the latest counted heat session ends (None if there was none)."""
    free = accidental_starts(sessions, now, settings)
    ends = [
        _end(s, now) + cool_down_after(s, settings)
        for s in sessions
        if s.kind is Kind.HEAT and s.id not in free
    ]
    return max(ends) if ends else None


def stretch_heat(sessions: Sequence[Session], now: datetime, settings: Settings) -> timedelta:
    """The heat of accidental starts whose cool-down has not passed: a session starting now
    would continue their stretch of heat."""
    free = accidental_starts(sessions, now, settings)
    return sum(
        (
            s.heat_time(now)
            for s in sessions
            if s.id in free and _end(s, now) + cool_down_after(s, settings) > now
        ),
        timedelta(0),
    )


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
    hold: RecoveryHold | None = None,
) -> HeatDecision:
    """Decide whether a heat session may start at ``now``, and if not why and until when.
    ``sessions`` and ``injuries`` are placed on the clock of ``now`` (``place``)."""
    blocks: list[tuple[Reason, datetime | None]] = []

    running = running_session(sessions, now)
    if running is not None:
        blocks.append((Reason.SESSION_RUNNING, running.ends_at))
    if hold is not None:
        blocks.append((Reason.RESTORED_FROM_BACKUP, None))
    holds = red_flag_holds(injuries, now)
    if holds:
        blocks.append((Reason.RED_FLAG, None))
    injury_until = injury_block_until(injuries, now)
    if injury_until is not None and injury_until > now:
        blocks.append((Reason.INJURY, injury_until))
    day = today(sessions, now, zone, settings)
    day_left = day.cap * MAX_HEAT - day.heat
    if len(day.counted) >= day.cap:
        untils = sorted(counted_until(s, zone) for s in day.counted)
        blocks.append((Reason.DAILY_CAP, untils[len(day.counted) - day.cap]))
    elif day_left < SHORTEST_GRANT:
        blocks.append((Reason.DAILY_CAP, max(counted_until(s, zone) for s in day.sessions)))
    cool_until = cool_down_until(sessions, now, settings)
    if cool_until is not None and cool_until > now:
        blocks.append((Reason.COOL_DOWN, cool_until))

    if not blocks:
        allowance = min(MAX_HEAT - stretch_heat(sessions, now, settings), day_left)
        left = day.cap - len(day.counted)
        return HeatDecision(
            allowed=True,
            reason=None,
            available_at=None,
            message=ngettext(
                "Heat is available: {left} of {cap} sessions left today.",
                "Heat is available: {left} of {cap} sessions left today.",
                day.cap,
            ).format(left=left, cap=day.cap),
            allowance=allowance if allowance < MAX_HEAT else None,
        )

    lifts = [lift for _, lift in blocks]
    available_at = None if None in lifts else max(lift for lift in lifts if lift is not None)
    if running is not None:
        reason = Reason.SESSION_RUNNING
    else:
        # The block that holds longest is the one the person needs to hear about.
        reason = max(blocks, key=lambda b: b[1] or datetime.max.replace(tzinfo=now.tzinfo))[0]
    message = _message(reason, available_at, now, zone, running, holds, hold, day)
    injured = any(r in (Reason.INJURY, Reason.RED_FLAG) for r, _ in blocks)
    return HeatDecision(
        allowed=False,
        reason=reason,
        available_at=available_at,
        message=message,
        injury_block=injured and running is None,
        stop_heat=injured and running is not None and running.kind is Kind.HEAT,
    )


def recovery_message(hold: RecoveryHold, now: datetime, zone: tzinfo) -> str:
    """What the person needs to hear after the file was restored from an older backup."""
    if hold.backup_at is None:
        return _(
            "The state file was damaged and restored from nothing (no good backup was found): "
            "injuries, red flags or clearances logged after that may be missing. Check your "
            "injury log, log anything missing, then confirm it (Heat Timer, or 'heattimer "
            "injury confirm')."
        )
    return _(
        "The state file was damaged and restored from the backup of {time}: injuries, red "
        "flags or clearances logged after that may be missing. Check your injury log, log "
        "anything missing, then confirm it (Heat Timer, or 'heattimer injury confirm')."
    ).format(time=when(hold.backup_at, now, zone))


def _message(
    reason: Reason,
    available_at: datetime | None,
    now: datetime,
    zone: tzinfo,
    running: Session | None,
    holds: list[Injury],
    hold: RecoveryHold | None,
    day: Day,
) -> str:
    at = when(available_at, now, zone) if available_at is not None else ""
    if reason is Reason.SESSION_RUNNING and running is not None:
        return running_message(running, now, zone)
    if reason is Reason.RESTORED_FROM_BACKUP and hold is not None:
        return recovery_message(hold, now, zone)
    if reason is Reason.RED_FLAG:
        flags = sorted({flag for injury in holds for flag in injury.red_flags})
        wording = "; ".join(RED_FLAG_IN_SENTENCE[flag] for flag in flags)
        return _(
            "Heat is on hold because of {red_flags}: see a physical therapist or physician, "
            "then record that they cleared you. Use cold meanwhile."
        ).format(red_flags=wording)
    if reason is Reason.INJURY:
        return _(
            "Heat is blocked for 48 h after an injury: it unlocks {time}. Use cold until then."
        ).format(time=at)
    if reason is Reason.DAILY_CAP:
        if len(day.counted) < day.cap:
            return _("Today's {span} of heat is used; the next can start {time}.").format(
                span=span(day.cap * MAX_HEAT), time=at
            )
        return ngettext(
            "{used} of {cap} heat sessions used today; the next can start {time}.",
            "{used} of {cap} heat sessions used today; the next can start {time}.",
            day.cap,
        ).format(used=len(day.counted), cap=day.cap, time=at)
    return _("Cool-down: the next heat session can start at {time}.").format(time=at)


def running_message(running: Session, now: datetime, zone: tzinfo) -> str:
    """Why no other session may start while ``running`` runs."""
    ends = when(running.ends_at, now, zone)
    if running.kind is Kind.HEAT:
        return _("A heat session is running until {time}.").format(time=ends)
    return _("A cold session is running until {time}.").format(time=ends)


def cold_decision(now: datetime, sessions: Sequence[Session], zone: tzinfo) -> HeatDecision:
    """Decide whether a cold session may start: only one session of any kind at a time."""
    running = running_session(sessions, now)
    if running is None:
        return HeatDecision(
            allowed=True, reason=None, available_at=None, message=_("A cold session may start.")
        )
    return HeatDecision(
        allowed=False,
        reason=Reason.SESSION_RUNNING,
        available_at=running.ends_at,
        message=running_message(running, now, zone),
    )


def shortened_note(length: timedelta) -> str:
    """Why a heat session was given less than was asked for (HeatDecision.allowance)."""
    return _(
        "(Shortened to {span}: no more than {most} of heat at a stretch or the day's heat, "
        "counting the seconds of a start just before.)"
    ).format(span=span(length), most=span(MAX_HEAT))


def default_minutes(kind: Kind, settings: Settings) -> int:
    """The length a session of ``kind`` has when none is asked for: the setting."""
    return settings.heat_minutes if kind is Kind.HEAT else settings.cold_minutes


def session_length(
    kind: Kind, minutes: int | None, settings: Settings, decision: HeatDecision
) -> timedelta:
    """How long a session of ``kind`` started now runs: the minutes asked for (or the
    setting), and no more than ``decision`` allows (the rest of the day's heat, ...)."""
    length = timedelta(minutes=minutes or default_minutes(kind, settings))
    return length if decision.allowance is None else min(length, decision.allowance)


def overdue(sessions: Iterable[Session], now: datetime) -> list[str]:
    """The ids of sessions not closed in the record though their deadline has passed."""
    return [s.id for s in sessions if s.ended_at is None and s.ends_at <= now]


def minutes_range(kind: Kind) -> range:
    """The whole-minute lengths a timed session of ``kind`` may have."""
    return HEAT_MINUTES if kind is Kind.HEAT else COLD_MINUTES
