"""Where a record sits now, however the wall clock stepped (core/moment.py)."""

from __future__ import annotations

from datetime import timedelta

from heattimer.core.moment import Moment, Stamp, clock_step, real_elapsed

from .build import NOW, heat, injury, minutes, running


def at(wall_shift: timedelta, boot: str = "b", uptime: float = 1000.0) -> Moment:
    return Moment(NOW + wall_shift, Stamp(boot, uptime))


WRITTEN = Stamp("b", 400.0)  # written at NOW - 10 min, real time, in boot "b"
WALL = NOW - minutes(10)


def test_in_one_boot_real_time_is_what_the_real_time_clock_counted() -> None:
    assert real_elapsed(WALL, WRITTEN, at(timedelta(0))) == minutes(10)
    assert real_elapsed(WALL, WRITTEN, at(timedelta(hours=-1))) == minutes(10)  # stepped back
    assert real_elapsed(WALL, WRITTEN, at(timedelta(hours=5))) == minutes(10)  # stepped on


def test_a_step_is_how_far_the_wall_clock_moved_beyond_real_time() -> None:
    assert clock_step(WALL, WRITTEN, at(timedelta(0))) == timedelta(0)
    assert clock_step(WALL, WRITTEN, at(timedelta(hours=-1))) == timedelta(hours=-1)
    assert clock_step(WALL, WRITTEN, at(timedelta(seconds=5))) == timedelta(seconds=5)


def test_across_a_reboot_the_wall_clock_is_believed_but_never_younger_than_the_boot() -> None:
    rebooted = at(timedelta(hours=2), boot="c", uptime=120.0)
    assert real_elapsed(WALL, WRITTEN, rebooted) == timedelta(hours=2, minutes=10)
    back = at(timedelta(hours=-3), boot="c", uptime=120.0)  # a clock far behind after a reboot
    assert real_elapsed(WALL, WRITTEN, back) == timedelta(seconds=120)


def test_without_stamps_a_record_is_never_in_the_future() -> None:
    assert real_elapsed(WALL, None, at(timedelta(hours=-1))) == timedelta(0)
    assert real_elapsed(WALL, None, Moment(NOW)) == minutes(10)


def test_a_session_placed_after_a_step_back_still_runs_its_real_length() -> None:
    started = running(heat(WALL, 15))._replace(stamp=WRITTEN)
    now = at(timedelta(hours=-1))
    placed = started.placed_at(now)
    assert placed.running(now.wall)
    assert placed.remaining(now.wall) == minutes(5)


def test_a_stop_is_placed_by_its_own_stamp() -> None:
    # Started, the clock stepped back an hour, stopped 2 minutes later, then it stepped on.
    session = heat(WALL, 15)._replace(
        stamp=WRITTEN,
        ended_at=NOW - minutes(68),
        stopped=True,
        stop_stamp=Stamp("b", 520.0),
    )
    now = at(timedelta(hours=3))
    placed = session.placed_at(now)
    assert placed.ended_at - placed.started_at == minutes(2)
    assert placed.ended_at == now.wall - minutes(8)


def test_an_injury_logged_before_a_step_back_blocks_from_when_it_was_logged() -> None:
    hurt = injury(NOW - timedelta(seconds=5))._replace(stamp=Stamp("b", 995.0))
    now = at(timedelta(seconds=-5))
    placed = hurt.placed_at(now)
    assert placed.active(now.wall)
    assert placed.at == now.wall - timedelta(seconds=5)
