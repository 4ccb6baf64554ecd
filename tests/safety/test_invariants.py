"""The safety rules hold whatever the clock, the zone and the person do: a state machine.

Hypothesis drives the real service over a real state file through arbitrary sequences of
starts, stops, injuries (backdated, red-flagged, cleared, removed), sessions recorded
afterwards, settings changes, time passing, suspends, wall-clock steps back and forward
and time-zone changes (across the date line, and zones that skip midnight). After every
step the service is held against oracle.py, which knows only what really happened, in
real time. The invariants (README, "The rules"):
1. a recorded session or injury never disappears because the clock stepped: the running
   session runs until stopped or its length has passed in real time, can be stopped, and
   no second one starts meanwhile; an injury blocks and a red flag holds from the start;
2. no stretch of heat holds more than 20 minutes without its cool-down after it, and no
   day more than cap x 20 minutes (an accidental start alone costs nothing);
3. no setting allows an hour of heat straight (the cool-down is at least 40 min), and a
   loosened setting never lifts a block already running;
4. a session recorded afterwards is recorded even over the cap, and says so;
5. a change of zone never yields extra heat: the day a session started on stays its day;
6. "available at" is never in the past;
7. the heat switch (a smart plug, here a recording stand-in) is switched on only by a heat
   start the rules allow, with its own off timer no longer than that session, so it is
   never on while no heat session runs (and a stop switches it off at once).
Reboots are tested by example (test_reboot.py): across one the rules fall back to the
wall clock, by design.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from heattimer.core.heatswitch import Reading
from heattimer.core.model import Kind, RedFlag
from heattimer.core.settings import SettingError
from heattimer.core.validation import Invalid
from heattimer.platform.clock import FakeClock
from heattimer.service import Refused, Service
from heattimer.store import Store
from tests.safety.oracle import FLOOR, STRETCH, Heat, Hurt, Truth

ZONES = (
    "Europe/Berlin",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "America/Santiago",
    "America/Havana",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "UTC",
)
START = datetime(2026, 9, 5, 20, 0, tzinfo=UTC)  # the evening before Santiago skips midnight
EDGE = timedelta(milliseconds=5)
"""Decisions within this of a boundary are not compared (float seconds on the real-time
clock against exact instants in the oracle)."""

seconds = st.one_of(
    st.integers(1, 90),
    st.integers(60, 3600),
    st.integers(3600, 12 * 3600),
    st.sampled_from([59, 60, 61, 40 * 60, 48 * 3600]),
)
steps = st.one_of(
    st.sampled_from([-5, 5, -3600, 3600, -86400, 86400, -9 * 3600, 9 * 3600]),
    st.integers(-3 * 86400, 3 * 86400),
)


class Plug:
    """A heat switch that keeps what it was told, on the machine's real time: on until its
    own timer ends, or until told off."""

    address = "stand-in"

    def __init__(self, now: Callable[[], datetime]) -> None:
        self.now = now
        self.until: datetime | None = None
        self.ons: list[int] = []

    def switch_on(self, seconds: int) -> Reading:
        self.ons.append(seconds)
        self.until = self.now() + timedelta(seconds=seconds)
        return self.read()

    def switch_off(self) -> Reading:
        self.until = None
        return self.read()

    def read(self) -> Reading:
        return Reading(on=self.until is not None and self.now() < self.until)


class SafetyMachine(RuleBasedStateMachine):
    """The real service, and the truth beside it."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = TemporaryDirectory(prefix="heattimer-safety-")
        self.store = Store(Path(self.folder.name) / "data")
        self.clock = FakeClock(START)
        self.true = START
        self.truth = Truth(zone=ZoneInfo("Europe/Berlin"))
        self.plug = Plug(lambda: self.true)
        self.service = Service(self.store, self.clock, self.truth.zone, self.plug)
        self.ids = itertools.count()

    def teardown(self) -> None:
        self.store.close()
        self.folder.cleanup()

    # -- the world -------------------------------------------------------------

    @initialize(zone=st.sampled_from(ZONES))
    def begin_in(self, zone: str) -> None:
        self.change_zone(zone)

    @rule(seconds=seconds)
    def time_passes(self, seconds: int) -> None:
        self.clock.jump(seconds)
        self.true += timedelta(seconds=seconds)

    @rule(seconds=seconds)
    def computer_sleeps(self, seconds: int) -> None:
        self.clock.suspend(seconds)  # the real-time clock counts it: to the rules, time passed
        self.true += timedelta(seconds=seconds)

    @rule(seconds=steps)
    def wall_clock_steps(self, seconds: int) -> None:
        before = self.service.status()
        self.clock.step(seconds)
        self.truth.offset += timedelta(seconds=seconds)
        after = self.service.status()
        # A step moves nothing relative to now: the same session runs, as long.
        assert (after.session and after.session.id) == (before.session and before.session.id)
        if before.session is not None and after.session is not None:
            assert after.session.remaining(after.now) == before.session.remaining(before.now)

    @rule(zone=st.sampled_from(ZONES))
    def change_zone(self, zone: str) -> None:
        self.truth.zone = ZoneInfo(zone)
        self.service = Service(self.store, self.clock, self.truth.zone, self.plug)

    # -- what the person does ----------------------------------------------------

    @rule(minutes=st.one_of(st.none(), st.integers(15, 20)))
    def start_heat(self, minutes: int | None) -> None:
        blocks = self._blocks_near()
        switched = len(self.plug.ons)
        try:
            session = self.service.start(Kind.HEAT, minutes)
        except Refused as refused:
            assert blocks is None or blocks, "refused, though no rule forbids heat now"
            assert refused.decision.reason in (blocks or {refused.decision.reason})
            assert len(self.plug.ons) == switched or not self.plug.read().on, "plug left on"
            return
        assert not blocks, f"heat started though {blocks} forbid it"
        assert len(self.plug.ons) == switched + 1
        assert self.plug.ons[-1] <= (session.ends_at - session.started_at).total_seconds()
        asked = timedelta(minutes=minutes or self.service.settings().heat_minutes)
        length = session.ends_at - session.started_at
        if blocks is not None:
            assert abs(length - min(asked, self.truth.allowance(self.true))) <= EDGE
        self._add(session.id, cold=False, length=length)
        self._check_budgets()

    @rule(minutes=st.integers(10, 20))
    def start_cold(self, minutes: int) -> None:
        running = self.truth.running(self.true)
        try:
            session = self.service.start(Kind.COLD, minutes)
        except Refused:
            assert running is not None
            return
        assert running is None
        self._add(session.id, cold=True, length=session.ends_at - session.started_at)

    @rule()
    def stop(self) -> None:
        running = self.truth.running(self.true)
        near_end = running is not None and abs(running.end() - self.true) <= EDGE
        stopped = self.service.stop()
        if near_end:
            if stopped is not None and running is not None:
                running.stop = self.true
            return
        assert (stopped and stopped.session.id) == (running and running.id)
        if running is not None:
            running.stop = self.true
            assert stopped is not None
            assert stopped.accidental == self.truth.accidental(running)

    @rule(
        back=st.sampled_from([0, 60, 3600, 47 * 3600, 48 * 3600 - 1, 10 * 86400]),
        red_flag=st.booleans(),
    )
    def log_injury(self, back: int, red_flag: bool) -> None:
        flags = [RedFlag.NUMBNESS] if red_flag else []
        at = self.clock.now() - timedelta(seconds=back)
        injury = self.service.log_injury(at, red_flags=flags)
        self.truth.injuries.append(Hurt(injury.id, self.true - timedelta(seconds=back), red_flag))
        if red_flag or back < 48 * 3600 - 1:
            assert not self.service.status().heat.allowed, "an injury just logged must block"

    @precondition(lambda self: self.truth.injuries)
    @rule(data=st.data())
    def clear_or_remove_an_injury(self, data: st.DataObject) -> None:
        injury = data.draw(st.sampled_from(self.truth.injuries))
        if data.draw(st.booleans()):
            if injury.removed is None:
                self.service.clear_injury(injury.id)
                injury.cleared = injury.cleared or self.true
        else:
            self.service.remove_injury(injury.id)
            injury.removed = injury.removed or self.true

    @rule(back=st.integers(0, 3 * 86400), minutes=st.integers(1, 60))
    def record_a_session_done_elsewhere(self, back: int, minutes: int) -> None:
        true_start = self.true - timedelta(seconds=back)
        length = timedelta(minutes=minutes)
        at = self.clock.now() - timedelta(seconds=back)
        overlaps = any(
            s.start < true_start + length and true_start < s.end()
            for s in self.truth.sessions
            if not (s.stop is not None and s.length() < timedelta(seconds=60))
        )
        try:
            recorded = self.service.record_session(Kind.HEAT, at, minutes)
        except Invalid:
            assert overlaps or true_start + length > self.true
            return
        assert not overlaps and true_start + length <= self.true
        self.truth.sessions.append(
            Heat(
                recorded.session.id,
                cold=False,
                start=true_start,
                planned_end=true_start + length,
                wall_start=at,
                zone=self.truth.zone,
                cool=self.truth.cool_setting,
                cap=self.truth.cap_setting,
                stop=true_start + length,
                manual=True,
            )
        )
        counted = [s for s in self.truth.today(true_start) if not self.truth.accidental(s)]
        over = len(counted) > self.truth.cap_setting
        assert ("over your limit" in (recorded.note or "")) == over, (recorded.note, counted)

    @rule(minutes=st.integers(0, 240))
    def set_cool_down(self, minutes: int) -> None:
        try:
            self.service.set_setting("cool-down-minutes", str(minutes))
        except SettingError:
            assert minutes < FLOOR.total_seconds() // 60, "a valid cool-down was refused"
            return
        assert minutes >= 40, "a cool-down under 40 minutes was accepted"
        self.truth.cool_setting = timedelta(minutes=minutes)

    @rule(cap=st.integers(1, 3))
    def set_daily_cap(self, cap: int) -> None:
        self.service.set_setting("daily-cap", str(cap))
        self.truth.cap_setting = cap

    # -- what must always hold ---------------------------------------------------

    @invariant()
    def the_plug_is_on_only_while_a_heat_session_runs(self) -> None:
        if self.plug.read().on:
            running = self.truth.running(self.true)
            assert running is not None and not running.cold, "the belt has power, no session"

    @invariant()
    def the_running_session_is_the_real_one(self) -> None:
        status = self.service.status()
        running = self.truth.running(self.true)
        if running is not None and abs(running.end() - self.true) <= EDGE:
            return
        assert (status.session and status.session.id) == (running and running.id)
        if running is not None and status.session is not None:
            left = status.session.remaining(status.now)
            assert abs(left - (running.end() - self.true)) <= EDGE

    @invariant()
    def heat_is_allowed_exactly_when_no_rule_forbids_it(self) -> None:
        blocks = self._blocks_near()
        if blocks is None:
            return
        status = self.service.status()
        assert status.heat.allowed == (not blocks), (blocks, status.heat)
        if "red_flag" in blocks or "injury" in blocks:
            assert not status.heat.allowed
        lift = status.heat.available_at
        assert lift is None or lift > status.now, "available_at lies in the past"

    # -- helpers -----------------------------------------------------------------

    def _blocks_near(self) -> set[str] | None:
        """The oracle's blocks now, or None when a boundary is within EDGE (not compared)."""
        around = [self.truth.blocks(self.true + d) for d in (-EDGE, timedelta(0), EDGE)]
        if around[0] != around[2] or around[0] != around[1]:
            return None
        return around[1]

    def _add(self, session_id: str, cold: bool, length: timedelta) -> None:
        self.truth.sessions.append(
            Heat(
                session_id,
                cold=cold,
                start=self.true,
                planned_end=self.true + length,
                wall_start=self.clock.now(),
                zone=self.truth.zone,
                cool=self.truth.cool_setting,
                cap=self.truth.cap_setting,
            )
        )

    def _check_budgets(self) -> None:
        """After a heat start: no stretch over 20 min, no day over cap x 20 min of heat."""
        now = self.true
        stretch = timedelta(0)
        later: Heat | None = None
        for session in sorted(self.truth.heat(), key=lambda s: s.start, reverse=True):
            if later is not None and later.start - session.end() >= self.truth.cool(session):
                break
            if not session.manual:
                stretch += session.length()
            later = session
        assert stretch <= STRETCH, f"{stretch} of heat at a stretch"
        day = self.truth.today(now)
        cap = min([self.truth.cap_setting, *(s.cap for s in day)])
        assert sum((s.length() for s in day), timedelta(0)) <= cap * STRETCH


SafetyMachine.TestCase.settings = settings(
    max_examples=120,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_safety_rules_hold_against_the_truth = SafetyMachine.TestCase
