"""Everything the person needs to know at one instant, from the records and the rules."""

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from heattimer.core.breaks import BreakState, next_break, notice_at
from heattimer.core.coach import next_coach_event
from heattimer.core.injury_log import UNDO_FOR, just_logged
from heattimer.core.model import Injury, Kind, RecoveryHold, Session
from heattimer.core.moment import Moment
from heattimer.core.recovery import Recovery, recovery
from heattimer.core.rules import (
    HeatDecision,
    Reason,
    heat_decision,
    place,
    running_session,
    today,
)
from heattimer.core.settings import Settings
from heattimer.core.wording import clock, span, when
from heattimer.i18n import _, ngettext


class Status(NamedTuple):
    """A snapshot: may heat start, what runs, how much of today is used, recovery, breaks."""

    now: datetime
    heat: HeatDecision
    session: Session | None
    today_sessions: int
    settings: Settings
    recovery: Recovery
    next_break: datetime | None
    unconfirmed: Session | None
    breaks: BreakState | None = None
    next_coach_event: datetime | None = None
    today_cap: int = 3
    """The daily cap in force today (lower than the setting if it was lower when one of
    today's sessions started: a loosened cap applies from the next day)."""
    hold: RecoveryHold | None = None
    """Set after the state file was restored from an older backup, until the person
    confirms the injury log."""
    just_logged: Injury | None = None
    """An injury logged moments ago, that an Undo takes back (core/injury_log.py)."""

    @property
    def cold_offered(self) -> bool:
        """Cold is offered while an injury blocks heat and no session runs."""
        return self.heat.injury_block and self.session is None


def unconfirmed_heat(sessions: Sequence[Session], now: datetime) -> Session | None:
    """The latest heat session that reached its deadline without anyone confirming the heat off
    (unless another session started since: the person has dealt with the belt then)."""
    ended = [
        s
        for s in sessions
        if s.kind is Kind.HEAT
        and not s.stopped
        and not s.manual
        and s.confirmed_off_at is None
        and s.end(now) is not None
    ]
    if not ended:
        return None
    pending = max(ended, key=lambda s: s.ends_at)
    later = [s for s in sessions if s.started_at > pending.started_at and s.started_at <= now]
    return None if later else pending


def build_status(
    now: Moment,
    zone: tzinfo,
    sessions: Sequence[Session],
    injuries: Sequence[Injury],
    settings: Settings,
    breaks: BreakState | None,
    hold: RecoveryHold | None = None,
) -> Status:
    """The snapshot at ``now`` (``sessions`` need only reach back two days), from the records
    as stored: they are placed on the clock as it reads now first (core/moment.py)."""
    placed_sessions, placed_injuries = place(sessions, injuries, now)
    wall = now.wall
    day = today(placed_sessions, wall, zone, settings)
    return Status(
        now=wall,
        heat=heat_decision(wall, placed_sessions, placed_injuries, settings, zone, hold),
        session=running_session(placed_sessions, wall),
        today_sessions=len(day.counted),
        today_cap=day.cap,
        settings=settings,
        recovery=recovery(wall, placed_injuries),
        next_break=next_break(breaks, settings, zone) if breaks is not None else None,
        unconfirmed=unconfirmed_heat(placed_sessions, wall),
        breaks=breaks,
        next_coach_event=next_coach_event(placed_injuries, wall),
        hold=hold,
        just_logged=just_logged(placed_injuries, wall),
    )


STOP_HEAT = _("An injury blocks heat: turn the heat off now and stop the session")
"""What to do when an injury is logged while a heat session runs (HeatDecision.stop_heat)."""


def headline(status: Status, zone: tzinfo) -> str:
    """One line that says what is possible now, with a live countdown where one applies."""
    now, heat = status.now, status.heat
    if status.session is not None and heat.stop_heat:
        return STOP_HEAT
    if status.session is not None:
        s = status.session
        left, ends = clock(s.remaining(now)), when(s.ends_at, now, zone)
        if s.warmup:
            return _("Warm-up heat on: {left} left, ends {time}").format(left=left, time=ends)
        if s.kind is Kind.HEAT:
            return _("Heat on: {left} left, ends {time}").format(left=left, time=ends)
        return _("Cold on: {left} left, ends {time}").format(left=left, time=ends)
    cap, used = status.today_cap, status.today_sessions
    if heat.allowed:
        return ngettext(
            "Ready: {left} of {cap} heat sessions left today",
            "Ready: {left} of {cap} heat sessions left today",
            cap,
        ).format(left=cap - used, cap=cap)
    lift = heat.available_at
    if heat.reason is Reason.RESTORED_FROM_BACKUP:
        return _("Heat on hold: check your injury log after the file was restored")
    if heat.reason is Reason.RED_FLAG:
        return _("Heat on hold: see a physical therapist or physician first")
    if lift is None:
        return heat.message
    at, wait = when(lift, now, zone), span(lift - now)
    if heat.reason is Reason.INJURY:
        return _("Heat unlocks {time}, in {wait}").format(time=at, wait=wait)
    if heat.reason is Reason.DAILY_CAP:
        return ngettext(
            "{used} of {cap} sessions used today; next {time}, in {wait}",
            "{used} of {cap} sessions used today; next {time}, in {wait}",
            cap,
        ).format(used=used, cap=cap, time=at, wait=wait)
    return _("Cool-down: next session at {time}, in {wait}").format(time=at, wait=wait)


def short_reason(status: Status, zone: tzinfo) -> str:
    """Why heat may not start, short enough for a menu item ("" when it may)."""
    heat, now = status.heat, status.now
    at = "" if heat.available_at is None else when(heat.available_at, now, zone)
    if heat.reason is None:
        return ""
    if heat.reason is Reason.SESSION_RUNNING:
        return _("a session is running")
    if heat.reason is Reason.RESTORED_FROM_BACKUP:
        return _("check your injury log first")
    if heat.reason is Reason.RED_FLAG:
        return _("see a professional first")
    if heat.reason is Reason.INJURY:
        return _("injury: heat from {time}").format(time=at)
    if heat.reason is Reason.DAILY_CAP:
        return _("{used} of {cap} used: next {time}").format(
            used=status.today_sessions, cap=status.today_cap, time=at
        )
    return _("cool-down until {time}").format(time=at)


class TrayState(StrEnum):
    """What the tray icon shows."""

    READY = "ready"
    RUNNING = "running"
    ALARM = "alarm"
    """A heat session ended and its heat is not confirmed off."""
    BLOCKED = "blocked"
    """An injury or a red flag blocks heat."""
    CAPPED = "capped"
    """Not now: the cap is reached, or a cool-down runs."""


def quit_warning(status: Status | None, alarm_ringing: bool) -> str:
    """What quitting the app now would stop, or "" if nothing."""
    if alarm_ringing:  # the heat is not confirmed off
        return _("The heat is not confirmed off: if you quit, the reminder stops.")
    if status is not None and status.session is not None:
        return _("A session is running: if you quit, no alarm will sound at its end.")
    return ""


def tray_state(status: Status) -> TrayState:
    """The tray icon's state at ``status``."""
    if status.session is not None:
        return TrayState.RUNNING
    if status.unconfirmed is not None:
        return TrayState.ALARM
    if status.heat.allowed:
        return TrayState.READY
    return TrayState.BLOCKED if status.heat.injury_block else TrayState.CAPPED


def next_change(status: Status) -> datetime | None:
    """The next instant at which the status changes by itself (a deadline, a block lifting, ...)."""
    candidates = [
        status.session.ends_at if status.session is not None else None,
        status.heat.available_at,
        status.next_break,
        notice_at(status.next_break, status.settings),
        status.recovery.next_phase_at,
        status.next_coach_event,
        status.breaks.paused_until if status.breaks is not None else None,
        undo_ends(status.just_logged),
    ]
    future = [t for t in candidates if t is not None and t > status.now]
    return min(future) if future else None


def undo_ends(injury: Injury | None) -> datetime | None:
    """When the Undo for ``injury`` (just logged) is no longer offered."""
    logged = None if injury is None else injury.logged_at
    return None if logged is None else logged + UNDO_FOR


def next_redraw(status: Status) -> datetime | None:
    """The next instant at which what the window shows changes by itself: ``next_change``,
    or sooner the countdown in the headline ("in 35 min" turns "in 34 min" each minute,
    and counts seconds in its last minute)."""
    candidates = [next_change(status)]
    lift = status.heat.available_at
    if status.session is None and lift is not None and lift > status.now:
        left = lift - status.now
        second = timedelta(seconds=1)
        if left <= timedelta(minutes=1):
            candidates.append(status.now + second)
        else:
            candidates.append(status.now + (left % timedelta(minutes=1) or timedelta(minutes=1)))
    future = [t for t in candidates if t is not None]
    return min(future) if future else None
