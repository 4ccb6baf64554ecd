"""The end-of-session alarm, as a state machine: a state, an input, a new state and effects.

Rules:
- at a heat session's deadline the alarm rings (a notification that asks "Heat is off?",
  a chime, the window forward), then again every minute until the person confirms the
  heat is off, for up to 10 minutes; after that it waits, silent, for the confirmation;
- an alarm that was never heard (the machine slept, or the app was closed) rings once as
  soon as it can, however late, saying to make sure the heat is off;
- the alarm ends when the heat is confirmed off, or another session starts (the person
  dealt with the belt then); closing a notification is not a confirmation;
- a cold session that runs out gets a plain notice: take the cold pack off.

``step(state, status)`` is the whole of it: the caller keeps the state, feeds each new
status in, and carries out the effects (core never rings anything itself).
"""

from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from heattimer.core.model import Kind, Session
from heattimer.core.status import Status
from heattimer.core.wording import when
from heattimer.i18n import _

REPEAT = timedelta(seconds=60)
GIVE_UP_AFTER = timedelta(minutes=10)

RING_TITLE = _("Time is up: turn the heat off")
RING_WORDS = (_("Time is up"), _("turn the heat off"))
"""The window's ring while the alarm is up: its big words, and the line under them."""
HEAT_OFF_ACTION = ("heat-off", _("Heat is off"))
"""The notification's button: its key and its label."""
OPEN_ACTION = ("default", _("Open Heat Timer"))
"""Clicking the notification itself (the spec's "default" action): the window comes up."""


def actions(click_opens: bool) -> tuple[tuple[str, str], ...]:
    """The alarm notification's actions. ``click_opens`` where a click on the notification
    is the only way the window may come up with the keyboard (Wayland); not where a server
    runs an only action on a click (dunst's middle button: Heat is off)."""
    return (HEAT_OFF_ACTION, OPEN_ACTION) if click_opens else (HEAT_OFF_ACTION,)


COLD_DONE_TITLE = _("Cold session done")
COLD_DONE_BODY = _("Take the cold pack off.")


class AlarmState(NamedTuple):
    """What the alarm knows between two looks at the status."""

    pending: Session | None = None
    """The heat session that reached its end with its heat not confirmed off."""
    last_rung: datetime | None = None
    running: Session | None = None
    """The session running at the last look (to tell a cold session that ran out)."""

    @property
    def ringing(self) -> bool:
        """True while the alarm still has rings to come (its first 10 minutes)."""
        if self.pending is None:
            return False
        ended = self.pending.ended_at or self.pending.ends_at
        return self.last_rung is None or self.last_rung + REPEAT <= ended + GIVE_UP_AFTER


class EffectKind(StrEnum):
    """What the caller does."""

    SHOW = "show"
    """The alarm now waits for ``session``'s heat to be confirmed off: show it."""
    RING = "ring"
    """Ring: notify with ``title`` and ``body`` (urgent, with the heat-off button), chime,
    and bring the window forward."""
    END = "end"
    """The alarm is over: close its notification and its view."""
    COLD_DONE = "cold_done"
    """Tell the person, plainly, to take the cold pack off (``title``, ``body``)."""
    RECORD_END = "record_end"
    """``session`` reached its deadline and the file does not say so yet: record it ended
    then (should the app stop now, the file knows the heat is to be confirmed off)."""


class Effect(NamedTuple):
    """One thing for the caller to do."""

    kind: EffectKind
    session: Session | None = None
    title: str = ""
    body: str = ""
    chime: bool = True
    """Play the chime with it: the end alarm always; a cold session's end as the
    ``sounds`` setting says."""


def step(state: AlarmState, status: Status, zone: tzinfo) -> tuple[AlarmState, list[Effect]]:
    """The alarm after a new look at ``status``: its new state, and what to do now."""
    now, effects = status.now, []
    previous = state.running
    if previous is not None and status.session is None and _ran_out_cold(previous, now):
        effects.append(
            Effect(
                EffectKind.COLD_DONE,
                previous,
                title=COLD_DONE_TITLE,
                body=COLD_DONE_BODY,
                chime=status.settings.sounds,
            )
        )
    pending = status.unconfirmed
    if pending is None:
        if state.pending is not None:
            effects.append(Effect(EffectKind.END, state.pending))
        return AlarmState(running=status.session), effects
    if pending.ended_at is None:
        effects.append(Effect(EffectKind.RECORD_END, pending))
    last_rung = state.last_rung
    if state.pending is None or state.pending.id != pending.id:
        effects.append(Effect(EffectKind.SHOW, pending))
        last_rung = None
    ended = pending.ended_at or pending.ends_at
    if _rings_now(ended, last_rung, now):
        body = ring_body(pending, now, zone)
        effects.append(Effect(EffectKind.RING, pending, title=RING_TITLE, body=body))
        last_rung = now
    return AlarmState(pending=pending, last_rung=last_rung, running=status.session), effects


def ring_body(session: Session, now: datetime, zone: tzinfo) -> str:
    """What the alarm's notification says: the session, and what to do."""
    ended = session.ended_at or session.ends_at
    at = when(ended, now, zone)
    if now - ended > GIVE_UP_AFTER:
        return _("Your heat session ended at {time}. Make sure the heat is off.").format(time=at)
    minutes = round((session.ends_at - session.started_at).total_seconds() / 60)
    return _(
        "Your {minutes}-minute heat session ended at {time}. Take the belt or pad off now."
    ).format(minutes=minutes, time=at)


def ended_line(session: Session, now: datetime, zone: tzinfo) -> str:
    """The line the window shows under RING_TITLE while the alarm is up: when it ended."""
    ended = session.ended_at or session.ends_at
    return _("The session ended at {time}.").format(time=when(ended, now, zone))


def next_ring(state: AlarmState) -> datetime | None:
    """When the alarm will next ring, or None once it has given up (or there is none)."""
    if not state.ringing or state.pending is None:
        return None
    return None if state.last_rung is None else state.last_rung + REPEAT


def _rings_now(ended: datetime, last_rung: datetime | None, now: datetime) -> bool:
    if now < ended:
        return False
    if last_rung is None:
        return True  # never heard: once, however late
    return now <= ended + GIVE_UP_AFTER and now - last_rung >= REPEAT


def _ran_out_cold(session: Session, now: datetime) -> bool:
    return session.kind is Kind.COLD and session.ends_at <= now
