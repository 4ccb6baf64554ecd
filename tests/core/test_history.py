"""The history as days (core/history.py): each local day's sessions against the cap, its
posture breaks by outcome, its injuries, and the streak of days with a break done."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from heattimer.core.history import Band, bands, counted, days, entries, span_of, summary, totals
from heattimer.core.model import Area, BreakOutcome, BreakRecord, Injury, Kind, RedFlag, Session
from heattimer.core.recovery import Phase
from heattimer.core.settings import Settings

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)  # 14:00 in Berlin


def session(sid: str, at: datetime, kind: Kind = Kind.HEAT) -> Session:
    return Session(sid, kind, at, at + timedelta(minutes=15), ended_at=at + timedelta(minutes=15))


def done(at: datetime, outcome: BreakOutcome = BreakOutcome.DONE) -> BreakRecord:
    return BreakRecord(at.isoformat(), at, outcome, "pelvic-tilt")


def test_each_day_holds_its_counted_heat_its_cold_its_breaks_and_injuries() -> None:
    first, last = span_of(3, NOW, BERLIN)
    assert (first, last) == (date(2026, 11, 22), date(2026, 11, 24))
    late = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # 00:30 on the 23rd in Berlin
    sessions = [
        session("a", datetime(2026, 11, 22, 8, 0, tzinfo=UTC)),
        session("b", late),
        session("c", datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),  # an accidental start
        session("d", datetime(2026, 11, 24, 9, 0, tzinfo=UTC), Kind.COLD),
    ]
    breaks = [done(late), done(late + timedelta(hours=2), BreakOutcome.MISSED)]
    injuries = [
        Injury("i", datetime(2026, 11, 24, 7, 0, tzinfo=UTC)),
        Injury("j", datetime(2026, 11, 24, 8, 0, tzinfo=UTC), removed_at=NOW),  # a mistake
    ]
    shown = days(first, last, sessions, {"a", "b"}, breaks, injuries, BERLIN)
    assert [(d.day.day, d.heat, d.cold, d.injuries) for d in shown] == [
        (22, 1, 0, 0),
        (23, 1, 0, 0),  # b: its Berlin day; c: not counted
        (24, 0, 1, 1),
    ]
    assert shown[1].broke(BreakOutcome.DONE) == 1 and shown[1].broke(BreakOutcome.MISSED) == 1
    total = totals(shown, last)
    assert (total.heat, total.cold, total.injuries) == (2, 1, 1)
    assert total.breaks[BreakOutcome.DONE] == 1 and total.breaks[BreakOutcome.SKIPPED] == 0


def test_the_streak_counts_days_with_a_break_done_and_today_does_not_end_it_yet() -> None:
    first, last = span_of(7, NOW, BERLIN)
    day = timedelta(days=1)
    noon = datetime(2026, 11, 18, 11, 0, tzinfo=UTC)
    breaks = [done(noon + n * day) for n in (1, 2, 3, 4, 5)]  # the 19th to the 23rd, not the 18th
    breaks.append(done(noon + 6 * day, BreakOutcome.SKIPPED))  # today, the 24th: skipped
    shown = days(first, last, [], set(), breaks, [], BERLIN)
    assert [d.day.day for d in shown] == [18, 19, 20, 21, 22, 23, 24]
    assert totals(shown, last).break_streak == 5  # today may still bring one
    assert totals(shown, last + day).break_streak == 0  # the 24th gone by without one


@given(st.lists(st.integers(0, 30 * 24 * 60 - 1), max_size=60))
def test_no_session_is_lost_or_counted_twice_across_the_days(minutes: list[int]) -> None:
    start = datetime(2026, 10, 20, 0, 0, tzinfo=UTC)  # (the clocks go back on the 25th)
    sessions = [session(str(n), start + timedelta(minutes=m)) for n, m in enumerate(minutes)]
    first = date(2026, 10, 19)
    shown = days(
        first, first + timedelta(days=31), sessions, {s.id for s in sessions}, [], [], BERLIN
    )
    assert sum(d.heat for d in shown) == len(sessions)
    assert len(shown) == 32 and len({d.day for d in shown}) == 32
    for day in shown:  # each on the day a Berlin wall clock showed when it started
        assert day.heat == sum(s.started_at.astimezone(BERLIN).date() == day.day for s in sessions)


def test_sessions_just_after_midnight_on_the_days_the_clocks_change_belong_to_that_day() -> None:
    spring = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)  # 00:30 on the 29th (a 23-hour day)
    autumn = datetime(2026, 10, 24, 22, 30, tzinfo=UTC)  # 00:30 on the 25th (a 25-hour day)
    late = datetime(2026, 10, 25, 22, 59, tzinfo=UTC)  # 23:59 on the 25th, after the change
    sessions = [session("s", spring), session("a", autumn), session("l", late)]
    ids = {s.id for s in sessions}
    march = days(date(2026, 3, 28), date(2026, 3, 30), sessions, ids, [], [], BERLIN)
    assert [d.heat for d in march] == [0, 1, 0]
    october = days(date(2026, 10, 24), date(2026, 10, 26), sessions, ids, [], [], BERLIN)
    assert [d.heat for d in october] == [0, 2, 0]


def test_an_injury_shows_its_recovery_phases_as_bands_of_local_days() -> None:
    at = datetime(2026, 11, 1, 22, 30, tzinfo=UTC)  # 23:30 on the 1st in Berlin
    shown = bands([Injury("i", at)], date(2026, 10, 1), date(2026, 12, 31), BERLIN)
    assert shown == [
        Band(Phase.ACUTE, date(2026, 11, 1), date(2026, 11, 3)),  # until 23:30 on the 3rd
        Band(Phase.SUBACUTE, date(2026, 11, 3), date(2026, 11, 8)),
        Band(Phase.REBUILDING, date(2026, 11, 8), date(2026, 11, 29)),
    ]
    # cut to the days shown; a removed injury has none; a newer injury ends the older's
    assert bands([Injury("i", at)], date(2026, 11, 5), date(2026, 11, 10), BERLIN) == [
        Band(Phase.SUBACUTE, date(2026, 11, 5), date(2026, 11, 8)),
        Band(Phase.REBUILDING, date(2026, 11, 8), date(2026, 11, 10)),
    ]
    removed = Injury("r", at, removed_at=at + timedelta(hours=1))
    assert bands([removed], date(2026, 10, 1), date(2026, 12, 31), BERLIN) == []
    again = Injury("j", at + timedelta(days=4))
    both = bands([again, Injury("i", at)], date(2026, 10, 1), date(2026, 12, 31), BERLIN)
    older, newer = [Phase.ACUTE, Phase.SUBACUTE], [Phase.ACUTE, Phase.SUBACUTE, Phase.REBUILDING]
    assert [b.phase for b in both] == [*older, *newer]
    assert both[1].last == date(2026, 11, 5)  # the older injury's subacute days end there


def test_a_days_entries_say_what_happened_in_time_order() -> None:
    morning = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    stopped = session("s2", morning + timedelta(hours=3))._replace(
        ended_at=morning + timedelta(hours=3, seconds=40), stopped=True
    )
    sessions = [
        session("s1", morning),
        stopped,
        session("c", morning + timedelta(hours=5), Kind.COLD),
        session("other day", morning - timedelta(days=1)),
    ]
    assert counted(sessions, NOW, Settings()) == {"s1", "other day"}  # (s2: an accident)
    listed = entries(
        date(2026, 11, 24),
        sessions,
        counted(sessions, NOW, Settings()),
        [
            done(morning + timedelta(hours=1)),
            done(morning + timedelta(hours=2), BreakOutcome.MISSED),
        ],
        [Injury("i", morning + timedelta(hours=4), Area.SHOULDER, frozenset({RedFlag.NUMBNESS}))],
        NOW,
        BERLIN,
        {"pelvic-tilt": "Seated pelvic tilts"},
    )
    assert [e.text for e in listed] == [
        "Heat session, 15 min, completed",
        "Posture break done: Seated pelvic tilts",
        "Posture break missed (away from the desk): Seated pelvic tilts",
        "Heat session, 1 min, stopped early (not counted: stopped within 1 min of starting)",
        "Injury logged: Shoulder, with red flags",
        "Cold session, 15 min, completed",
    ]
    assert entries(date(2026, 11, 20), [], set(), [], [], NOW, BERLIN, {}) == []


def test_the_summary_counts_everything_shown_and_names_a_streak_of_two_days_or_more() -> None:
    first, last = span_of(3, NOW, BERLIN)
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    shown = days(
        first, last, [session("s", at)], {"s"}, [done(at), done(at + timedelta(days=1))], [], BERLIN
    )
    lines = summary(totals(shown, last), cap=3)
    assert lines == [
        "Heat sessions: 1 (at most 3 a day)",
        "Cold sessions: 0",
        "Breaks done: 2 · Snoozed: 0 · Skipped: 0 · Missed: 0",
        "Injuries logged: 0",
        "Posture breaks taken 2 days running.",
    ]
    assert len(summary(totals(shown[:2], last), cap=3)) == 4  # one day: no streak to name
