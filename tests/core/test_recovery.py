"""Recovery phases after an injury, and the advice the seed document gives in each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heattimer.core.model import RedFlag
from heattimer.core.recovery import PROFESSIONAL_NOTE, Phase, recovery
from heattimer.core.rules import heat_decision
from heattimer.core.settings import Settings

from .build import BERLIN, MICRO, NOW, days, hours, injury


def test_no_phase_without_an_injury() -> None:
    state = recovery(NOW, [])
    assert state.phase is Phase.NONE
    assert state.injury is None
    assert state.day is None
    assert state.next_phase is None
    assert state.next_phase_at is None
    assert not state.see_professional
    assert state.therapy == "heat"


def test_no_phase_when_the_only_injury_was_removed() -> None:
    mistake = injury(NOW - hours(3), removed=NOW - hours(1))
    assert recovery(NOW, [mistake]).phase is Phase.NONE


@pytest.mark.parametrize(
    ("age", "phase"),
    [
        (timedelta(0), Phase.ACUTE),
        (hours(48) - MICRO, Phase.ACUTE),
        (hours(48), Phase.SUBACUTE),
        (days(7) - MICRO, Phase.SUBACUTE),
        (days(7), Phase.REBUILDING),
        (days(28) - MICRO, Phase.REBUILDING),
        (days(28), Phase.MAINTENANCE),
        (days(400), Phase.MAINTENANCE),
    ],
)
def test_phase_follows_the_injury_age(age: timedelta, phase: Phase) -> None:
    assert recovery(NOW, [injury(NOW - age)]).phase is phase


@pytest.mark.parametrize(
    ("age", "next_phase", "starts_after"),
    [
        (hours(1), Phase.SUBACUTE, hours(48)),
        (days(3), Phase.REBUILDING, days(7)),
        (days(10), Phase.MAINTENANCE, days(28)),
    ],
)
def test_next_phase_and_when_it_starts(
    age: timedelta, next_phase: Phase, starts_after: timedelta
) -> None:
    hurt = injury(NOW - age)
    state = recovery(NOW, [hurt])
    assert state.next_phase is next_phase
    assert state.next_phase_at == hurt.at + starts_after


def test_maintenance_has_no_next_phase() -> None:
    state = recovery(NOW, [injury(NOW - days(30))])
    assert state.next_phase is None
    assert state.next_phase_at is None


def test_day_counts_from_one_on_the_day_of_the_injury() -> None:
    assert recovery(NOW, [injury(NOW)]).day == 1
    assert recovery(NOW, [injury(NOW - hours(47))]).day == 2
    assert recovery(NOW, [injury(NOW - hours(48))]).day == 3


@pytest.mark.parametrize(
    ("age", "see"),
    [
        (days(14) - MICRO, False),
        (days(14), True),
        (days(20), True),
        (days(28) - MICRO, True),
        (days(28), False),
    ],
)
def test_see_professional_from_14_days_until_maintenance(age: timedelta, see: bool) -> None:
    assert recovery(NOW, [injury(NOW - age)]).see_professional is see


def test_professional_note_names_a_physical_therapist_or_physician() -> None:
    assert "two weeks" in PROFESSIONAL_NOTE
    assert "physical therapist or physician" in PROFESSIONAL_NOTE


def test_newest_active_injury_decides_the_phase() -> None:
    old = injury(NOW - days(20))
    new = injury(NOW - hours(5))
    state = recovery(NOW, [new, old])
    assert state.phase is Phase.ACUTE
    assert state.injury == new
    assert not state.see_professional  # the old one's two weeks do not count


def test_newest_means_latest_to_happen_not_latest_logged() -> None:
    recent = injury(NOW - days(2), logged=NOW - days(2))
    backdated = injury(NOW - days(20), logged=NOW - hours(1))
    state = recovery(NOW, [recent, backdated])
    assert state.phase is Phase.SUBACUTE
    assert state.injury == recent


def test_removing_the_newest_injury_falls_back_to_the_older_one() -> None:
    old = injury(NOW - days(10))
    mistake = injury(NOW - hours(5), removed=NOW - hours(4))
    state = recovery(NOW, [old, mistake])
    assert state.phase is Phase.REBUILDING
    assert state.injury == old


def test_a_cleared_red_flag_injury_still_sets_the_phase() -> None:
    hurt = injury(NOW - days(4), [RedFlag.TRAUMA], cleared=NOW - days(1))
    assert recovery(NOW, [hurt]).phase is Phase.SUBACUTE


@pytest.mark.parametrize(
    ("age", "therapy", "words"),
    [
        (hours(1), "cold", ["cold packs", "pelvic tilts", "walking", "No heat"]),
        (days(4), "low heat", ["low-grade heat", "child's pose", "cat-camel", "dead bug"]),
        (days(10), "heat", ["glute bridges", "hip hinges", "posture"]),
        (days(40), "heat", ["warming up", "foam rolling", "posture breaks"]),
    ],
)
def test_each_phase_gives_the_seed_documents_advice(
    age: timedelta, therapy: str, words: list[str]
) -> None:
    state = recovery(NOW, [injury(NOW - age)])
    assert state.therapy == therapy
    for word in words:
        assert word in state.advice
    assert state.title


injury_ages = st.lists(
    st.tuples(
        st.integers(0, 40 * 86400 * 1_000_000).map(lambda us: timedelta(microseconds=us)),
        st.booleans(),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(injury_ages)
def test_next_phase_at_is_exactly_when_the_phase_changes(ages) -> None:
    injuries = [
        injury(NOW - age, removed=NOW - MICRO if removed else None) for age, removed in ages
    ]
    state = recovery(NOW, injuries)
    active = [i for i in injuries if i.removed_at is None]
    if not active:
        assert state.phase is Phase.NONE
        return
    assert state.injury is not None
    assert state.injury.at == max(i.at for i in active)
    if state.next_phase_at is None:
        assert state.phase is Phase.MAINTENANCE
        return
    assert state.next_phase_at > NOW
    assert recovery(state.next_phase_at - MICRO, injuries).phase is state.phase
    assert recovery(state.next_phase_at, injuries).phase is state.next_phase


@settings(max_examples=200, deadline=None)
@given(injury_ages)
def test_heat_is_never_allowed_in_the_acute_phase(ages) -> None:
    injuries = [injury(NOW - age, removed=NOW - MICRO if gone else None) for age, gone in ages]
    if recovery(NOW, injuries).phase is Phase.ACUTE:
        assert not heat_decision(NOW, [], injuries, Settings(), BERLIN).allowed
