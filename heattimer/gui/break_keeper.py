"""Posture breaks in the running app: when to offer one, and noticing the person is away.

The schedule itself is core's (core/breaks.py); this keeper feeds it what only
the desktop knows: how long since the last keyboard or mouse input, whether
the machine slept (the clock jumped between two ticks), and whether a
full-screen window is up. A break due while the person is away, during the
end-of-session alarm, or over a full-screen presentation waits; it is not lost. One that
went unanswered while nobody touched the keyboard or mouse was not seen: it comes again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from PySide6.QtCore import QObject, Signal

from heattimer.core import breaks as schedule
from heattimer.core.exercises import Exercise
from heattimer.core.model import BreakOutcome
from heattimer.core.status import Status
from heattimer.gui.controller import Controller
from heattimer.platform.ports import Clock, IdleMonitor
from heattimer.service import Service
from heattimer.store import StoreError

if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")


class _Held(TypedDict):
    """What holds a break, and its notice, back (core/breaks.py: offer_break, notice_due)."""

    showing: bool
    alarm_ringing: bool
    away: bool
    fullscreen: Callable[[], bool | None]


class BreakKeeper(QObject):
    """Offers a break when one is due; records the answer; tells the schedule about absences."""

    breakDue = Signal(object)  # the Exercise to show
    noticeDue = Signal()  # a break comes in BREAK_NOTICE_AHEAD (the break-notice setting)
    noticeGone = Signal()  # the break a notice told of is no longer due then

    def __init__(
        self,
        controller: Controller,
        service: Service,
        clock: Clock,
        idle: IdleMonitor,
        fullscreen: Callable[[], bool | None],
        catalogue: Sequence[Exercise],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.service = service
        self.clock = clock
        self.idle = idle
        self.fullscreen = fullscreen
        self.catalogue = catalogue
        self.showing: Exercise | None = None
        self.noticed_for: datetime | None = None
        """The due time of the break the last notice was given for."""
        self.shown_at = clock.now()
        """When the break showing (or the last one) came up."""
        self.presence = schedule.Presence()
        controller.before_tick.append(self.notice_absence)
        controller.changed.connect(self.on_status)
        controller.breakRequested.connect(self.offer_now)

    def begin(self) -> None:
        """The app started: sitting starts now (unless it restarted within the away time)."""
        self._quietly(self.service.start_sitting)
        self.controller.tick()

    @property
    def away_since(self) -> datetime | None:
        """Since when the person has been away from the keyboard, if they are."""
        return self.presence.away_since

    def on_status(self, status: Status) -> None:
        """On every tick: offer a break if one is due (absences were noticed just before),
        or give its notice shortly before, where the person wants one and is here."""
        held: _Held = {
            "showing": self.showing is not None,
            "alarm_ringing": self.controller.alarm.ringing,
            "away": self.presence.away_since is not None,
            "fullscreen": self.fullscreen,
        }
        if (
            self.noticed_for is not None
            and self.showing is None
            and status.next_break != self.noticed_for
        ):
            self.noticed_for = None  # paused, snoozed, turned off: not then after all
            self.noticeGone.emit()
        due = status.next_break
        if schedule.notice_due(due, status.settings, status.now, self.noticed_for, **held):
            self.noticed_for = due
            self.noticeDue.emit()
        if schedule.offer_break(due, status.now, **held):
            self._offer()

    def offer_now(self) -> None:
        """`heattimer break now`: a break at once, unless one is open or the alarm is up."""
        if self.showing is None and not self.controller.alarm.ringing:
            self._offer()

    def answered(self, outcome: BreakOutcome) -> None:
        """The popup closed with ``outcome``: record it; the schedule moves on. Unanswered
        with no input since it came up, nobody saw it: postponed, nothing recorded."""
        exercise, self.showing = self.showing, None
        name = exercise.id if exercise else ""
        if outcome is BreakOutcome.MISSED:
            idle = self.idle.idle_seconds()
            self._quietly(lambda: self.service.break_unanswered(name, self.shown_at, idle))
        else:
            self._quietly(lambda: self.service.record_break(outcome, name))
        self.controller.tick()

    def _offer(self) -> None:
        exercise = self._quietly(lambda: self.service.next_exercise(self.catalogue))
        if exercise is None:
            return
        self.showing = exercise
        self.shown_at = self.clock.now()
        self.breakDue.emit(exercise)

    def notice_absence(self) -> None:
        """Before each tick: tell the schedule about a sleep or a return to the desk."""
        status = self.controller.status
        if status is None:  # the first tick: nothing to compare yet
            self.presence = self.presence._replace(last_seen=self.clock.now())
            return
        self.presence, absence = schedule.notice(
            self.presence, self.clock.now(), self.idle.idle_seconds, status.settings
        )
        if absence is not None:
            away_from, back_at = absence
            self._quietly(lambda: self.service.note_away(away_from, back_at))

    def _quietly(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except StoreError as error:
            self.controller.problem.emit(str(error))
            return None
