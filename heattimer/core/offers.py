"""What the person can do now: every offer, shown or not, enabled or not and why.

The window's buttons, the tray's menu and the coach's pause menu are all drawn from
``offers(status)``, so they never disagree about what is possible or how it reads. The
list always holds every offer, in the same order (``KEYS``), so a menu can be built once
and only updated after.
"""

from datetime import tzinfo
from enum import StrEnum
from typing import NamedTuple

from heattimer.core.breaks import Pause
from heattimer.core.model import Kind
from heattimer.core.rules import Reason
from heattimer.core.settings import HEAT_MINUTES
from heattimer.core.status import Status, short_reason
from heattimer.i18n import _

QUICK_MINUTES = (HEAT_MINUTES[0], HEAT_MINUTES[-1])
"""The two lengths with buttons of their own (the shortest and the longest)."""
WARM_UP_MINUTES = QUICK_MINUTES
"""The seed: "gentle warmth before heavy lifting"."""


class Act(StrEnum):
    """What an offer does."""

    START = "start"
    WARM_UP = "warm_up"
    COLD = "cold"
    STOP = "stop"
    HEAT_OFF = "heat_off"
    CLEARED = "cleared"
    LOG_CHECKED = "log_checked"
    LOG_INJURY = "log_injury"
    UNDO_INJURY = "undo_injury"
    INJURY_LOG = "injury_log"
    HISTORY = "history"
    BREAK_NOW = "break_now"
    PAUSE = "pause"
    RESUME = "resume"


class Key(NamedTuple):
    """Which offer: the act, and its length or its pause."""

    act: Act
    minutes: int | None = None
    pause: Pause | None = None


class Offer(NamedTuple):
    """One thing the person may do, as every menu and button shows it."""

    key: Key
    label: str
    shown: bool
    """It belongs on screen now (a stop while a session runs, cold while an injury blocks
    heat, ...)."""
    enabled: bool = True
    why_not: str = ""
    """Why it is not enabled, short enough for a menu item."""

    @property
    def text(self) -> str:
        """The label, with the reason when it cannot be done now."""
        if not self.why_not:
            return self.label
        return _("{label} — {why_not}").format(label=self.label, why_not=self.why_not)


KEYS: tuple[Key, ...] = (
    *(Key(Act.START, minutes=m) for m in HEAT_MINUTES),
    *(Key(Act.WARM_UP, minutes=m) for m in WARM_UP_MINUTES),
    Key(Act.COLD),
    Key(Act.STOP),
    Key(Act.HEAT_OFF),
    Key(Act.CLEARED),
    Key(Act.LOG_CHECKED),
    Key(Act.LOG_INJURY),
    Key(Act.UNDO_INJURY),
    Key(Act.INJURY_LOG),
    Key(Act.HISTORY),
    Key(Act.BREAK_NOW),
    *(Key(Act.PAUSE, pause=p) for p in Pause),
    Key(Act.RESUME),
)


def offers(status: Status, zone: tzinfo) -> dict[Key, Offer]:
    """Every offer at ``status``, by key, in the order of ``KEYS``."""
    heat, session, now = status.heat, status.session, status.now
    idle = session is None
    starting = idle and not heat.injury_block
    why = "" if heat.allowed else short_reason(status, zone)
    breaks_on = status.settings.breaks
    paused_until = status.breaks.paused_until if status.breaks is not None else None
    paused = paused_until is not None and paused_until > now
    no_breaks = "" if breaks_on else _("posture breaks are off")
    if session is None:
        stop = _("Stop session")
    elif session.kind is Kind.HEAT:
        stop = _("Stop heat session")
    else:
        stop = _("Stop cold session")
    found = [
        *(
            Offer(
                Key(Act.START, minutes=m),
                _("Start {minutes} min").format(minutes=m),
                shown=starting,
                enabled=heat.allowed,
                why_not=why,
            )
            for m in HEAT_MINUTES
        ),
        *(
            Offer(
                Key(Act.WARM_UP, minutes=m),
                _("Warm-up before a workout, {minutes} min").format(minutes=m),
                shown=starting,
                enabled=heat.allowed,
                why_not=why,
            )
            for m in WARM_UP_MINUTES
        ),
        Offer(
            Key(Act.COLD),
            _("Cold session · {minutes} min").format(minutes=status.settings.cold_minutes),
            shown=status.cold_offered,
        ),
        Offer(Key(Act.STOP), stop, shown=not idle),
        Offer(Key(Act.HEAT_OFF), _("Heat is off"), shown=status.unconfirmed is not None),
        Offer(
            Key(Act.CLEARED),
            _("I was cleared by a professional"),
            shown=idle and heat.reason is Reason.RED_FLAG,
        ),
        Offer(
            Key(Act.LOG_CHECKED),
            _("I checked my injury log"),
            shown=idle and status.hold is not None,
        ),
        Offer(Key(Act.LOG_INJURY), _("Log injury…"), shown=True),
        Offer(Key(Act.UNDO_INJURY), _("Undo"), shown=status.just_logged is not None),
        Offer(Key(Act.INJURY_LOG), _("Injury log…"), shown=True),
        Offer(Key(Act.HISTORY), _("History…"), shown=True),
        Offer(
            Key(Act.BREAK_NOW),
            _("Take a posture break now"),
            shown=True,
            enabled=breaks_on,
            why_not=no_breaks,
        ),
        *(
            Offer(
                Key(Act.PAUSE, pause=p), p.label, shown=True, enabled=breaks_on, why_not=no_breaks
            )
            for p in Pause
        ),
        Offer(Key(Act.RESUME), _("Resume posture breaks"), shown=paused),
    ]
    return {offer.key: offer for offer in found}


def session_kind(key: Key) -> Kind:
    """The kind of session an offer starts (heat for every start but cold)."""
    return Kind.COLD if key.act is Act.COLD else Kind.HEAT


assert len(set(KEYS)) == len(KEYS), "each offer once"
