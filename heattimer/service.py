"""The use cases: each reads the records, asks the rules, and writes, in one transaction.

The CLI and the GUI both call this; neither decides anything itself. Errors:
Invalid (bad input, nothing written), Refused (a safety rule said no; it
carries the decision), StoreError (the file could not be used).
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from heattimer.core import breaks as schedule
from heattimer.core.coach import FRESH, CoachEvent, coach_events
from heattimer.core.localtime import day_start, first_of_last, next_day_start
from heattimer.core.model import Area, BreakOutcome, BreakRecord, Injury, Kind, RedFlag, Session
from heattimer.core.moment import Moment
from heattimer.core.recovery import recovery
from heattimer.core.rules import (
    HeatDecision,
    accidental_starts,
    cold_decision,
    heat_decision,
    minutes_range,
    overdue,
    place,
    running_session,
    session_length,
)
from heattimer.core.settings import Settings, parse_setting, setting_text, settings_from
from heattimer.core.status import Status, build_status
from heattimer.core.validation import (
    SESSION_WORDS,
    Invalid,
    check_injury_time,
    check_manual_session,
    check_minutes,
    check_recorded_time,
    recorded_session_note,
)
from heattimer.i18n import _
from heattimer.platform.clock import system_clock
from heattimer.store import Store

if TYPE_CHECKING:
    from heattimer.core.exercises import Exercise
    from heattimer.platform.ports import Clock, HeatSwitch
from heattimer.store.tables import Tables, new_id

BreakChange = Callable[[schedule.BreakState, datetime, Settings], schedule.BreakState]

HISTORY_DAYS = 36500
RECENT = timedelta(days=2)
"""How far back the rules need sessions: today, and the cool-down before it."""

__all__ = ["Invalid", "Recorded", "Refused", "Request", "Service", "Stopped"]


class Request(StrEnum):
    """What another program may ask of the running app, through the state file."""

    SHOW = "show"
    """Bring the window forward (a second launch)."""
    BREAK = "break"
    """A posture break now (`heattimer break now`)."""


class Stopped(NamedTuple):
    """A session that was stopped, and whether it was an accidental start (costing nothing)."""

    session: Session
    accidental: bool


class Recorded(NamedTuple):
    """A session recorded afterwards, and the line on what limits it went past (or None)."""

    session: Session
    note: str | None


class Refused(Exception):
    """A safety rule does not allow this now; ``decision`` says which and until when."""

    def __init__(self, decision: HeatDecision) -> None:
        super().__init__(decision.message)
        self.decision = decision


class Service:
    """Heat Timer's use cases over one store, one clock and one local zone."""

    def __init__(
        self,
        store: Store,
        clock: "Clock | None" = None,
        zone: tzinfo | None = None,
        switch: "HeatSwitch | None" = None,
    ):
        self.switch = switch
        """The smart plug the belt is on (core/heatswitch.py), or None."""
        if zone is None:
            from heattimer.platform.zone import local_zone

            zone = local_zone()
        self.store = store
        self.clock = clock or system_clock()
        self.zone = zone

    # -- reading ---------------------------------------------------------------

    def status(self) -> Status:
        """Everything the person needs to know now."""
        now = self.clock.moment()
        return self.store.read(lambda t: self._status(t, now))

    def _status(self, t: Tables, now: Moment) -> Status:
        return build_status(
            now,
            self.zone,
            t.recent_sessions(now.wall - RECENT),
            t.injuries_that_matter(),
            settings_from(t.settings()),
            t.break_state(),
            t.recovery_hold(),
        )

    def _placed(self, t: Tables, now: Moment) -> tuple[list[Session], list[Injury]]:
        return place(t.recent_sessions(now.wall - RECENT), t.injuries_that_matter(), now)

    def settings(self) -> Settings:
        """The current settings."""
        return self.store.read(lambda t: settings_from(t.settings()))

    def injuries(self) -> list[Injury]:
        """Every injury logged, removed ones included, oldest first (on the clock as it
        reads now)."""
        now = self.clock.moment()
        return self.store.read(lambda t: place((), t.injuries(), now)[1])

    def history(self, days: int) -> list[Session]:
        """Sessions started in the last ``days`` local days, today included, oldest first."""
        if not 1 <= days <= HISTORY_DAYS:
            raise Invalid(_("--days must be from 1 to {most}").format(most=HISTORY_DAYS))
        now = self.clock.moment()
        since = day_start(first_of_last(days, now.wall, self.zone), self.zone)

        def body(t: Tables) -> list[Session]:
            stored = t.sessions_between(since, now.wall + timedelta(days=1))
            return [s for s in place(stored, (), now)[0] if s.started_at >= since]

        return self.store.read(body)

    def events(self, days: int) -> tuple[list[Session], list[BreakRecord], list[Injury]]:
        """Everything of the last ``days`` local days, today included, oldest first: the
        sessions (as ``history``), the posture-break outcomes, and the injuries logged (an
        injury by when it happened), removed ones too."""
        sessions = self.history(days)
        now = self.clock.now()
        since = day_start(first_of_last(days, now, self.zone), self.zone)

        def body(t: Tables) -> tuple[list[BreakRecord], list[Injury]]:
            breaks = t.breaks_between(since, now + timedelta(seconds=1))
            return breaks, [i for i in t.injuries() if since <= i.at <= now]

        breaks, injuries = self.store.read(body)
        return sessions, breaks, injuries

    # -- sessions --------------------------------------------------------------

    def start(
        self,
        kind: Kind = Kind.HEAT,
        minutes: int | None = None,
        warmup: bool = False,
        *,
        switch: bool = True,
        plan_only: bool = False,
    ) -> Session:
        """Start a timed session now, if the rules allow it (and no longer than they allow);
        a heat session switches the heat switch on first, with its own off timer. The app,
        which asks the plug on a thread of its own, asks in two steps: ``plan_only`` (the
        session the rules would start, nothing stored), then, the plug on, ``switch=False``."""
        if minutes is not None:
            check_minutes(minutes, minutes_range(kind), SESSION_WORDS[kind])
        if warmup and kind is not Kind.HEAT:
            raise Invalid(_("only a heat session can be a warm-up"))

        def body(t: Tables, store: bool = True) -> Session:
            now = self.clock.moment()
            self._close_overdue(t, now)
            sessions, injuries = self._placed(t, now)
            settings = settings_from(t.settings())
            if kind is Kind.HEAT:
                decision = heat_decision(
                    now.wall, sessions, injuries, settings, self.zone, t.recovery_hold()
                )
            else:
                decision = cold_decision(now.wall, sessions, self.zone)
            if not decision.allowed:
                raise Refused(decision)
            length = session_length(kind, minutes, settings, decision)
            session = Session(
                id=new_id(),
                kind=kind,
                started_at=now.wall,
                ends_at=now.wall + length,
                warmup=warmup,
                recorded_at=now.wall,
                stamp=now.stamp,
                day_ends_at=next_day_start(now.wall, self.zone),
                cool_down_minutes=settings.cool_down_minutes,
                daily_cap=settings.daily_cap,
            )
            if store:
                t.add_session(session)
            return session

        if plan_only:
            return self.store.write(lambda t: body(t, store=False))
        if kind is Kind.HEAT and self.switch is not None and switch:
            # The rules first (nothing stored), then the plug, on with its own off timer,
            # then the session, the rules asked again (the plug off if they now say no).
            from heattimer.core.heatswitch import (
                off_quietly,
                off_timer_seconds,
                shortened_timer,
                switch_on,
            )

            plan = self.store.write(lambda t: body(t, store=False))
            seconds = off_timer_seconds(plan.ends_at, self.clock.now())
            switch_on(self.switch, seconds)  # (off again, and PlugFault, unless seen on)
            try:
                session = self.store.write(body)
            except BaseException:
                off_quietly(self.switch)
                raise
            left = shortened_timer(plan.ends_at, session.ends_at, self.clock.now())
            if left is not None:
                switch_on(self.switch, left)
            return session
        return self.store.write(body)

    def stop(self, switch: bool = True) -> Stopped | None:
        """Stop the running session now (the person is taking the heat off); None if none ran.
        A heat session's plug is switched off after (``switch=False``: the caller does it)."""

        def body(t: Tables) -> Stopped | None:
            now = self.clock.moment()
            self._close_overdue(t, now)
            sessions, _injuries = self._placed(t, now)
            running = running_session(sessions, now.wall)
            if running is None:
                return None
            t.stop_session(running.id, now.wall, now.stamp)
            stopped = running._replace(ended_at=now.wall, stopped=True, confirmed_off_at=now.wall)
            others = [stopped if s.id == running.id else s for s in sessions]
            settings = settings_from(t.settings())
            free = stopped.id in accidental_starts(others, now.wall, settings)
            return Stopped(session=stopped, accidental=free)

        try:
            stopped = self.store.write(body)
        except BaseException:
            if switch and self.switch is not None:
                from heattimer.core.heatswitch import off_quietly

                off_quietly(self.switch)  # the person has stopped, whatever the file says
            raise
        if switch and stopped is not None and stopped.session.kind is Kind.HEAT:
            self.switch_off()  # (recorded first: the person has stopped, whatever the plug says)
        return stopped

    def check_switch_test(self) -> "HeatSwitch":
        """The heat switch, if its test may run now: only when heat is allowed and no session
        runs (the plug never switches on otherwise). Its test: core.heatswitch.try_switch."""
        switch = self.require_switch()

        def check(t: Tables) -> None:
            now = self.clock.moment()
            self._close_overdue(t, now)
            sessions, injuries = self._placed(t, now)
            if running_session(sessions, now.wall) is not None:
                raise Invalid(_("a session is running: test the plug after it"))
            settings = settings_from(t.settings())
            decision = heat_decision(
                now.wall, sessions, injuries, settings, self.zone, t.recovery_hold()
            )
            if not decision.allowed:
                raise Refused(decision)

        self.store.write(check)
        return switch

    def require_switch(self) -> "HeatSwitch":
        """The heat switch; Invalid if none is set."""
        if self.switch is None:
            raise Invalid(_("no heat switch is set (heattimer plug set ...)"))
        return self.switch

    def switch_off(self) -> None:
        """Switch the plug off and read it back; PlugFault if it cannot be, or stays on."""
        if self.switch is None:
            return
        if self.switch.switch_off().on:
            from heattimer.core.heatswitch import Fault, PlugFault

            raise PlugFault(Fault.STILL_ON, self.switch.address)

    def close_overdue(self) -> None:
        """Record sessions whose deadline has passed as completed at their deadline."""
        self.store.write(lambda t: self._close_overdue(t, self.clock.moment()))

    def _close_overdue(self, t: Tables, now: Moment) -> None:
        sessions, _injuries = self._placed(t, now)
        t.close_at_deadline(overdue(sessions, now.wall))

    def confirm_heat_off(self, switch: bool = True) -> Session | None:
        """Record that the heat of the session that reached its end is off; with a heat
        switch, only once the plug says it is off (PlugFault otherwise: the alarm goes on;
        ``switch=False``: the caller has seen it off)."""
        if switch:
            self.switch_off()

        def body(t: Tables) -> Session | None:
            now = self.clock.moment()
            self._close_overdue(t, now)
            pending = self._status(t, now).unconfirmed
            if pending is None:
                return None
            t.confirm_heat_off(pending.id, now.wall)
            return pending._replace(confirmed_off_at=now.wall)

        return self.store.write(body)

    def record_session(self, kind: Kind, at: datetime, minutes: int) -> Recorded:
        """Record a session done away from the computer; it counts like any other, even over
        the cap or inside a block (the truth is recordable), and the answer says what it went
        past."""

        check_recorded_time(at, self.clock.now())  # before any date arithmetic on ``at``

        def body(t: Tables) -> Recorded:
            now = self.clock.moment()
            self._close_overdue(t, now)
            stored = t.sessions_between(at - timedelta(days=2), at + timedelta(days=2))
            others, injuries = place(
                [*stored, *t.recent_sessions(now.wall - RECENT)], t.injuries(), now
            )
            others = list({s.id: s for s in others}.values())
            check_manual_session(kind, at, minutes, others, now.wall, self.zone)
            settings = settings_from(t.settings())
            end = at + timedelta(minutes=minutes)
            session = Session(
                id=new_id(),
                kind=kind,
                started_at=at,
                ends_at=end,
                ended_at=end,
                confirmed_off_at=end,
                manual=True,
                recorded_at=now.wall,
                stamp=now.stamp,
                day_ends_at=next_day_start(at, self.zone),
                cool_down_minutes=settings.cool_down_minutes,
                daily_cap=settings.daily_cap,
            )
            t.add_session(session)
            everything = sorted([*others, session], key=lambda s: s.started_at)
            note = recorded_session_note(
                session, everything, injuries, settings, now.wall, self.zone
            )
            return Recorded(session=session, note=note)

        return self.store.write(body)

    # -- injuries --------------------------------------------------------------

    def log_injury(
        self,
        at: datetime | None = None,
        area: Area = Area.LOWER_BACK,
        red_flags: Iterable[RedFlag] = (),
        note: str = "",
    ) -> Injury:
        """Log an injury that happened at ``at`` (default now)."""

        def body(t: Tables) -> Injury:
            now = self.clock.moment()
            when = now.wall if at is None else at
            check_injury_time(when, now.wall)
            injury = Injury(
                id=new_id(),
                at=when,
                area=area,
                red_flags=frozenset(red_flags),
                note=note.strip(),
                logged_at=now.wall,
                stamp=now.stamp,
            )
            t.add_injury(injury)
            return injury

        return self.store.write(body)

    def remove_injury(self, id_prefix: str) -> Injury:
        """Mark an injury as logged by mistake: it stops blocking but stays on file."""

        def body(t: Tables) -> Injury:
            injury = _find(t.injuries(), id_prefix)
            if injury.removed_at is None:
                now = self.clock.moment()
                t.remove_injury(injury.id, now.wall, now.stamp)
                injury = injury._replace(removed_at=now.wall, removed_stamp=now.stamp)
            return injury

        return self.store.write(body)

    def clear_injury(self, id_prefix: str) -> Injury:
        """Record that a professional cleared the person for this injury."""

        def body(t: Tables) -> Injury:
            injury = _find(t.injuries(), id_prefix)
            if injury.removed_at is not None:
                raise Invalid(
                    _("injury {id} was removed; there is nothing to clear").format(id=injury.id[:8])
                )
            if injury.cleared_at is None:
                now = self.clock.moment()
                t.add_clearance(injury.id, now.wall, now.stamp)
                injury = injury._replace(cleared_at=now.wall, cleared_stamp=now.stamp)
            return injury

        return self.store.write(body)

    def clear_red_flags(self) -> list[Injury]:
        """Record a professional's clearance for every red-flag injury holding heat now, in one
        transaction (the app's "I was cleared by a professional"); the injuries it cleared."""

        def body(t: Tables) -> list[Injury]:
            now = self.clock.moment()
            stored = {i.id: i for i in t.injuries()}
            _sessions, placed = place((), stored.values(), now)
            holding = [i.id for i in placed if i.holds_heat(now.wall)]
            for injury_id in holding:
                t.add_clearance(injury_id, now.wall, now.stamp)
            return [stored[i]._replace(cleared_at=now.wall) for i in holding]

        return self.store.write(body)

    def confirm_injury_log(self) -> bool:
        """The person has looked at their injury log after the file was restored from an
        older backup: heat no longer waits for it. False if nothing was waiting."""

        def body(t: Tables) -> bool:
            if t.recovery_hold() is None:
                return False
            t.clear_recovery_hold()
            return True

        return self.store.write(body)

    # -- settings --------------------------------------------------------------

    def set_setting(self, key: str, text: str) -> Settings:
        """Change one setting, checked against the range the rules allow."""
        parse_setting(key, text)
        canonical = setting_text(settings_from({key: text}), key)

        def body(t: Tables) -> Settings:
            t.set_setting(key, canonical, self.clock.now())
            return settings_from(t.settings())

        return self.store.write(body)

    # -- the first run -----------------------------------------------------------

    def welcome_due(self) -> bool:
        """True until the person has answered the first-run welcome."""
        return self.store.read(lambda t: t.welcomed_at()) is None

    def finish_welcome(
        self, breaks: bool | None = None, break_interval_minutes: int | None = None
    ) -> Settings:
        """The welcome's answers (posture breaks on or off, and how often; None: as they
        were), checked as `heattimer settings set` checks them, stored with the welcome's
        end in one write."""
        interval = None if break_interval_minutes is None else str(break_interval_minutes)
        if interval is not None:
            parse_setting("break-interval-minutes", interval)

        def body(t: Tables) -> Settings:
            now = self.clock.now()
            if breaks is not None:
                t.set_setting("breaks", "on" if breaks else "off", now)
            if interval is not None:
                t.set_setting("break-interval-minutes", interval, now)
            t.set_welcomed_at(now)
            return settings_from(t.settings())

        return self.store.write(body)

    # -- posture breaks --------------------------------------------------------

    def break_state(self) -> schedule.BreakState | None:
        """The stored posture-break schedule."""
        return self.store.read(lambda t: t.break_state())

    def _update_breaks(self, change: BreakChange) -> schedule.BreakState:
        return self.store.write(lambda t: self._update_breaks_in(t, change))

    def start_sitting(self) -> schedule.BreakState:
        """The app started: the sitting clock starts now (core.breaks.at_start)."""
        return self._update_breaks(schedule.at_start)

    def record_break(self, outcome: BreakOutcome, exercise: str = "") -> schedule.BreakState:
        """Record what the person did with a posture break."""

        def change(state: schedule.BreakState, now: datetime, _: Settings) -> schedule.BreakState:
            return schedule.after_outcome(state, outcome, now)

        def body(t: Tables) -> schedule.BreakState:
            t.add_break(
                BreakRecord(id=new_id(), at=self.clock.now(), outcome=outcome, exercise=exercise)
            )
            return self._update_breaks_in(t, change)

        return self.store.write(body)

    def break_unanswered(
        self, exercise: str, shown_at: datetime, idle_seconds: float | None
    ) -> schedule.BreakState:
        """A break nobody answered, shown at ``shown_at``, the last input ``idle_seconds``
        ago: missed; or, if nobody could see it (core/breaks.unseen), nothing is recorded
        and it comes again later."""
        if schedule.unseen(shown_at, self.clock.now(), idle_seconds):
            return self._update_breaks(lambda state, now, _: schedule.after_unseen(state, now))
        return self.record_break(BreakOutcome.MISSED, exercise)

    def _update_breaks_in(self, t: Tables, change: BreakChange) -> schedule.BreakState:
        now = self.clock.now()
        state = t.break_state() or schedule.BreakState(sitting_since=now)
        new = change(state, now, settings_from(t.settings()))
        t.set_break_state(new)
        return new

    def note_away(self, away_from: datetime, back_at: datetime) -> schedule.BreakState:
        """Tell the schedule the person was away (idle or suspended) for a while."""
        return self._update_breaks(
            lambda state, _now, settings: schedule.after_away(state, away_from, back_at, settings)
        )

    def request(self, what: Request) -> None:
        """Ask the running app to do ``what`` (``show`` its window, a ``break`` now)."""
        self.store.write(lambda t: t.set_request(what, self.clock.now()))

    def take_requests(self, fresh_for: timedelta = timedelta(minutes=2)) -> set[Request]:
        """The requests made in the last ``fresh_for``; all pending ones are consumed."""

        def body(t: Tables) -> set[Request]:
            now = self.clock.now()
            pending = t.requests()
            for what in pending:
                t.set_request(what, None)
            known = {r.value for r in Request}
            return {Request(w) for w, at in pending.items() if w in known and now - at <= fresh_for}

        return self.store.write(body)

    def pause_breaks(self, until: datetime | None) -> schedule.BreakState:
        """Hold posture breaks until ``until``; None resumes them."""
        return self._update_breaks(lambda state, _now, _s: schedule.paused(state, until))

    def pause_breaks_for(self, choice: schedule.Pause) -> schedule.BreakState:
        """Hold posture breaks for 30 minutes (``30m``), an hour (``1h``) or until tomorrow."""
        until = schedule.pause_end(choice, self.clock.now(), self.zone)
        return self.pause_breaks(until)

    def next_exercise(self, catalogue: "Sequence[Exercise]") -> "Exercise | None":
        """The exercise for the next posture break: the recovery phase's, not the last one."""

        from heattimer.core.exercises import next_exercise  # breaks only, not `status`

        def body(t: Tables) -> "Exercise | None":
            now = self.clock.moment()
            phase = recovery(now.wall, place((), t.injuries_that_matter(), now)[1]).phase
            return next_exercise(catalogue, phase, t.last_exercise())

        return self.store.read(body)

    def coach_events_due(self) -> list[CoachEvent]:
        """The recovery moments not yet told (the first call only starts counting)."""

        def body(t: Tables) -> list[CoachEvent]:
            now = self.clock.now()
            seen = t.coach_seen_until()
            if seen is None:
                t.set_coach_seen_until(now)
                return []
            _sessions, injuries = place((), t.injuries_that_matter(), self.clock.moment())
            events = coach_events(injuries, max(seen, now - FRESH), now)
            if events:  # written only when there is news: no disk write every minute
                t.set_coach_seen_until(now)
            return events

        return self.store.write(body) if self._coach_news_possible() else []

    def _coach_news_possible(self) -> bool:
        def body(t: Tables) -> bool:
            now = self.clock.now()
            seen = t.coach_seen_until()
            _sessions, injuries = place((), t.injuries_that_matter(), self.clock.moment())
            return seen is None or bool(coach_events(injuries, max(seen, now - FRESH), now))

        return self.store.read(body)


def _find(injuries: list[Injury], id_prefix: str) -> Injury:
    prefix = id_prefix.strip().lower()
    if len(prefix) < 4:
        raise Invalid(_("give at least the first 4 characters of the injury's id"))
    found = [i for i in injuries if i.id.startswith(prefix)]
    if not found:
        raise Invalid(
            _("no injury has the id {id} (see 'heattimer injury list')").format(id=repr(id_prefix))
        )
    if len(found) > 1:
        raise Invalid(
            _("{id} matches {count} injuries: give more of the id").format(
                id=repr(id_prefix), count=len(found)
            )
        )
    return found[0]
