"""How instants and durations read to a person: "14:30", "tomorrow 09:00", "31 h 12 min"."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from heattimer.core.localtime import local_date
from heattimer.i18n import _

WEEKDAYS = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
"""The days as a date reads them, Monday first (work hours are typed in English:
core/workhours.py)."""
MONTH_NAMES = (
    _("Jan"),
    _("Feb"),
    _("Mar"),
    _("Apr"),
    _("May"),
    _("Jun"),
    _("Jul"),
    _("Aug"),
    _("Sep"),
    _("Oct"),
    _("Nov"),
    _("Dec"),
)


def when(instant: datetime, now: datetime, zone: tzinfo) -> str:
    """A short local time for ``instant``, with the day only when it is not today."""
    local = instant.astimezone(zone)
    days = (local_date(instant, zone) - local_date(now, zone)).days
    time = f"{local:%H:%M}"
    if days == 0:
        return time
    if days == 1:
        return _("tomorrow {time}").format(time=time)
    if days == -1:
        return _("yesterday {time}").format(time=time)
    weekday = WEEKDAYS[local.weekday()]
    if 1 < days < 7:
        return _("{weekday} {time}").format(weekday=weekday, time=time)
    return _("{weekday} {day} {month} {time}").format(
        weekday=weekday, day=local.day, month=MONTH_NAMES[local.month - 1], time=time
    )


def on_day(day: date, now: datetime, zone: tzinfo) -> str:
    """A local date as said in a sentence: "today", "yesterday", "on Mon 30 Nov"."""
    days = (day - local_date(now, zone)).days
    if days == 0:
        return _("today")
    if days == -1:
        return _("yesterday")
    return _("on {weekday} {day} {month}").format(
        weekday=WEEKDAYS[day.weekday()], day=day.day, month=MONTH_NAMES[day.month - 1]
    )


def span(delta: timedelta) -> str:
    """A duration rounded up to the minute: "45 s", "12 min", "31 h 12 min", "3 d 4 h"."""
    seconds = max(0, int(-(-delta.total_seconds() // 1)))
    if seconds < 60:
        return _("{seconds} s").format(seconds=seconds)
    minutes = -(-seconds // 60)
    if minutes < 60:
        return _("{minutes} min").format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 72:
        if minutes:
            return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
        return _("{hours} h").format(hours=hours)
    days, hours = divmod(hours, 24)
    if hours:
        return _("{days} d {hours} h").format(days=days, hours=hours)
    return _("{days} d").format(days=days)


def clock(delta: timedelta) -> str:
    """A countdown as a clock face: "14:59", "1:02:03"."""
    seconds = max(0, int(-(-delta.total_seconds() // 1)))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes:02}:{seconds:02}"
