"""The computer's local time zone, as a tzinfo that follows its DST rules.

``datetime.astimezone()`` alone gives a fixed offset, which is wrong across a
DST change; the rules need the zone itself. The C library already knows it
($TZ, /etc/localtime, the Windows registry), so this asks it about each
instant instead of loading zone files: no I/O, and `heattimer status` stays
fast.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo


class LocalZone(tzinfo):
    """Local time as the C library tells it, instant by instant."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(seconds=time.localtime().tm_gmtoff)
        # A naive wall time's timestamp() asks mktime(), honouring fold for repeated hours.
        stamp = dt.replace(tzinfo=None).timestamp()
        return timedelta(seconds=time.localtime(stamp).tm_gmtoff)

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str:
        stamp = time.time() if dt is None else dt.replace(tzinfo=None).timestamp()
        return time.localtime(stamp).tm_zone

    def fromutc(self, dt: datetime) -> datetime:
        stamp = dt.replace(tzinfo=UTC).timestamp()
        wall = datetime.fromtimestamp(stamp).replace(tzinfo=self)
        if wall.replace(tzinfo=None).timestamp() != stamp:
            wall = wall.replace(fold=1)  # the second pass through a repeated hour
        return wall

    def __repr__(self) -> str:
        return "LocalZone()"


def local_zone() -> tzinfo:
    """The local time zone with its DST rules."""
    return LocalZone()
