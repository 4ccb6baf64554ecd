"""The clock, as an object passed in: the system's, or a fake that tests move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from heattimer.core.record import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Protocol

    class Clock(Protocol):
        """Anything that tells the current instant."""

        def now(self) -> datetime:
            """The current instant, UTC, to the millisecond."""
            ...

else:
    Clock = object  # only annotations name it; `typing` stays unloaded for `heattimer status`


class SystemClock:
    """The computer's clock."""

    def now(self) -> datetime:
        """The current instant, UTC, to the millisecond (as the state file keeps it)."""
        now = datetime.now(UTC)
        return now.replace(microsecond=now.microsecond // 1000 * 1000)


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        """The instant the test set."""
        return self._now

    def jump(self, delta: timedelta | float) -> None:
        """Move the clock forward (seconds, or a timedelta)."""
        self._now += delta if isinstance(delta, timedelta) else timedelta(seconds=delta)

    def set(self, instant: datetime) -> None:
        """Put the clock at ``instant``."""
        self._now = instant.astimezone(UTC)
