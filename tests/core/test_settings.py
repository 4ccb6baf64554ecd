"""Settings: each key's range, what a bad value does, and how values read back."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heattimer.core.settings import (
    SettingError,
    Settings,
    parse_setting,
    setting_keys,
    setting_text,
    settings_from,
)
from heattimer.core.workhours import WorkHours

RANGES = [
    ("heat-minutes", "heat_minutes", 15, 20),
    ("daily-cap", "daily_cap", 1, 3),
    ("cool-down-minutes", "cool_down_minutes", 40, 240),
    ("cold-minutes", "cold_minutes", 10, 20),
    ("break-interval-minutes", "break_interval_minutes", 20, 120),
    ("idle-reset-minutes", "idle_reset_minutes", 1, 30),
]


def test_defaults_are_the_documented_ones() -> None:
    default = Settings()
    assert default.heat_minutes == 15
    assert default.daily_cap == 3
    assert default.cool_down_minutes == 60
    assert default.cold_minutes == 15
    assert default.break_interval_minutes == 60
    assert default.idle_reset_minutes == 5
    assert default.breaks is True
    assert default.work_hours is None
    assert default.sounds is True
    assert default.break_notice is False  # (the issue: off by default)
    assert settings_from({}) == default


def test_every_setting_has_a_key() -> None:
    switches = ["breaks", "break-notice", "sounds", "work-hours"]
    assert setting_keys() == [key for key, *_ in RANGES] + switches


@pytest.mark.parametrize(("key", "field", "low", "high"), RANGES)
def test_numeric_setting_accepts_its_whole_range(key: str, field: str, low: int, high: int) -> None:
    for value in (low, (low + high) // 2, high):
        assert parse_setting(key, str(value)) == value
        assert getattr(settings_from({key: str(value)}), field) == value


@pytest.mark.parametrize(("key", "field", "low", "high"), RANGES)
def test_numeric_setting_outside_its_range_is_refused_naming_the_key(
    key: str, field: str, low: int, high: int
) -> None:
    for value in (low - 1, high + 1):
        with pytest.raises(SettingError) as error:
            parse_setting(key, str(value))
        assert key in str(error.value)
        assert f"{low} to {high}" in str(error.value)


@pytest.mark.parametrize(("key", "field", "low", "high"), RANGES)
@pytest.mark.parametrize("text", ["", "abc", "15.5", "1e1", "fifteen"])
def test_numeric_setting_that_is_not_a_whole_number_is_refused(
    key: str, field: str, low: int, high: int, text: str
) -> None:
    with pytest.raises(SettingError, match=key):
        parse_setting(key, text)


def test_daily_cap_can_never_be_set_above_three() -> None:
    for text in ("4", "10", "100"):
        with pytest.raises(SettingError, match="daily-cap"):
            parse_setting("daily-cap", text)
    assert settings_from({"daily-cap": "4"}).daily_cap == 3


def test_numbers_may_have_surrounding_spaces() -> None:
    assert parse_setting("heat-minutes", " 20 ") == 20


@pytest.mark.parametrize(
    ("text", "value"),
    [("on", True), ("off", False), ("yes", True), ("no", False), ("TRUE", True), ("0", False)],
)
def test_breaks_setting_reads_on_and_off(text: str, value: bool) -> None:
    assert parse_setting("breaks", text) is value


def test_breaks_setting_refuses_other_words() -> None:
    with pytest.raises(SettingError, match="breaks"):
        parse_setting("breaks", "sometimes")


def test_work_hours_setting_parses_days_and_times() -> None:
    hours = parse_setting("work-hours", "Mon-Fri 09:00-18:00")
    assert hours == WorkHours(frozenset(range(5)), time(9), time(18))
    assert parse_setting("work-hours", "off") is None


@pytest.mark.parametrize(
    "text", ["Mon-Fri", "Mon-Fri 18:00-09:00", "Funday 09:00-18:00", "Mon-Fri 9am-6pm"]
)
def test_bad_work_hours_are_refused_naming_the_key(text: str) -> None:
    with pytest.raises(SettingError, match="work-hours"):
        parse_setting("work-hours", text)


def test_unknown_setting_is_refused_and_the_known_ones_are_listed() -> None:
    with pytest.raises(SettingError) as error:
        parse_setting("max-heat", "3")
    assert "max-heat" in str(error.value)
    assert "daily-cap" in str(error.value)


def test_setting_error_is_a_value_error() -> None:
    assert issubclass(SettingError, ValueError)


def test_settings_from_keeps_the_default_for_bad_stored_values() -> None:
    stored = {
        "heat-minutes": "45",
        "daily-cap": "9",
        "cool-down-minutes": "-5",
        "cold-minutes": "x",
        "break-interval-minutes": "5",
        "idle-reset-minutes": "0",
        "breaks": "maybe",
        "work-hours": "Mon-Fri 18:00-09:00",
    }
    assert settings_from(stored) == Settings()


def test_settings_from_applies_good_values_beside_bad_and_unknown_ones() -> None:
    stored = {"heat-minutes": "20", "daily-cap": "7", "colour": "red", "breaks": "off"}
    read = settings_from(stored)
    assert read.heat_minutes == 20
    assert read.daily_cap == 3
    assert read.breaks is False


def test_setting_text_reads_as_on_off_numbers_and_work_hours() -> None:
    chosen = Settings(
        breaks=False,
        daily_cap=2,
        work_hours=WorkHours(frozenset({0, 2, 4}), time(8, 30), time(12)),
    )
    assert setting_text(chosen, "breaks") == "off"
    assert setting_text(chosen, "daily-cap") == "2"
    assert setting_text(chosen, "work-hours") == "Mon,Wed,Fri 08:30-12:00"
    assert setting_text(Settings(), "work-hours") == "off"


@st.composite
def any_work_hours(draw: st.DrawFn) -> WorkHours | None:
    if draw(st.booleans()):
        return None
    start = draw(st.integers(0, 24 * 60 - 2))
    end = draw(st.integers(start + 1, 24 * 60 - 1))
    days = draw(st.frozensets(st.integers(0, 6), min_size=1))
    return WorkHours(days, time(*divmod(start, 60)), time(*divmod(end, 60)))


valid_settings = st.builds(
    Settings,
    heat_minutes=st.integers(15, 20),
    daily_cap=st.integers(1, 3),
    cool_down_minutes=st.integers(40, 240),
    cold_minutes=st.integers(10, 20),
    break_interval_minutes=st.integers(20, 120),
    idle_reset_minutes=st.integers(1, 30),
    breaks=st.booleans(),
    work_hours=any_work_hours(),
    sounds=st.booleans(),
    break_notice=st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(valid_settings)
def test_every_setting_reads_back_as_it_was_written(chosen: Settings) -> None:
    stored = {key: setting_text(chosen, key) for key in setting_keys()}
    assert settings_from(stored) == chosen
