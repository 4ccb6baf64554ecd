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
    ago = _AGO.match(text)
    if ago:
        amount, unit = int(ago.group(1)), ago.group(2).lower()
        return now - timedelta(**{_UNITS[unit]: amount})
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"cannot read the time {text!r}: use e.g. 2026-11-24T18:30 or '47h ago'"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)
