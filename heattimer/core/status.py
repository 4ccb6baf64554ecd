"""Everything the person needs to know at one instant, from the records and the rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from heattimer.core.breaks import BreakState, next_break
from heattimer.core.model import Injury, Kind, Session
from heattimer.core.recovery import Recovery, recovery
from heattimer.core.rules import HeatDecision, counted_today, heat_decision, running_session
from heattimer.core.settings import Settings


@dataclass(frozen=True, slots=True)
class Status:
    """A snapshot: may heat start, what runs, how much of today is used, recovery, breaks."""

    now: datetime
    heat: HeatDecision
    session: Session | None
    today_sessions: int
    settings: Settings
    recovery: Recovery
    next_break: datetime | None
    unconfirmed: Session | None

    @property
    def cold_offered(self) -> bool:
        """Cold is offered while an injury blocks heat and no session runs."""
        return self.heat.injury_block and self.session is None


def unconfirmed_heat(sessions: Sequence[Session], now: datetime) -> Session | None:
    """The latest heat session that reached its deadline without anyone confirming the heat off."""
    ended = [
        s
        for s in sessions
        if s.kind is Kind.HEAT
        and not s.stopped
        and not s.manual
        and s.confirmed_off_at is None
        and s.end(now) is not None
    ]
    return max(ended, key=lambda s: s.ends_at) if ended else None


def build_status(
    now: datetime,
    zone: tzinfo,
    sessions: Sequence[Session],
    injuries: Sequence[Injury],
    settings: Settings,
    breaks: BreakState | None,
) -> Status:
    """The snapshot at ``now`` (``sessions`` need only reach back two days)."""
    return Status(
        now=now,
        heat=heat_decision(now, sessions, injuries, settings, zone),
        session=running_session(sessions, now),
        today_sessions=counted_today(sessions, now, zone),
        settings=settings,
        recovery=recovery(now, injuries),
        next_break=next_break(breaks, settings, zone) if breaks is not None else None,
        unconfirmed=unconfirmed_heat(sessions, now),
    )
