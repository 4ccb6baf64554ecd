"""The person's settings, each with the range the rules allow.

A setting is stored as text under its key (``daily-cap``) and read back
through the same parser, so a value from an older or hand-edited file that
is out of range falls back to the default instead of breaking a rule.
"""

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, NamedTuple

from heattimer.core.workhours import WorkHours, parse_work_hours
from heattimer.i18n import _

if TYPE_CHECKING:
    from typing import Any


COOL_DOWN_FLOOR_MINUTES = 40
"""The shortest cool-down: with sessions of up to 20 minutes, no hour then holds more than
20 minutes of heat, so three sessions can never make the hour of heat straight that the
seed warns against ("avoid leaving heat on for an hour straight"), and 2-3 sessions a day
stay spread out as it means them to be."""


HEAT_MINUTES = range(15, 21)
"""A heat session's length in whole minutes (the seed: 15 to 20 minutes per session)."""
COLD_MINUTES = range(10, 21)
"""A cold session's length in whole minutes."""
BREAK_NOTICE_AHEAD = timedelta(seconds=30)
"""How long before a posture break its notice comes (the ``break-notice`` setting)."""
DAILY_CAPS = range(1, 4)
"""Heat sessions a day (the seed: 2 to 3 times a day, 1 to 3 in its FAQ; never more)."""


class SettingError(ValueError):
    """A key that does not exist, or a value outside what the rules allow."""


class Settings(NamedTuple):
    """Every setting, with its default."""

    heat_minutes: int = 15
    daily_cap: int = 3
    cool_down_minutes: int = 60
    cold_minutes: int = 15
    break_interval_minutes: int = 60
    idle_reset_minutes: int = 5
    breaks: bool = True
    work_hours: WorkHours | None = None
    sounds: bool = True
    """The chime when a cold session ends (the end alarm chimes whatever this says: it is
    the one sound that must not be missed)."""
    break_notice: bool = False
    """A notification BREAK_NOTICE_AHEAD before each posture break."""


def _int_in(low: int, high: int, unit: str) -> Callable[[str], object]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            if unit == "sessions":
                said = _("expected a whole number of sessions, got {text}")
            else:
                said = _("expected a whole number of minutes, got {text}")
            raise SettingError(said.format(text=repr(text))) from None
        if not low <= value <= high:
            if unit == "sessions":
                said = _("must be from {low} to {high} sessions, got {value}")
            else:
                said = _("must be from {low} to {high} minutes, got {value}")
            raise SettingError(said.format(low=low, high=high, value=value))
        return value

    return parse


def parse_on_off(text: str) -> bool:
    """``on``/``off`` (or yes/no, true/false, 1/0) as a setting's value."""
    return _on_off(text)


def _on_off(text: str) -> bool:
    word = text.strip().lower()
    if word in ("on", "yes", "true", "1"):
        return True
    if word in ("off", "no", "false", "0"):
        return False
    raise SettingError(_("expected on or off, got {text}").format(text=repr(text)))


def _work_hours(text: str) -> WorkHours | None:
    try:
        return parse_work_hours(text)
    except ValueError as error:
        raise SettingError(str(error)) from None


class SettingSpec(NamedTuple):
    """One setting as the person sees it: key, field, parser and help, and for a number the
    range the rules allow (which every editor of it offers)."""

    key: str
    field: str
    parse: Callable[[str], object]
    help: str
    allowed: range | None = None


def _number(key: str, field: str, allowed: range, unit: str, help: str) -> SettingSpec:
    """A whole-number setting; ``help`` says it with ``{low}`` and ``{high}`` for its range."""
    low, high = allowed.start, allowed.stop - 1
    return SettingSpec(
        key, field, _int_in(low, high, unit), help.format(low=low, high=high), allowed
    )


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        _number(
            "heat-minutes",
            "heat_minutes",
            HEAT_MINUTES,
            "minutes",
            _("default heat session length, {low} to {high} minutes"),
        ),
        _number(
            "daily-cap",
            "daily_cap",
            DAILY_CAPS,
            "sessions",
            _("heat sessions counted per day, {low} to {high} sessions"),
        ),
        _number(
            "cool-down-minutes",
            "cool_down_minutes",
            range(COOL_DOWN_FLOOR_MINUTES, 241),
            "minutes",
            _(
                "time between the end of one heat session and the next start, "
                "{low} to {high} minutes"
            ),
        ),
        _number(
            "cold-minutes",
            "cold_minutes",
            COLD_MINUTES,
            "minutes",
            _("cold session length, {low} to {high} minutes"),
        ),
        _number(
            "break-interval-minutes",
            "break_interval_minutes",
            range(20, 121),
            "minutes",
            _("minutes of sitting between posture breaks, {low} to {high} minutes"),
        ),
        _number(
            "idle-reset-minutes",
            "idle_reset_minutes",
            range(1, 31),
            "minutes",
            _(
                "minutes away from the computer that restart the sitting clock, "
                "{low} to {high} minutes"
            ),
        ),
        SettingSpec("breaks", "breaks", _on_off, _("posture-break popups, on or off")),
        SettingSpec(
            "break-notice",
            "break_notice",
            _on_off,
            _("a notice {seconds} seconds before each posture break, on or off").format(
                seconds=BREAK_NOTICE_AHEAD.seconds
            ),
        ),
        SettingSpec(
            "sounds",
            "sounds",
            _on_off,
            _("the chime when a cold session ends, on or off (the end alarm always chimes)"),
        ),
        SettingSpec(
            "work-hours",
            "work_hours",
            _work_hours,
            _("remind only in these hours, e.g. 'Mon-Fri 09:00-18:00', or off"),
        ),
    )
}


def parse_setting(key: str, text: str) -> object:
    """The value ``text`` gives setting ``key``, or SettingError saying why not."""
    spec = SPECS.get(key)
    if spec is None:
        raise SettingError(
            _("unknown setting {key} (settings: {keys})").format(
                key=repr(key), keys=", ".join(SPECS)
            )
        )
    try:
        return spec.parse(text)
    except SettingError as error:
        raise SettingError(_("{key} {error}").format(key=key, error=error)) from None


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
