"""Real time beside the wall clock: where each record sits now, however the clock stepped.

The computer's clock (the wall clock) can step back or forward: an NTP correction, a
manual change, a virtual machine restored from a snapshot. A record written at 10:00
must not turn into one "in the future" when the clock then reads 09:00, and a session
must not run an hour longer, or a cool-down end an hour early, because of it.

So every record is written with a *stamp*: the boot it was written in and the seconds
since that boot, on a clock that counts suspend and never steps (CLOCK_BOOTTIME on Linux;
heattimer/platform/clock.py). From a stamp and the moment now, the real time that has passed since
the record was written is known exactly within one boot; across a reboot it is the wall
clock's word, but never less than this boot's own uptime (the record is older than the
boot). A record is then *placed* on the wall clock as it reads now: moved by however far
the clock stepped since it was written. Every rule runs on placed records, so a step
moves nothing relative to now: the session you are in, its end, the cool-down, the 48 h
after an injury stay where they were in real time; only the calendar around them moves.
"""

from datetime import datetime, timedelta
from typing import NamedTuple


class Stamp(NamedTuple):
    """Where on the real-time clock a record was written."""

    boot: str
    """The boot it was written in (its id; "" when the system cannot tell one boot from the
    next, which makes every stamp count as another boot's)."""
    uptime: float
    """Seconds since that boot began, time asleep included."""


class Moment(NamedTuple):
    """The wall clock and the real-time clock, read together."""

    wall: datetime
    """The computer's clock, UTC."""
    stamp: Stamp | None = None
    """The real-time clock; None where there is none (the wall clock alone then)."""


def real_elapsed(wall: datetime, stamp: Stamp | None, now: Moment) -> timedelta:
    """The real time since a record was written at ``wall`` (with ``stamp``), never negative.

    In the same boot: the real-time clock's difference, whatever the wall clock did.
    In another boot: the wall clock's difference, but at least this boot's uptime.
    Without a stamp (a record from before stamps, or a system without the clock): the
    wall clock's difference, and never less than zero."""
    by_wall = now.wall - wall
    if stamp is None or now.stamp is None:
        return max(by_wall, timedelta(0))
    if stamp.boot and stamp.boot == now.stamp.boot:
        return timedelta(seconds=max(0.0, now.stamp.uptime - stamp.uptime))
    return max(by_wall, timedelta(seconds=now.stamp.uptime))


def clock_step(wall: datetime, stamp: Stamp | None, now: Moment) -> timedelta:
    """How far the wall clock stepped forward (negative: back) since ``wall``, to the whole
    second: add it to any instant written then to place that instant on the clock as it
    reads now. (To the second, because the two clocks are read a few milliseconds apart and
    /proc/uptime counts hundredths: without it, midnight would be placed at 23:59:59.99.)"""
    step = (now.wall - wall) - real_elapsed(wall, stamp, now)
    return timedelta(seconds=round(step.total_seconds()))


def placed(instant: datetime | None, step: timedelta) -> datetime | None:
    """``instant`` moved by ``step`` (None stays None)."""
    return None if instant is None else instant + step
