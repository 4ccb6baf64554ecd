"""The clock, as an object passed in: the system's, or a fake that tests move by hand.

A clock tells two things (core/moment.py): the wall clock, which people read and which
can step, and a real-time clock that counts time asleep and never steps, with the boot it
belongs to. Where the system keeps them:
- Linux: CLOCK_BOOTTIME as the kernel reports it in /proc/uptime, and the boot's id in
  /proc/sys/kernel/random/boot_id. Read from /proc, not through clock_gettime(), so that
  a library preloaded to fake the time (libfaketime) fakes the wall clock only, as a real
  clock step would.
- macOS: CLOCK_MONOTONIC, which there goes on counting while the Mac sleeps, and the boot
  session's UUID (sysctl kern.bootsessionuuid).
- Windows: GetTickCount64 (milliseconds since boot, sleep included) and the boot counter
  Windows keeps in the registry (PrefetchParameters\\BootId).
- Elsewhere, or if any of it cannot be read: none, and the rules fall back to the wall
  clock alone.
The macOS and Windows readings are written from their documentation and not yet run there.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from heattimer.core.moment import Moment, Stamp

if TYPE_CHECKING:
    from heattimer.platform.ports import Clock


def _wall() -> datetime:
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class SystemClock:
    """The computer's clock."""

    def __init__(self) -> None:
        self._boot: str | None = None

    def now(self) -> datetime:
        """The current instant, UTC, to the millisecond (as the state file keeps it)."""
        return _wall()

    def moment(self) -> Moment:
        """The wall clock and the real-time clock (None where the system has none)."""
        if self._boot is None:
            self._boot = boot_id()
        uptime = uptime_seconds() if self._boot else None
        stamp = Stamp(self._boot, uptime) if uptime is not None else None
        return Moment(_wall(), stamp)


def boot_id() -> str:
    """An id of this boot of the computer ("" where it cannot be read)."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/sys/kernel/random/boot_id") as file:
                return file.read().strip()
        if sys.platform == "darwin":
            return _sysctl_text(b"kern.bootsessionuuid")
        if sys.platform == "win32":
            import winreg

            key = winreg.OpenKey(
                winreg.HKEY_LOCAL_MACHINE,
                r"SYSTEM\CurrentControlSet\Control\Session Manager\Memory Management"
                r"\PrefetchParameters",
            )
            with key:
                return f"windows-{winreg.QueryValueEx(key, 'BootId')[0]}"
    except (OSError, ValueError, ImportError):
        pass
    return ""


def uptime_seconds() -> float | None:
    """Seconds since this boot, time asleep included (None where it cannot be read)."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/uptime", "rb") as file:
                return float(file.read().split()[0])
        if sys.platform == "darwin":
            return time.clock_gettime(time.CLOCK_MONOTONIC)
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
            kernel32.GetTickCount64.restype = ctypes.c_uint64
            return float(kernel32.GetTickCount64()) / 1000
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    return None


def _sysctl_text(name: bytes) -> str:
    import ctypes
    import ctypes.util

    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    size = ctypes.c_size_t(0)
    if libc.sysctlbyname(name, None, ctypes.byref(size), None, 0) != 0:
        return ""
    buffer = ctypes.create_string_buffer(size.value)
    if libc.sysctlbyname(name, buffer, ctypes.byref(size), None, 0) != 0:
        return ""
    return buffer.value.decode()


class OffsetClock:
    """For end-to-end tests only: the system clock plus seconds read from a file the test
    writes; the test moves time forward, so both the wall and the real-time clock move."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._system = SystemClock()

    def _offset(self) -> timedelta:
        try:
            return timedelta(seconds=float(self.path.read_text().strip() or 0))
        except (OSError, ValueError):
            return timedelta(0)

    def now(self) -> datetime:
        """The system time, moved on by the file's number of seconds."""
        return self._system.now() + self._offset()

    def moment(self) -> Moment:
        """Both clocks, moved on by the file's number of seconds."""
        offset = self._offset()
        real = self._system.moment()
        stamp = real.stamp
        if stamp is not None:
            stamp = stamp._replace(uptime=stamp.uptime + offset.total_seconds())
        return Moment(real.wall + offset, stamp)


TEST_CLOCK_ENV = "HEATTIMER_TEST_CLOCK_FILE"


def system_clock() -> Clock:
    """The computer's clock; for end-to-end tests, moved on by the seconds in the file that
    $HEATTIMER_TEST_CLOCK_FILE names (the app and the command line alike)."""
    test_clock = os.environ.get(TEST_CLOCK_ENV)
    return OffsetClock(Path(test_clock)) if test_clock else SystemClock()


class FakeClock:
    """A clock that stands still until a test moves it: real time passing (``jump``, and
    ``suspend``, which the real-time clock counts too), the wall clock alone stepping
    (``step``), and a reboot."""

    def __init__(self, start: datetime | None = None, boot: str = "boot-1") -> None:
        self._now = start or datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
        self.boot = boot
        self.uptime = 600.0  # ten minutes after the computer started

    def now(self) -> datetime:
        """The instant the test set."""
        return self._now

    def moment(self) -> Moment:
        """The wall clock and the real-time clock as the test moved them."""
        return Moment(self._now, Stamp(self.boot, self.uptime))

    def jump(self, delta: timedelta | float) -> None:
        """Let time pass: both clocks move forward (seconds, or a timedelta)."""
        delta = delta if isinstance(delta, timedelta) else timedelta(seconds=delta)
        self._now += delta
        self.uptime += delta.total_seconds()

    suspend = jump  # the real-time clock counts time asleep: to the rules, time passed

    def step(self, delta: timedelta | float) -> None:
        """The wall clock alone steps (an NTP correction, a manual change): no time passes."""
        self._now += delta if isinstance(delta, timedelta) else timedelta(seconds=delta)

    def set(self, instant: datetime) -> None:
        """Put the wall clock at ``instant`` as time passes to get there (forward: a jump;
        back: a step, since time never runs backwards)."""
        instant = instant.astimezone(UTC)
        if instant >= self._now:
            self.jump(instant - self._now)
        else:
            self.step(instant - self._now)

    def reboot(self, wall_step: timedelta = timedelta(0), off: timedelta = timedelta(0)) -> None:
        """The computer restarts after ``off`` switched off (its wall clock then stepped by
        ``wall_step``): a new boot, whose real-time clock starts again from near zero."""
        self._now += off + wall_step
        self.boot = f"{self.boot}+"
        self.uptime = 30.0


__all__ = ["FakeClock", "OffsetClock", "SystemClock", "system_clock"]
