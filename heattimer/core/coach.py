"""The moments in a recovery worth a notification, from the newest injury.

- 48 h after the injury: heat is unlocked and the subacute phase begins (or,
  with a red flag not yet cleared, heat stays on hold: see a professional);
- day 8: functional rebuilding begins; day 29: maintenance;
- after 14 days: pain lasting past two weeks should be seen by a physical
  therapist or physician.
The caller remembers up to when it has told the person, and asks for the
moments in between.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from heattimer.core.model import Injury
from heattimer.core.recovery import (
    ADVICE,
    PHASE_NAMES,
    PHASE_STARTS,
    PROFESSIONAL_NOTE,
    SEE_PROFESSIONAL_AFTER,
    Phase,
    newest_injury,
)
from heattimer.core.rules import INJURY_BLOCK, red_flag_holds
from heattimer.i18n import _


class CoachKind(StrEnum):
    """Which moment of a recovery (also the tag its notification replaces)."""

    HEAT_UNLOCKED = "heat_unlocked"
    HEAT_ON_HOLD = "heat_on_hold"
    PHASE = "phase"
    SEE_PROFESSIONAL = "see_professional"


class CoachEvent(NamedTuple):
    """A moment to tell the person about."""

    at: datetime
    kind: CoachKind
    title: str
    body: str


def _events_of(injury: Injury, injuries: Iterable[Injury]) -> list[CoachEvent]:
    unlock = injury.at + INJURY_BLOCK
    events: list[CoachEvent] = []
    if red_flag_holds(injuries, unlock):  # this injury's red flag, or an older one's
        events.append(
            CoachEvent(
                unlock,
                CoachKind.HEAT_ON_HOLD,
                _("48 hours since your injury: heat stays on hold"),
                _(
                    "You logged a red flag: see a physical therapist or physician, then record "
                    "that they cleared you."
                ),
            )
        )
    else:
        events.append(
            CoachEvent(
                unlock,
                CoachKind.HEAT_UNLOCKED,
                _("Heat is unlocked"),
                _("48 hours have passed since your injury. {advice}").format(
                    advice=ADVICE[Phase.SUBACUTE]
                ),
            )
        )
    for phase, start in PHASE_STARTS:
        if phase in (Phase.ACUTE, Phase.SUBACUTE):
            continue  # the acute phase starts with the log; subacute is told with the unlock
        events.append(
            CoachEvent(
                injury.at + start,
                CoachKind.PHASE,
                _("Now: {phase}").format(phase=PHASE_NAMES[phase]),
                ADVICE[phase],
            )
        )
    events.append(
        CoachEvent(
            injury.at + SEE_PROFESSIONAL_AFTER,
            CoachKind.SEE_PROFESSIONAL,
            _("Two weeks since your injury"),
            PROFESSIONAL_NOTE,
        )
    )
    return sorted(events, key=lambda e: e.at)


def coach_events(injuries: Iterable[Injury], since: datetime, until: datetime) -> list[CoachEvent]:
    """The moments in (since, until] of the newest injury active at ``until``."""
    injuries = list(injuries)
    injury = newest_injury(injuries, until)
    if injury is None:
        return []
    return [e for e in _events_of(injury, injuries) if since < e.at <= until]


def next_coach_event(injuries: Iterable[Injury], now: datetime) -> datetime | None:
    """When the next such moment comes (to wake the app for it), or None."""
    injuries = list(injuries)
    injury = newest_injury(injuries, now)
    if injury is None:
        return None
    upcoming = [e.at for e in _events_of(injury, injuries) if e.at > now]
    return min(upcoming) if upcoming else None


FRESH = timedelta(days=1)
"""A moment older than this when first noticed (the app was closed) is not told late."""
