"""A simulated person using the app, for property tests of the heat rules.

A scenario is a zone, settings, a start instant near a DST change (or a
plain midnight where the zone has none) and a list of steps: try to start a
heat or cold session (the timer only starts one when the rules allow it),
log an injury (backdated, red-flagged, later cleared or removed, or not),
record a session done away from the computer, or just look.

The simulator keeps the ground truth (when each session really stopped,
when each injury was cleared or removed) and can show the records exactly
as the store would hold them at any instant ``cut``: a stop, clearance or
removal that happens after ``cut`` is not in them yet. ``truth`` decides the
rules again from that ground truth, independently of the code under test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from heattimer.core.localtime import next_day_start
from heattimer.core.model import Injury, Kind, RedFlag, Session
from heattimer.core.rules import HeatDecision, Reason, cold_decision, heat_decision
from heattimer.core.settings import Settings
from heattimer.core.validation import Invalid, check_manual_session

ZONE_NAMES = ("UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata")
ACCIDENT = timedelta(seconds=60)
INJURY_BLOCK = timedelta(hours=48)
STRETCH = timedelta(minutes=20)
"""The most heat at a stretch, and per counted session of the day's budget."""
COOL_DOWN_FLOOR = timedelta(minutes=40)
FAR_FUTURE = datetime(2100, 1, 1, tzinfo=UTC)


def offset_changes(zone: tzinfo, year: int) -> list[datetime]:
    """Every instant in ``year`` at which ``zone`` changes its UTC offset."""
    step = timedelta(minutes=30)  # every change in these zones falls on a half hour UTC
    t = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    changes = []
    before = t.astimezone(zone).utcoffset()
    while t < end:
        t += step
        after = t.astimezone(zone).utcoffset()
        if after != before:
            changes.append(t)
        before = after
    return changes


ANCHORS: dict[str, list[datetime]] = {
    name: offset_changes(ZoneInfo(name), 2026)
    or [datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 6, 15, 18, 30, tzinfo=UTC)]
    for name in ZONE_NAMES
}
"""Where a scenario's days are centred: the zone's DST changes in 2026, or two plain days."""
assert all(len(ANCHORS[name]) == 2 for name in ZONE_NAMES), "each zone: two DST changes or days"


# -- steps ---------------------------------------------------------------------


@dataclass(frozen=True)
class TryHeat:
    minutes: int
    stop_after: timedelta | None
    closed: bool


@dataclass(frozen=True)
class TryCold:
    minutes: int
    stop_after: timedelta | None


@dataclass(frozen=True)
class LogInjury:
    backdate: timedelta
    flags: frozenset[RedFlag]
    clear_after: timedelta | None
    remove_after: timedelta | None


@dataclass(frozen=True)
class RecordManual:
    kind: Kind
    back: timedelta
    minutes: int


@dataclass(frozen=True)
class Look:
    pass


Action = TryHeat | TryCold | LogInjury | RecordManual | Look


@dataclass(frozen=True)
class Step:
    gap: timedelta
    action: Action


@dataclass(frozen=True)
class Scenario:
    zone_name: str
    settings: Settings
    start: datetime
    steps: tuple[Step, ...]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.zone_name)


class _Digits:
    """Reads choices out of one big random number, so a step costs hypothesis one draw.

    Hypothesis shrinks the bytes toward zero, and a zero digit always decodes
    to the plainest choice (no gap, a 15-minute heat session run to its end).
    """

    def __init__(self, data: bytes) -> None:
        self.code = int.from_bytes(data, "big")

    def take(self, count: int) -> int:
        self.code, digit = divmod(self.code, count)
        return digit

    def seconds(self, high: int, low: int = 0) -> timedelta:
        return timedelta(seconds=low + self.take(high - low + 1))


def _gap(d: _Digits) -> timedelta:
    gap = d.seconds((90, 45 * 60, 14 * 3600)[d.take(3)])
    return gap + timedelta(microseconds=d.take(1_000_000)) if d.take(2) else gap


def _stop(d: _Digits, length: int) -> timedelta | None:
    choice = d.take(5)
    if choice == 0:
        return None  # runs to its deadline
    if choice == 1:
        return ACCIDENT + timedelta(microseconds=d.take(3) - 1)  # just around 60 s
    if choice == 2:
        return d.seconds(60)  # an accidental start
    return d.seconds(length * 60 - 1, low=61)


def _injury(d: _Digits) -> LogInjury:
    backdate = (
        timedelta(0),
        (INJURY_BLOCK - timedelta(minutes=1), INJURY_BLOCK)[d.take(2)],
        d.seconds(48 * 3600),
        d.seconds(48 * 3600, low=40 * 3600),
        d.seconds(30 * 86400),
    )[d.take(5)]
    flags: frozenset[RedFlag] = frozenset()
    if d.take(3) == 2:
        mask = 1 + d.take(2 ** len(RedFlag) - 1)
        flags = frozenset(f for bit, f in enumerate(RedFlag) if mask >> bit & 1)
    clear_after = d.seconds(5 * 86400) if d.take(2) else None
    remove_after = d.seconds(3 * 86400) if d.take(3) == 2 else None
    return LogInjury(backdate, flags, clear_after, remove_after)


def _step(data: bytes, injuries: bool, manual: bool) -> Step:
    d = _Digits(data)
    gap = _gap(d)
    kinds = ["heat", "heat", "heat", "cold", "look"]
    kinds += ["injury", "injury"] if injuries else []
    kinds += ["manual"] if manual else []
    kind = kinds[d.take(len(kinds))]
    action: Action
    if kind == "heat":
        length = 15 + d.take(6)
        action = TryHeat(length, _stop(d, length), d.take(2) == 0)
    elif kind == "cold":
        length = 10 + d.take(11)
        action = TryCold(length, _stop(d, length))
    elif kind == "injury":
        action = _injury(d)
    elif kind == "manual":
        action = RecordManual(
            Kind.COLD if d.take(2) else Kind.HEAT, d.seconds(2 * 86400), 1 + d.take(60)
        )
    else:
        action = Look()
    return Step(gap, action)


_codes = st.binary(min_size=16, max_size=16)

settings_strategy = st.builds(
    Settings,
    heat_minutes=st.integers(15, 20),
    daily_cap=st.integers(1, 3),
    cool_down_minutes=st.one_of(st.sampled_from([40, 41, 60, 240]), st.integers(40, 240)),
)


@st.composite
def scenarios(
    draw: st.DrawFn, injuries: bool = True, manual: bool = True, max_steps: int = 40
) -> Scenario:
    """A zone, settings, a start a few days before a DST change, and what the person does."""
    zone_name = draw(st.sampled_from(ZONE_NAMES))
    anchor = draw(st.sampled_from(ANCHORS[zone_name]))
    start = anchor - timedelta(seconds=draw(st.integers(0, 4 * 86400)))
    # Drawing the length first gives longer histories than st.lists' default, and
    # still shrinks a failure down to the few steps that matter.
    length = draw(st.integers(1, max_steps))
    codes = draw(st.lists(_codes, min_size=length, max_size=length))
    steps = tuple(_step(code, injuries, manual) for code in codes)
    return Scenario(zone_name, draw(settings_strategy), start, steps)


# -- the simulated records -------------------------------------------------------


@dataclass(frozen=True)
class SimSession:
    id: str
    kind: Kind
    start: datetime
    ends_at: datetime
    stop_at: datetime | None
    known_at: datetime
    seq: int = 0
    manual: bool = False
    closed: bool = False

    def record(self, cut: datetime) -> Session:
        """The session as the store holds it at ``cut``."""
        if self.stop_at is not None and self.stop_at <= cut:
            return Session(
                self.id, self.kind, self.start, self.ends_at, self.stop_at, True, self.stop_at
            )
        if self.manual:
            return Session(self.id, self.kind, self.start, self.ends_at, self.ends_at, manual=True)
        ended = self.ends_at if self.closed and self.ends_at <= cut else None
        return Session(self.id, self.kind, self.start, self.ends_at, ended)

    # ground truth, computed without the model's methods
    def end(self, cut: datetime) -> datetime | None:
        if self.stop_at is not None and self.stop_at <= cut:
            return self.stop_at
        return self.ends_at if self.ends_at <= cut else None

    def short(self, cut: datetime) -> bool:
        return (
            self.stop_at is not None
            and self.stop_at <= cut
            and self.stop_at - self.start < ACCIDENT
        )

    def heat(self, cut: datetime) -> timedelta:
        """How long it runs, as known at ``cut`` (to its deadline if not stopped by then)."""
        return (self.end(cut) or self.ends_at) - self.start


@dataclass(frozen=True)
class SimInjury:
    id: str
    at: datetime
    flags: frozenset[RedFlag]
    logged_at: datetime
    cleared_at: datetime | None
    removed_at: datetime | None
    seq: int = 0

    def record(self, cut: datetime) -> Injury:
        """The injury as the store holds it at ``cut``."""
        cleared = (
            self.cleared_at if self.cleared_at is not None and self.cleared_at <= cut else None
        )
        removed = (
            self.removed_at if self.removed_at is not None and self.removed_at <= cut else None
        )
        return Injury(
            self.id, self.at, red_flags=self.flags, logged_at=self.logged_at,
            cleared_at=cleared, removed_at=removed,
        )  # fmt: skip

    def active(self, cut: datetime) -> bool:
        return self.removed_at is None or self.removed_at > cut

    def holds(self, cut: datetime) -> bool:
        cleared = self.cleared_at is not None and self.cleared_at <= cut
        return self.active(cut) and bool(self.flags) and not cleared


@dataclass(frozen=True)
class Truth:
    """What the rules say at ``at``, decided from the ground truth known at ``cut``."""

    running: SimSession | None
    lifts: dict[Reason, datetime | None]
    allowance: timedelta | None = None
    """When allowed: the most heat a session may have now, if less than a full session."""

    @property
    def allowed(self) -> bool:
        return not self.lifts

    @property
    def available_at(self) -> datetime | None:
        if not self.lifts or None in self.lifts.values():
            return None
        return max(lift for lift in self.lifts.values() if lift is not None)


@dataclass
class World:
    """The records a scenario left, with every instant at which someone looked."""

    zone: ZoneInfo
    settings: Settings
    sessions: list[SimSession] = field(default_factory=list)
    injuries: list[SimInjury] = field(default_factory=list)
    looks: list[datetime] = field(default_factory=list)

    def session_records(self, cut: datetime) -> list[Session]:
        return [s.record(cut) for s in self.sessions if s.known_at <= cut]

    def injury_records(self, cut: datetime) -> list[Injury]:
        return [i.record(cut) for i in self.injuries if i.logged_at <= cut]

    def decide(self, now: datetime, cut: datetime | None = None) -> HeatDecision:
        """The code's decision at ``now`` over the records as they stood at ``cut``."""
        cut = now if cut is None else cut
        return heat_decision(
            now, self.session_records(cut), self.injury_records(cut), self.settings, self.zone
        )

    def known_sessions(self, cut: datetime) -> list[SimSession]:
        return [s for s in self.sessions if s.known_at <= cut]

    @property
    def cool(self) -> timedelta:
        return max(timedelta(minutes=self.settings.cool_down_minutes), COOL_DOWN_FLOOR)

    def accidental(self, session: SimSession, cut: datetime) -> bool:
        """A short heat start with no heat session ending within the cool-down before it."""
        return (
            session.kind is Kind.HEAT
            and session.short(cut)
            and not any(
                other is not session
                and other.kind is Kind.HEAT
                and other.start < session.start
                and (other.end(cut) or other.ends_at) + self.cool > session.start
                for other in self.known_sessions(cut)
            )
        )

    def counted(self, session: SimSession, cut: datetime) -> bool:
        return session.kind is Kind.HEAT and not self.accidental(session, cut)

    def known_injuries(self, cut: datetime) -> list[SimInjury]:
        return [i for i in self.injuries if i.logged_at <= cut]

    def timer_heat(self) -> list[SimSession]:
        """The heat sessions the timer started (each one when the rules allowed it)."""
        return [s for s in self.sessions if s.kind is Kind.HEAT and not s.manual]

    def before(self, session: SimSession) -> tuple[list[SimSession], list[SimInjury]]:
        """The sessions and injuries on record when ``session`` was started."""
        return (
            [s for s in self.sessions if s.seq < session.seq],
            [i for i in self.injuries if i.seq < session.seq],
        )

    def truth(self, at: datetime, cut: datetime | None = None) -> Truth:
        """The rules decided again, independently, from the ground truth."""
        cut = at if cut is None else cut
        sessions = self.known_sessions(cut)
        injuries = [i for i in self.known_injuries(cut) if i.active(cut)]
        lifts: dict[Reason, datetime | None] = {}
        running = next(
            (s for s in sessions if s.start <= at and (s.end(cut) or s.ends_at) > at), None
        )
        if running is not None:
            lifts[Reason.SESSION_RUNNING] = running.ends_at
        if any(i.holds(cut) for i in injuries):
            lifts[Reason.RED_FLAG] = None
        if injuries:
            until = max(i.at for i in injuries) + INJURY_BLOCK
            if until > at:
                lifts[Reason.INJURY] = until
        day = at.astimezone(self.zone).date()
        on_day = [
            s
            for s in sessions
            if s.kind is Kind.HEAT and s.start.astimezone(self.zone).date() == day
        ]
        used = sum(1 for s in on_day if self.counted(s, cut))
        heat = sum((s.heat(cut) for s in on_day), timedelta(0))
        day_left = self.settings.daily_cap * STRETCH - heat
        if used >= self.settings.daily_cap or day_left < timedelta(minutes=1):
            # next_day_start has its own tests (test_localtime.py).
            lifts[Reason.DAILY_CAP] = next_day_start(at, self.zone)
        counted_ends = [s.end(cut) or s.ends_at for s in sessions if self.counted(s, cut)]
        if counted_ends:
            until = max(counted_ends) + self.cool
            if until > at:
                lifts[Reason.COOL_DOWN] = until
        stretch = sum(
            (
                s.heat(cut)
                for s in sessions
                if self.accidental(s, cut) and (s.end(cut) or s.ends_at) + self.cool > at
            ),
            timedelta(0),
        )
        allowance = min(STRETCH - stretch, day_left)
        return Truth(running, lifts, allowance if allowance < STRETCH else None)


def simulate(scenario: Scenario) -> World:
    """Play the scenario: the timer starts a session only when the rules allow it."""
    world = World(scenario.zone, scenario.settings)
    t = scenario.start
    for index, step in enumerate(scenario.steps):
        t += step.gap
        action = step.action
        if isinstance(action, TryHeat):
            decision = world.decide(t)
            if decision.allowed:
                world.sessions.append(_timer(index, Kind.HEAT, t, action, decision.allowance))
        elif isinstance(action, TryCold):
            if cold_decision(t, world.session_records(t), world.zone).allowed:
                world.sessions.append(_timer(index, Kind.COLD, t, action))
        elif isinstance(action, LogInjury):
            world.injuries.append(
                SimInjury(
                    f"i{index}",
                    t - action.backdate,
                    action.flags,
                    t,
                    None if action.clear_after is None else t + action.clear_after,
                    None if action.remove_after is None else t + action.remove_after,
                    index,
                )
            )
        elif isinstance(action, RecordManual):
            start = t - action.back
            try:
                check_manual_session(
                    action.kind, start, action.minutes, world.session_records(t), t, world.zone
                )
            except Invalid:
                pass
            else:
                end = start + timedelta(minutes=action.minutes)
                world.sessions.append(
                    SimSession(f"m{index}", action.kind, start, end, None, t, index, manual=True)
                )
        world.looks.append(t)
    return world


def _timer(
    index: int,
    kind: Kind,
    t: datetime,
    action: TryHeat | TryCold,
    allowance: timedelta | None = None,
) -> SimSession:
    """The session the timer starts: no longer than the rules allow now."""
    length = timedelta(minutes=action.minutes)
    if allowance is not None:
        length = min(length, allowance)
    end = t + length
    stop = (
        None if action.stop_after is None or action.stop_after >= length else t + action.stop_after
    )
    closed = action.closed if isinstance(action, TryHeat) else True
    return SimSession(f"{kind}{index}", kind, t, end, stop, t, index, closed=closed)
