"""Times as people type them: ``2026-11-24T18:30`` (local), ``...+01:00``, ``47h ago``, ``now``."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

_AGO = re.compile(r"^\s*(\d+)\s*(m|min|h|d)\s+ago\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days"}


def parse_time(text: str, now: datetime, zone: tzinfo) -> datetime:
    """The UTC instant ``text`` names; ValueError with a readable message if none."""
    if text.strip().lower() == "now":
        return now
    try:
        # OverflowError: beyond the calendar, e.g. "99999999d ago" or "0001-01-01T00:00+01:00".
        return _parse(text, now, zone)
    except (ValueError, OverflowError):
        raise ValueError(
            f"cannot read the time {text!r}: use e.g. 2026-11-24T18:30 or '47h ago'"
        ) from None


def _parse(text: str, now: datetime, zone: tzinfo) -> datetime:
    ago = _AGO.match(text)
    if ago:
        amount, unit = int(ago.group(1)), ago.group(2).lower()
        return now - timedelta(**{_UNITS[unit]: amount})
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)
