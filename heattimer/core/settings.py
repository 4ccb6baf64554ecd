"""The person's settings, each with the range the rules allow.

A setting is stored as text under its key (``daily-cap``) and read back
through the same parser, so a value from an older or hand-edited file that
is out of range falls back to the default instead of breaking a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from heattimer.core.record import TYPE_CHECKING, Record
from heattimer.core.workhours import WorkHours, parse_work_hours

if TYPE_CHECKING:
    from typing import Any


class SettingError(ValueError):
    """A key that does not exist, or a value outside what the rules allow."""


class Settings(Record):
    """Every setting, with its default."""

    heat_minutes: int = 15
    daily_cap: int = 3
    cool_down_minutes: int = 60
    cold_minutes: int = 15
    break_interval_minutes: int = 60
    idle_reset_minutes: int = 5
    breaks: bool = True
    work_hours: WorkHours | None = None


def _int_in(low: int, high: int, unit: str) -> Callable[[str], object]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise SettingError(f"expected a whole number of {unit}, got {text!r}") from None
        if not low <= value <= high:
            raise SettingError(f"must be from {low} to {high} {unit}, got {value}")
        return value

    return parse


def _on_off(text: str) -> bool:
    word = text.strip().lower()
    if word in ("on", "yes", "true", "1"):
        return True
    if word in ("off", "no", "false", "0"):
        return False
    raise SettingError(f"expected on or off, got {text!r}")


def _work_hours(text: str) -> WorkHours | None:
    try:
        return parse_work_hours(text)
    except ValueError as error:
        raise SettingError(str(error)) from None


class SettingSpec(Record):
    """One setting as the person sees it: key, field, parser and help."""

    key: str
    field: str
    parse: Callable[[str], object]
    help: str


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "heat-minutes",
            "heat_minutes",
            _int_in(15, 20, "minutes"),
            "default heat session length, 15 to 20 minutes",
        ),
        SettingSpec(
            "daily-cap",
            "daily_cap",
            _int_in(1, 3, "sessions"),
            "heat sessions counted per day, 1 to 3",
        ),
        SettingSpec(
            "cool-down-minutes",
            "cool_down_minutes",
            _int_in(0, 240, "minutes"),
            "time between the end of one heat session and the next start, 0 to 240 minutes",
        ),
        SettingSpec(
            "cold-minutes",
            "cold_minutes",
            _int_in(10, 20, "minutes"),
            "cold session length, 10 to 20 minutes",
        ),
        SettingSpec(
            "break-interval-minutes",
            "break_interval_minutes",
            _int_in(20, 120, "minutes"),
            "minutes of sitting between posture breaks, 20 to 120",
        ),
        SettingSpec(
            "idle-reset-minutes",
            "idle_reset_minutes",
            _int_in(1, 30, "minutes"),
            "minutes away from the computer that restart the sitting clock, 1 to 30",
        ),
        SettingSpec("breaks", "breaks", _on_off, "posture-break popups, on or off"),
        SettingSpec(
            "work-hours",
            "work_hours",
            _work_hours,
            "remind only in these hours, e.g. 'Mon-Fri 09:00-18:00', or off",
        ),
    )
}


def parse_setting(key: str, text: str) -> object:
    """The value ``text`` gives setting ``key``, or SettingError saying why not."""
    spec = SPECS.get(key)
    if spec is None:
        raise SettingError(f"unknown setting {key!r} (settings: {', '.join(SPECS)})")
    try:
        return spec.parse(text)
    except SettingError as error:
        raise SettingError(f"{key} {error}") from None


def settings_from(stored: Mapping[str, str]) -> Settings:
    """Settings from stored text values; a bad or missing value keeps its default."""
    settings = Settings()
    changes: dict[str, Any] = {}
    for key, text in stored.items():
        spec = SPECS.get(key)
        if spec is None:
            continue
        try:
            changes[spec.field] = spec.parse(text)
        except SettingError:
            continue
    return settings._replace(**changes) if changes else settings


def setting_text(settings: Settings, key: str) -> str:
    """How setting ``key`` reads on the command line and in the file."""
    value = getattr(settings, SPECS[key].field)
    if isinstance(value, bool):
        return "on" if value else "off"
    if value is None:
        return "off"
    return str(value)


def setting_keys() -> list[str]:
    """Every setting key, in display order."""
    return list(SPECS)


assert {spec.field for spec in SPECS.values()} == set(Settings._fields)
