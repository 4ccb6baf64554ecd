"""Posture breaks in the running app: when to offer one, and noticing the person is away.

The schedule itself is core's (core/breaks.py); this keeper feeds it what only
the desktop knows: how long since the last keyboard or mouse input, whether
the machine slept (the clock jumped between two ticks), and whether a
full-screen window is up. A break due while the person is away, during the
end-of-session alarm, or over a full-screen presentation waits; it is not lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Signal

from heattimer.clock import Clock
from heattimer.core.exercises import Exercise
from heattimer.core.model import BreakOutcome
from heattimer.core.record import TYPE_CHECKING
from heattimer.core.status import Status
from heattimer.gui.controller import Controller
from heattimer.idle import IdleMonitor
from heattimer.service import Service
from heattimer.store import StoreError

if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")

SLEEP_GAP = timedelta(seconds=90)
"""Ticks come at least once a minute: a longer gap means the machine was asleep."""


class BreakKeeper(QObject):
    """Offers a break when one is due; records the answer; tells the schedule about absences."""

    breakDue = Signal(object)  # the Exercise to show

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
        self.away_since: datetime | None = None
        self._last_seen: datetime | None = None
        controller.before_tick.append(self.notice_absence)
        controller.changed.connect(self.on_status)
        controller.breakRequested.connect(self.offer_now)

    def begin(self) -> None:
        """The app started: sitting starts now (unless it restarted within the away time)."""
        settings = self.service.settings()
        self._quietly(
            lambda: self.service.start_sitting(
                keep_within=timedelta(minutes=settings.idle_reset_minutes)
            )
        )
        self.controller.tick()

    def on_status(self, status: Status) -> None:
        """On every tick: offer a break if one is due (absences were noticed just before)."""
        due = status.next_break
        if self.showing is not None or due is None or due > status.now:
            return
        if self.controller.alarm.ringing or self.away_since is not None:
            return
        if self.fullscreen():
            return  # postponed: still due at the next tick
        self._offer()

    def offer_now(self) -> None:
        """`heattimer break now`: a break at once, unless one is open or the alarm is up."""
        if self.showing is None and not self.controller.alarm.ringing:
            self._offer()

    def answered(self, outcome: BreakOutcome) -> None:
        """The popup closed with ``outcome``: record it; the schedule moves on."""
        exercise, self.showing = self.showing, None
        self._quietly(lambda: self.service.record_break(outcome, exercise.id if exercise else ""))
        self.controller.tick()

    def _offer(self) -> None:
        exercise = self._quietly(lambda: self.service.next_exercise(self.catalogue))
        if exercise is None:
            return
        self.showing = exercise
        self.breakDue.emit(exercise)

    def notice_absence(self) -> None:
        """Before each tick: tell the schedule about a sleep or a return to the desk."""
        now = self.clock.now()
        last, self._last_seen = self._last_seen, now
        if last is not None and now - last > SLEEP_GAP:
            self.away_since = None
            self._quietly(lambda: self.service.note_away(last, now))  # the machine slept
            return
        status = self.controller.status
        if last is None or status is None:
            return  # the first tick: nothing to compare yet (and start-up stays quick)
        seconds = self.idle.idle_seconds()
        if seconds is None:
            return
        input_at = now - timedelta(seconds=seconds)
        if seconds >= status.settings.idle_reset_minutes * 60:
            earliest = input_at if self.away_since is None else min(self.away_since, input_at)
            self.away_since = earliest
        elif self.away_since is not None:
            away_from, self.away_since = self.away_since, None
            self._quietly(lambda: self.service.note_away(away_from, input_at))

    def _quietly(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except StoreError as error:
            self.controller.problem.emit(str(error))
            return None
