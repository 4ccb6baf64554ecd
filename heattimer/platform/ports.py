"""The seams where the machine differs: each a small Protocol, with a real default and a fake.

- ``Clock``: the wall clock and the real-time clock (heattimer/platform/clock.py: SystemClock,
  FakeClock);
- ``IdleMonitor``: seconds since the last keyboard or mouse input (heattimer/platform/idle.py);
- ``FullScreenProbe``: is a full-screen window up (heattimer/platform/x11.py);
- ``Autostart``: start at login, on or off (heattimer/platform/autostart.py: one per
  platform);
- ``Notifier`` and ``Sound``: how the app tells the person (heattimer/gui/desktop/notify.py,
  heattimer/gui/desktop/sound.py; the tests' fakes in tests/gui/conftest.py).
No Qt here: the CLI and core name these too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from heattimer.core.heatswitch import HeatSwitch as HeatSwitch  # (the plug: core decides with it)
from heattimer.core.moment import Moment


class Clock(Protocol):
    """Anything that tells the current instant."""

    def now(self) -> datetime:
        """The current instant on the wall clock, UTC, to the millisecond."""
        ...

    def moment(self) -> Moment:
        """The wall clock and the real-time clock, read together."""
        ...


class IdleMonitor(Protocol):
    """Anything that tells the seconds since the last keyboard or mouse input."""

    @property
    def name(self) -> str:
        """A short human name of the source, for settings ("none" when there is none)."""
        ...

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, or None when it cannot tell right now."""
        ...


class FullScreenProbe(Protocol):
    """Is a full-screen window in front (True/False), or None when the desktop cannot say."""

    def __call__(self) -> bool | None: ...


class Autostart(Protocol):
    """Start the app at login: on or off, as the platform has it."""

    def enabled(self) -> bool:
        """True if the platform will start the app at the next login."""
        ...

    def enable(self, argv: list[str]) -> None:
        """Start ``argv`` at login from now on."""
        ...

    def disable(self) -> None:
        """Start nothing at login (already off: no error)."""
        ...


class Notifier(Protocol):
    """Desktop notifications, one per tag (a repeat replaces the one before)."""

    def notify(
        self,
        tag: str,
        title: str,
        body: str,
        urgent: bool = False,
        actions: tuple[tuple[str, str], ...] = (),
        image: str = "",
    ) -> None:
        """Show a notification, with buttons (each: its key and label) and a picture."""
        ...

    def close(self, tag: str) -> None:
        """Take the notification of ``tag`` down."""
        ...


class Sound(Protocol):
    """The chime."""

    def play(self) -> None:
        """Play it once."""
        ...
