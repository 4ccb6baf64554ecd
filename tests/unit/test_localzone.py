"""The local zone agrees with the IANA database across DST changes, wherever $TZ points."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from heattimer.core.localtime import day_start, local_date
from heattimer.platform.zone import LocalZone

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset (POSIX)")


@pytest.fixture
def tz(request: pytest.FixtureRequest) -> Iterator[str]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.mark.parametrize("tz", ZONES, indirect=True)
def test_local_wall_time_matches_the_iana_zone_every_half_hour_of_2026(tz: str) -> None:
    iana, local = ZoneInfo(tz), LocalZone()
    instant = datetime(2026, 1, 1, tzinfo=UTC)
    while instant.year == 2026:
        ours, theirs = instant.astimezone(local), instant.astimezone(iana)
        assert ours.replace(tzinfo=None) == theirs.replace(tzinfo=None), instant
        assert ours.utcoffset() == theirs.utcoffset(), instant
        assert ours.astimezone(UTC) == instant
        instant += timedelta(minutes=30)


@pytest.mark.parametrize("tz", ["Europe/Berlin", "America/New_York"], indirect=True)
def test_days_with_a_dst_change_start_at_local_midnight(tz: str) -> None:
    iana, local = ZoneInfo(tz), LocalZone()
    for day in (date(2026, 3, 8), date(2026, 3, 29), date(2026, 10, 25), date(2026, 11, 1)):
        assert day_start(day, local) == day_start(day, iana)
        assert local_date(day_start(day, local), local) == day
