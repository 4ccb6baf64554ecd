"""When the next posture break is due.

The sitting clock starts when the person sits down: at a break's end (done,
skipped or missed), when they come back from being away (idle or suspended
for at least ``idle_reset_minutes``), or when the app starts. A break is due
``break_interval_minutes`` later. Snoozing moves it 10 minutes on. A pause
holds breaks until its end; outside work hours (if set) none are due, and the
first one comes an interval after work starts.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple

from heattimer.core.localtime import local_date, next_day_start
from heattimer.core.model import BreakOutcome
from heattimer.core.settings import BREAK_NOTICE_AHEAD, Settings
from heattimer.core.workhours import WorkHours
from heattimer.i18n import _

SNOOZE = timedelta(minutes=10)
POPUP_TIMEOUT = timedelta(minutes=2)


NOTICE_TITLE = _("Posture break in {seconds} seconds").format(seconds=BREAK_NOTICE_AHEAD.seconds)
NOTICE_BODY = _("Finish what you are doing: a short stretch comes next.")


def notice_at(due: datetime | None, settings: Settings) -> datetime | None:
    """When the notice before the break due at ``due`` comes (None: no notice)."""
    if due is None or not settings.break_notice:
        return None
    return due - BREAK_NOTICE_AHEAD


def notice_due(
    due: datetime | None,
    settings: Settings,
    now: datetime,
    noticed: object,
    *,
    showing: bool,
    alarm_ringing: bool,
    away: bool,
    fullscreen: Callable[[], bool | None],
) -> bool:
    """True if the notice for the break due at ``due`` should come now: its time has come,
    the break has not, it was not given for this break already (``noticed``: the due time
    the last notice was given for), and nothing would hold the break itself back (as in
    ``offer_break``; the full-screen check asked last)."""
    at = notice_at(due, settings)
    if at is None or not at <= now < at + BREAK_NOTICE_AHEAD or noticed == due:
        return False
    return not (showing or alarm_ringing or away) and not fullscreen()


def unanswered(shown_at: datetime, now: datetime) -> bool:
    """A break shown at ``shown_at`` (a popup or a notification) and not answered by ``now``
    is over: missed, or postponed if nobody could see it (``unseen``)."""
    return now - shown_at >= POPUP_TIMEOUT


def unseen(shown_at: datetime, now: datetime, idle_seconds: float | None) -> bool:
    """True if nobody touched the keyboard or mouse from ``shown_at`` to ``now``: the person
    was away, or watching something full screen that hid it. Such a break is not missed
    but postponed (``after_unseen``). Where the desktop cannot tell (None), it was seen."""
    return idle_seconds is not None and idle_seconds >= (now - shown_at).total_seconds()


ANSWERS: dict[BreakOutcome, str] = {
    BreakOutcome.DONE: _("Done"),
    BreakOutcome.SNOOZED: _("Snooze {minutes} min").format(
        minutes=round(SNOOZE.total_seconds() / 60)
    ),
    BreakOutcome.SKIPPED: _("Skip"),
}
"""A break's answers, as its popup's buttons and its notification's read: the outcome each
records (Done starts the exercise's countdown first), and its label."""
ANSWER_KEYS: dict[str, BreakOutcome] = {f"break-{outcome}": outcome for outcome in ANSWERS}
"""The action key each answer's button sends from a break's notification."""
WORK_DAYS_AHEAD = 8


class BreakState(NamedTuple):
    """What the schedule remembers between breaks."""

    sitting_since: datetime
    snoozed_until: datetime | None = None
    paused_until: datetime | None = None


def after_outcome(state: BreakState, outcome: BreakOutcome, at: datetime) -> BreakState:
    """The schedule after the person answered a break at ``at``."""
    if outcome is BreakOutcome.SNOOZED:
        return state._replace(snoozed_until=at + SNOOZE)
    return state._replace(sitting_since=at, snoozed_until=None)


def at_start(state: BreakState, now: datetime, settings: Settings) -> BreakState:
    """The schedule when the app starts at ``now``: sitting starts then, unless it started
    less than the away time before (the app was restarted at once: the person sat on)."""
    if now - state.sitting_since < timedelta(minutes=settings.idle_reset_minutes):
        return state
    return state._replace(sitting_since=now, snoozed_until=None)


def after_unseen(state: BreakState, now: datetime) -> BreakState:
    """The schedule after a break nobody saw: it comes again a snooze later (or, should the
    person be away long enough by then, sitting starts over when they are back)."""
    return state._replace(snoozed_until=now + SNOOZE)


def after_away(
    state: BreakState, away_from: datetime, back_at: datetime, settings: Settings
) -> BreakState:
    """The schedule after the person was away (idle or suspended) from ``away_from`` to ``back_at``.

    Long enough away, and sitting starts over when they return; any snooze is
    forgotten, so no popup waits for them.
    """
    if back_at - away_from < timedelta(minutes=settings.idle_reset_minutes):
        return state
    return state._replace(sitting_since=max(state.sitting_since, back_at), snoozed_until=None)


def paused(state: BreakState, until: datetime | None) -> BreakState:
    """The schedule with breaks paused until ``until`` (None resumes them)."""
    return state._replace(paused_until=until)


class Pause(StrEnum):
    """The pauses of posture breaks the person may pick."""

    HALF_HOUR = "30m"
    HOUR = "1h"
    TOMORROW = "tomorrow"

    @property
    def words(self) -> str:
        """How the pause reads: "30 minutes", "1 hour", "until tomorrow"."""
        return _PAUSE_WORDS[self.value]

    @property
    def label(self) -> str:
        """The pause as a menu item says it: "Pause 30 minutes", "Pause until tomorrow"."""
        return _PAUSE_LABELS[self.value]


_PAUSE_WORDS = {"30m": _("30 minutes"), "1h": _("1 hour"), "tomorrow": _("until tomorrow")}
_PAUSE_LABELS = {
    "30m": _("Pause 30 minutes"),
    "1h": _("Pause 1 hour"),
    "tomorrow": _("Pause until tomorrow"),
}


def pause_end(choice: Pause, now: datetime, zone: tzinfo) -> datetime:
    """When a pause picked at ``now`` ends: 30 minutes, an hour, or the next local midnight."""
    if choice is Pause.HALF_HOUR:
        return now + timedelta(minutes=30)
    if choice is Pause.HOUR:
        return now + timedelta(hours=1)
    return next_day_start(now, zone)


SLEEP_GAP = timedelta(seconds=90)
"""The app looks at least once a minute: a longer gap between two looks means the machine
was asleep, and the person away for all of it."""


class Presence(NamedTuple):
    """What the app has seen of the person at the desk."""

    last_seen: datetime | None = None
    """The app's last look."""
    away_since: datetime | None = None
    """The last keyboard or mouse input, while that was long enough ago to count as away."""


def notice(
    presence: Presence, now: datetime, idle_seconds: Callable[[], float | None], settings: Settings
) -> tuple[Presence, tuple[datetime, datetime] | None]:
    """Presence after a look at ``now``, and an absence that just ended (from, back), if one did.

    A gap over SLEEP_GAP since the last look was a sleep. Otherwise ``idle_seconds`` (time
    since the last input, None where the desktop cannot tell) is asked, but never on the
    first look, so the app starts without waking the idle probe: once it reaches
    ``idle_reset_minutes`` the person is away from that input on, until input comes again.
    """
    last = presence.last_seen
    if last is not None and now - last > SLEEP_GAP:
        return Presence(last_seen=now), (last, now)
    if last is None:
        return presence._replace(last_seen=now), None
    seconds = idle_seconds()
    if seconds is None:
        return presence._replace(last_seen=now), None
    input_at = now - timedelta(seconds=seconds)
    if seconds >= settings.idle_reset_minutes * 60:
        since = input_at if presence.away_since is None else min(presence.away_since, input_at)
        return Presence(last_seen=now, away_since=since), None
    if presence.away_since is not None:
        return Presence(last_seen=now), (presence.away_since, input_at)
    return presence._replace(last_seen=now), None


def offer_break(
    due: datetime | None,
    now: datetime,
    *,
    showing: bool,
    alarm_ringing: bool,
    away: bool,
    fullscreen: Callable[[], bool | None],
) -> bool:
    """True if a posture break should be offered at ``now``. One due waits, still due, while
    a break is showing, the end alarm rings, the person is away, or a full-screen window is
    up (asked last: the check costs a round trip to the display)."""
    if showing or due is None or due > now or alarm_ringing or away:
        return False
    return not fullscreen()


def break_due(state: BreakState | None, settings: Settings, zone: tzinfo, now: datetime) -> bool:
    """True if a posture break is due at ``now``."""
    if state is None:
        return False
    due = next_break(state, settings, zone)
    return due is not None and due <= now


def next_break(state: BreakState, settings: Settings, zone: tzinfo) -> datetime | None:
    """When the next break is due (possibly already past), or None if breaks are off."""
    if not settings.breaks:
        return None
    due = state.sitting_since + timedelta(minutes=settings.break_interval_minutes)
    if state.snoozed_until is not None:
        due = state.snoozed_until
    if state.paused_until is not None and due < state.paused_until:
        due = state.paused_until
    if settings.work_hours is None:
        return due
    return _within_work_hours(due, settings, settings.work_hours, zone)


def _within_work_hours(
    due: datetime, settings: Settings, hours: WorkHours, zone: tzinfo
) -> datetime | None:
    if hours.contains(due.astimezone(zone)):
        return due
    interval = timedelta(minutes=settings.break_interval_minutes)
    first_day = local_date(due, zone)
    for offset in range(WORK_DAYS_AHEAD):
        day = first_day + timedelta(days=offset)
        start = datetime.combine(day, hours.start, tzinfo=zone).astimezone(UTC)
        if day.weekday() not in hours.days or start <= due:
            continue
        end = datetime.combine(day, hours.end, tzinfo=zone).astimezone(UTC)
        return min(start + interval, end - timedelta(minutes=1))
    return None
