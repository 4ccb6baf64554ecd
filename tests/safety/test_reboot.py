"""Across a reboot the real-time clock starts again: the rules fall back to the wall clock,
and a record from before the boot is never taken for younger than the boot itself."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from heattimer.core.model import Kind, RedFlag
from heattimer.platform.clock import FakeClock
from heattimer.service import Refused, Service
from heattimer.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))


@pytest.fixture
def service(tmp_path: Path, clock: FakeClock) -> Iterator[Service]:
    store = Store(tmp_path / "data")
    yield Service(store, clock, BERLIN)
    store.close()


def test_a_session_running_at_a_reboot_that_set_the_clock_back_is_still_there(
    service: Service, clock: FakeClock
) -> None:
    service.start(Kind.HEAT, 20)
    clock.jump(timedelta(minutes=2))
    clock.reboot(wall_step=timedelta(hours=-1), off=timedelta(minutes=1))
    status = service.status()
    assert status.session is not None, "the session vanished across the reboot"
    # At least as old as this boot (30 s of uptime), whatever the clock says.
    assert status.session.remaining(status.now) <= timedelta(minutes=20, seconds=-30)
    with pytest.raises(Refused):
        service.start(Kind.HEAT)
    stopped = service.stop()
    assert stopped is not None and stopped.session.id == status.session.id


def test_an_injury_still_blocks_after_a_reboot_a_day_back(
    service: Service, clock: FakeClock
) -> None:
    service.log_injury(red_flags=[RedFlag.NUMBNESS])
    clock.reboot(wall_step=timedelta(days=-1))
    heat = service.status().heat
    assert not heat.allowed and heat.reason == "red_flag"


def test_after_a_reboot_with_a_right_clock_the_cool_down_counts_the_time_off(
    service: Service, clock: FakeClock
) -> None:
    service.start(Kind.HEAT, 15)
    clock.jump(timedelta(minutes=15))
    clock.reboot(off=timedelta(minutes=30))  # the clock was right all along
    heat = service.status().heat
    assert heat.reason == "cool_down"
    assert heat.available_at == datetime(2026, 11, 24, 10, 15, tzinfo=UTC)
