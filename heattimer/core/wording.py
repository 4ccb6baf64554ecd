"""How instants and durations read to a person: "14:30", "tomorrow 09:00", "31 h 12 min"."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from heattimer.core.localtime import local_date
from heattimer.core.workhours import DAY_NAMES

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def when(instant: datetime, now: datetime, zone: tzinfo) -> str:
    """A short local time for ``instant``, with the day only when it is not today."""
    local = instant.astimezone(zone)
    days = (local_date(instant, zone) - local_date(now, zone)).days
    clock = f"{local:%H:%M}"
    if days == 0:
        return clock
    if days == 1:
        return f"tomorrow {clock}"
    if days == -1:
        return f"yesterday {clock}"
    weekday = DAY_NAMES[local.weekday()]
    if 1 < days < 7:
        return f"{weekday} {clock}"
    return f"{weekday} {local.day} {MONTH_NAMES[local.month - 1]} {clock}"


def on_day(day: date, now: datetime, zone: tzinfo) -> str:
    """A local date as said in a sentence: "today", "yesterday", "on Mon 30 Nov"."""
    days = (day - local_date(now, zone)).days
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    return f"on {DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"


def span(delta: timedelta) -> str:
    """A duration rounded up to the minute: "45 s", "12 min", "31 h 12 min", "3 d 4 h"."""
    seconds = max(0, int(-(-delta.total_seconds() // 1)))
    if seconds < 60:
        return f"{seconds} s"
    minutes = -(-seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 72:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def clock(delta: timedelta) -> str:
    """A countdown as a clock face: "14:59", "1:02:03"."""
    seconds = max(0, int(-(-delta.total_seconds() // 1)))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes:02}:{seconds:02}"
