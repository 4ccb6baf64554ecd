"""Times as people type them: ``2026-11-24T18:30`` (local), ``...+01:00``, ``47h ago``, ``now``.

A local time that the clocks skipped (inside a DST gap: 02:30 on the night Europe/Berlin
springs forward) names no instant, and is refused with a line that names the gap. One that
comes twice (in the hour repeated when the clocks go back) means the first time it came;
give the offset (``+01:00``) for the second.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

from heattimer.i18n import _

_AGO = re.compile(r"^\s*(\d+)\s*(m|min|h|d)\s+ago\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days"}


def parse_time(text: str, now: datetime, zone: tzinfo) -> datetime:
    """The UTC instant ``text`` names; ValueError with a readable message if none."""
    if text.strip().lower() == "now":
        return now
    try:
        # OverflowError: beyond the calendar, e.g. "99999999d ago" or "0001-01-01T00:00+01:00".
        return _parse(text, now, zone)
    except SkippedTime:
        raise
    except (ValueError, OverflowError):
        raise ValueError(
            _("cannot read the time {text}: use e.g. 2026-11-24T18:30 or '47h ago'").format(
                text=repr(text)
            )
        ) from None


def _parse(text: str, now: datetime, zone: tzinfo) -> datetime:
    ago = _AGO.match(text)
    if ago:
        amount, unit = int(ago.group(1)), ago.group(2).lower()
        return now - timedelta(**{_UNITS[unit]: amount})
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone, fold=0)
        back = value.astimezone(UTC).astimezone(zone)
        if back.replace(tzinfo=None) != value.replace(tzinfo=None):
            raise SkippedTime(_gap_line(value, zone))
    return value.astimezone(UTC)


class SkippedTime(ValueError):
    """A local time the clocks skipped: no instant has it."""


def _gap_line(wall: datetime, zone: tzinfo) -> str:
    """The refusal for ``wall`` (naive in ``zone``), naming the gap it falls in."""
    before = wall.replace(fold=0).utcoffset() or timedelta(0)
    after = wall.replace(fold=1).utcoffset() or timedelta(0)
    earlier, later = min(before, after), max(before, after)
    # The change happens at one UTC instant between the two readings of ``wall``.
    low = (wall.replace(tzinfo=None) - later).replace(tzinfo=UTC)
    high = (wall.replace(tzinfo=None) - earlier).replace(tzinfo=UTC)
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
            low = middle
        else:
            high = middle
    change = high.replace(microsecond=0)
    offset_before = low.astimezone(zone).utcoffset() or timedelta(0)
    jumped_from = (change + offset_before).replace(tzinfo=None)
    jumped_to = change.astimezone(zone).replace(tzinfo=None)
    name = getattr(zone, "key", None) or wall.replace(tzinfo=zone).tzname() or _("local time")
    return _(
        "{time} does not exist in {zone}: the clocks went from {before} to {after} that night; "
        "give the time after the change, or with its offset"
    ).format(
        time=f"{wall:%Y-%m-%dT%H:%M}",
        zone=name,
        before=f"{jumped_from:%H:%M}",
        after=f"{jumped_to:%H:%M}",
    )
