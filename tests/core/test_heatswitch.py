"""The heat switch's pure rules (core/heatswitch.py): the plug's own off timer never outlasts
the session; Tasmota's PulseTime units; what a reading of the power drawn asks for."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from heattimer.core.heatswitch import (
    FIRST_CHECK,
    Advice,
    Reading,
    advice,
    off_timer_seconds,
    shortened_timer,
    tasmota_pulse_time,
)
from tests.plugs.tasmota import pulse_seconds

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def test_a_session_the_rules_shortened_after_the_plug_went_on_sets_its_timer_again() -> None:
    planned = NOW + timedelta(minutes=15)
    assert shortened_timer(planned, planned, NOW + timedelta(seconds=2)) is None
    stored = NOW + timedelta(minutes=14, seconds=30)  # the day's heat ran short meanwhile
    assert shortened_timer(planned, stored, NOW + timedelta(seconds=2)) == 14 * 60 + 28


@given(st.integers(1, 20 * 60 * 1000))
def test_the_plugs_timer_ends_at_the_deadline_or_just_before(millis: int) -> None:
    ends = NOW + timedelta(milliseconds=millis)
    seconds = off_timer_seconds(ends, NOW)
    assert NOW + timedelta(seconds=seconds) <= ends or seconds == 1
    assert ends - (NOW + timedelta(seconds=seconds)) < timedelta(seconds=1)


@given(st.integers(1, 18 * 3600))
def test_a_tasmota_pulse_time_stands_for_the_seconds_asked_never_more(seconds: int) -> None:
    # (the simulator's reading of PulseTime's units, from Tasmota's documentation)
    assert pulse_seconds(tasmota_pulse_time(seconds)) == seconds
    assert tasmota_pulse_time(15 * 60) == 1000  # the documentation's own example: 900 s


def test_what_the_power_drawn_asks_for() -> None:
    drawing, idle, unmetered = Reading(True, 45.0), Reading(True, 0.4), Reading(True, None)
    running, age = True, FIRST_CHECK
    assert advice(drawing, not running, True, age) is Advice.ASK_TO_COUNT
    assert advice(drawing, not running, False, age) is Advice.SWITCH_OFF
    assert advice(idle, not running, False, age) is Advice.NOTHING
    assert advice(idle, running, True, age) is Advice.NOT_DRAWING
    assert advice(idle, running, True, FIRST_CHECK / 2) is Advice.NOTHING  # warming up
    assert advice(Reading(False, 0.0), running, True, age) is Advice.NOT_DRAWING
    assert advice(drawing, running, True, age) is Advice.NOTHING
    assert advice(unmetered, running, False, age) is Advice.NOTHING  # it cannot tell
    # a plug that measures nothing, on with no session: its being on is taken for heat
    assert advice(unmetered, not running, False, age) is Advice.SWITCH_OFF
    assert advice(unmetered, not running, True, age) is Advice.ASK_TO_COUNT
    assert advice(Reading(False, None), not running, False, age) is Advice.NOTHING
