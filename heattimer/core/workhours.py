"""Work hours: the days and the local times of day when posture breaks are wanted.

Written as ``Mon-Fri 09:00-18:00`` or ``Mon,Wed,Sat 08:30-12:00``; ``off``
means no limit. The end may not be before the start (no overnight shifts). The days may
also be written in the person's language ("Mo-Fr" in German), and are shown so
(``shown``); stored and printed for scripts in English (``str``).
"""

from datetime import datetime, time
from typing import NamedTuple

from heattimer.core.wording import WEEKDAYS
from heattimer.i18n import _

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class WorkHours(NamedTuple):
    """Weekdays (0 = Monday) and a start and end local time."""

    days: frozenset[int]
    start: time
    end: time

    def contains(self, local: datetime) -> bool:
        """True if the local wall-clock time ``local`` falls inside work hours."""
        return local.weekday() in self.days and self.start <= local.time() < self.end

    def __str__(self) -> str:
        return f"{_days_text(self.days, DAY_NAMES)} {self.start:%H:%M}-{self.end:%H:%M}"

    def shown(self) -> str:
        """As the person reads and types it, the days in their language."""
        return f"{_days_text(self.days, WEEKDAYS)} {self.start:%H:%M}-{self.end:%H:%M}"


def _days_text(days: frozenset[int], names: tuple[str, ...]) -> str:
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{names[ordered[0]]}-{names[ordered[-1]]}"
    return ",".join(names[d] for d in ordered)


def _day(word: str) -> int:
    for names in (DAY_NAMES, WEEKDAYS):
        for index, name in enumerate(names):
            if word.strip().lower() == name.lower():
                return index
    raise ValueError(
        _("unknown day {day} (use {days})").format(day=repr(word.strip()), days=", ".join(WEEKDAYS))
    )


def _clock(word: str) -> time:
    try:
        hours, minutes = word.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(
            _("expected a time like 09:00, got {text}").format(text=repr(word.strip()))
        ) from None


def parse_work_hours(text: str) -> WorkHours | None:
    """Parse ``Mon-Fri 09:00-18:00``; ``off`` gives None. ValueError says what is wrong."""
    text = text.strip()
    if text.lower() in ("off", "none", ""):
        return None
    try:
        days_part, hours_part = text.split()
        start_text, end_text = hours_part.split("-")
    except ValueError:
        raise ValueError(
            _("expected work hours like 'Mon-Fri 09:00-18:00', got {text}").format(text=repr(text))
        ) from None
    days: set[int] = set()
    for item in days_part.split(","):
        if "-" in item:
            first, last = (_day(word) for word in item.split("-", 1))
            if last < first:
                raise ValueError(_("day range {days} runs backwards").format(days=repr(item)))
            days.update(range(first, last + 1))
        else:
            days.add(_day(item))
    start, end = _clock(start_text), _clock(end_text)
    if end <= start:
        raise ValueError(
            _("work hours must end after they start, got {hours}").format(hours=repr(hours_part))
        )
    return WorkHours(frozenset(days), start, end)
