"""The computer's local time zone, as a tzinfo that follows its DST rules.

``datetime.astimezone()`` alone gives a fixed offset, which is wrong across a DST change;
the rules need the zone itself. Where $TZ or /etc/localtime names an IANA zone (Linux,
macOS, the BSDs), it is the standard library's ``zoneinfo`` for it, read from the system's
zone files. Where there is none to name ($TZ a POSIX rule such as
``CET-1CEST,M3.5.0,M10.5.0/3``, or Windows), the C library is asked about each instant
(LocalZone). A $TZ that names no zone at all is an error, not UTC in disguise.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta, tzinfo

ZONE_FOLDERS = (
    "/usr/share/zoneinfo",
    "/usr/lib/zoneinfo",
    "/usr/share/lib/zoneinfo",
    "/etc/zoneinfo",
)
_NAME = r"(?:[A-Za-z]{3,}|<[+\-\w]+>)"
_OFFSET = r"[+-]?(\d{1,3})(?::\d{2}){0,2}"
_POSIX_TZ = rf"^{_NAME}{_OFFSET}(?:{_NAME}(?:{_OFFSET})?(?:,[^,]+,[^,]+)?)?$"
"""A POSIX TZ rule (CET-1CEST,M3.5.0,M10.5.0/3), compiled only when $TZ is one."""


class ZoneError(ValueError):
    """$TZ names no time zone this computer knows."""


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

    @property
    def key(self) -> str | None:
        """The zone's name (Europe/Berlin) where $TZ or /etc/localtime names one."""
        name = os.environ.get("TZ", "").removeprefix(":")
        if not name:
            try:
                name = os.readlink("/etc/localtime")
            except OSError:
                return None
        return name.partition("zoneinfo/")[2] or name


def tz_problem(tz: str) -> str | None:
    """Why $TZ = ``tz`` names no zone (None if it names one): the C library would take a
    typo for UTC without a word, and an offset past 24 hours breaks every local time."""
    name = tz.removeprefix(":")
    shown = f"TZ={tz!r}"
    if not name:
        return None  # UTC, as the C library reads it
    if name.startswith("/"):
        return None if os.path.isfile(name) else f"{shown} names no file of zone rules"
    folders = [os.environ["TZDIR"]] if os.environ.get("TZDIR") else list(ZONE_FOLDERS)
    if ".." not in name and any(os.path.isfile(os.path.join(f, name)) for f in folders):
        return None
    import re

    rule = re.match(_POSIX_TZ, name)
    if rule is None:
        return f"{shown} names no time zone (use a name such as Europe/Berlin, or unset TZ)"
    if any(int(hours) > 24 for hours in rule.groups() if hours is not None):
        return f"{shown} is not a valid time zone: its offset is more than 24 hours"
    return None


def local_zone(quick_start: bool = False) -> tzinfo:
    """The local time zone with its DST rules; ZoneError if $TZ names none.

    ``quick_start``: for a command that converts only a few instants, the C library's zone
    (LocalZone), which needs nothing loaded; importing zoneinfo costs `heattimer status`
    2.5 ms, a tenth of its floor (benchmarks/bench_status.py). The app and `history`, which
    convert thousands, get zoneinfo, four times faster an instant."""
    tz = os.environ.get("TZ")
    if tz is not None:
        problem = tz_problem(tz)
        if problem is not None:
            raise ZoneError(problem)
        name = tz.removeprefix(":")
        if not name:
            return UTC  # the C library's reading of an empty TZ
        zone = None if quick_start else _zone_file(name)
        if zone is not None:
            return zone
    elif quick_start:
        pass
    elif os.path.islink("/etc/localtime") or os.path.isfile("/etc/localtime"):
        zone = _zone_file("/etc/localtime")
        if zone is not None:
            return zone
    local = LocalZone()
    if abs(local.utcoffset(None)) >= timedelta(hours=24):
        raise ZoneError(f"TZ={tz!r} is not a valid time zone: its offset is 24 hours or more")
    return local


def _zone_file(name: str) -> tzinfo | None:
    """The IANA zone ``name`` (or the zone file at the path ``name``), or None."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        if not name.startswith("/"):
            return ZoneInfo(name)
        target = os.path.realpath(name)
        key = target.partition("zoneinfo/")[2]
        if key:
            try:
                return ZoneInfo(key)  # named, for messages (and cached)
            except (ZoneInfoNotFoundError, ValueError):
                pass
        with open(target, "rb") as file:
            return ZoneInfo.from_file(file, key=_etc_timezone() or os.path.basename(target))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _etc_timezone() -> str | None:
    """Debian's /etc/timezone: the zone's name where /etc/localtime is a copy, not a link."""
    try:
        with open("/etc/timezone") as file:
            return file.read().strip() or None
    except OSError:
        return None
