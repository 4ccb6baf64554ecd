"""What may be written down: checks on injuries and sessions before they are stored, and
what to say about a session recorded afterwards that the rules would not have allowed.

A session done away from the computer is the truth, and the truth is recordable even
over the cap or inside a block; it counts from then on like any other, and the person is
told in one line what it broke."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, tzinfo

from heattimer.core.localtime import local_date
from heattimer.core.model import Injury, Kind, Session
from heattimer.core.rules import (
    INJURY_BLOCK,
    accidental_starts,
    cool_down_after,
    counted_today,
)
from heattimer.core.settings import Settings
from heattimer.core.wording import on_day, when
from heattimer.i18n import _

INJURY_BACKDATE = timedelta(days=30)
MANUAL_MINUTES = range(1, 61)


class Invalid(ValueError):
    """Input that the rules do not accept; nothing is written."""


def check_injury_time(at: datetime, now: datetime) -> None:
    """An injury happened at most 30 days ago and never in the future."""
    if at > now:
        raise Invalid(_("an injury cannot be logged in the future"))
    if at < now - INJURY_BACKDATE:
        raise Invalid(_("an injury can be logged at most 30 days back"))


def check_minutes(minutes: int, allowed: range, what: str) -> None:
    """Minutes within ``allowed``, or Invalid naming the range. ``what`` is the subject of
    the sentence, "a heat session" (``SESSION_WORDS``, ``RECORDED_WORDS``)."""
    if minutes not in allowed:
        raise Invalid(
            _("{what} must be {low} to {high} minutes, not {minutes}").format(
                what=what, low=allowed.start, high=allowed.stop - 1, minutes=minutes
            )
        )


SESSION_WORDS = {Kind.HEAT: _("a heat session"), Kind.COLD: _("a cold session")}
"""A session started now, as the subject of ``check_minutes``' sentence."""
RECORDED_WORDS = {
    Kind.HEAT: _("a recorded heat session"),
    Kind.COLD: _("a recorded cold session"),
}
"""A session recorded afterwards, as the same."""


def check_recorded_time(at: datetime, now: datetime) -> None:
    """A session recorded afterwards started in the last 30 days, not in the future."""
    if at > now:
        raise Invalid(_("a session cannot be recorded in the future"))
    if at < now - INJURY_BACKDATE:
        raise Invalid(_("a session can be recorded at most 30 days back"))


def check_manual_session(
    kind: Kind,
    at: datetime,
    minutes: int,
    sessions: Iterable[Session],
    now: datetime,
    zone: tzinfo,
) -> None:
    """A session done away from the computer: in the past, and overlapping no other."""
    check_minutes(minutes, MANUAL_MINUTES, RECORDED_WORDS[kind])
    check_recorded_time(at, now)
    end = at + timedelta(minutes=minutes)
    if end > now:
        raise Invalid(_("that session has not ended yet: use 'heattimer start' for a session now"))
    for other in sessions:
        other_end = other.end(now) or other.ends_at
        if at < other_end and other.started_at < end and not other.short(now):
            if other.kind is Kind.HEAT:
                said = _("it overlaps the heat session of {time}")
            else:
                said = _("it overlaps the cold session of {time}")
            raise Invalid(said.format(time=when(other.started_at, now, zone)))


def recorded_session_note(
    session: Session,
    sessions: Sequence[Session],
    injuries: Sequence[Injury],
    settings: Settings,
    now: datetime,
    zone: tzinfo,
) -> str | None:
    """One plain line on the limits a session recorded afterwards went past, or None.
    ``sessions`` (with ``session`` among them) and ``injuries`` are placed on the clock of
    ``now`` (core/rules.py ``place``)."""
    if session.kind is not Kind.HEAT:
        return None
    said: list[str] = []
    start = session.started_at
    used = counted_today(sessions, start, zone, settings)
    if used > settings.daily_cap:
        on = on_day(local_date(start, zone), now, zone)
        said.append(
            _("that makes {used} heat sessions {day}, over your limit of {cap}").format(
                used=used, day=on, cap=settings.daily_cap
            )
        )
    free = accidental_starts(sessions, now, settings)
    before = [
        s
        for s in sessions
        if s.kind is Kind.HEAT
        and s.id != session.id
        and s.id not in free
        and s.started_at < start
        and (s.end(now) or s.ends_at) + cool_down_after(s, settings) > start
    ]
    if before:
        last = before[-1]
        minutes = int(cool_down_after(last, settings).total_seconds() // 60)
        said.append(
            _(
                "it started within the {minutes}-minute cool-down after the heat session of {time}"
            ).format(minutes=minutes, time=when(last.started_at, now, zone))
        )
    hurt = [i for i in injuries if i.active(start) and i.at <= start < i.at + INJURY_BLOCK]
    if hurt:
        said.append(
            _("it was within 48 h of the injury of {time}, when cold is safer than heat").format(
                time=when(hurt[-1].at, now, zone)
            )
        )
    if any(i.holds_heat(start) for i in injuries):
        said.append(_("it was while a red flag held heat: see a physical therapist or physician"))
    if not said:
        return None
    text = "; ".join(said)
    return text[0].upper() + text[1:] + "."
