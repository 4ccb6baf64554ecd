"""A clock the test moves (after trio's MockClock): the simulated plugs read the time from it
and schedule their off timers on it, so a 900-second timer runs out when the test says
`advance(900)`, not after fifteen minutes.

Rules: `now()` only moves in `advance`; due timers fire in order of their due time (ties in the
order they were scheduled), each with `now()` at its own due time; a timer scheduled by a
callback during `advance` fires in the same `advance` if it falls due before its end. Callbacks
run without the clock's lock held, so they may schedule or cancel timers, and HTTP handler
threads may read the clock while the test advances it.
"""

from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

# 2023-11-14T22:13:20Z: a plausible device time, so JSON timestamps look like real ones.
DEFAULT_START = 1_700_000_000.0


@dataclass(order=True)
class Timer:
    """One scheduled call; `SimClock.cancel` (or `cancel()`) keeps it from firing."""

    when: float
    seq: int
    callback: Callable[[], object] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def cancel(self) -> None:
        """Keep this timer from firing (no effect once it has fired)."""
        self.cancelled = True


class SimClock:
    """Seconds since the epoch, moved only by `advance`; thread-safe."""

    def __init__(self, start: float = DEFAULT_START) -> None:
        self._now = start
        self._timers: list[Timer] = []
        self._seq = itertools.count()
        self._lock = threading.Lock()
        self._advancing = threading.Lock()  # one advance at a time, so timers keep their order

    def now(self) -> float:
        """The simulated time in seconds since the epoch."""
        with self._lock:
            return self._now

    def call_later(self, delay: float, callback: Callable[[], object]) -> Timer:
        """Run `callback` once `delay` seconds have been advanced past now."""
        with self._lock:
            timer = Timer(self._now + max(0.0, delay), next(self._seq), callback)
            heapq.heappush(self._timers, timer)
            return timer

    def pending(self) -> list[float]:
        """The due times of the timers not yet fired nor cancelled, soonest first."""
        with self._lock:
            return sorted(t.when for t in self._timers if not t.cancelled)

    def advance(self, seconds: float) -> None:
        """Move the time forward by `seconds`, firing every timer that falls due on the way."""
        if seconds < 0:
            raise ValueError(f"a clock does not go back: advance({seconds})")
        with self._advancing:
            with self._lock:
                target = self._now + seconds
            while True:
                with self._lock:
                    if not self._timers or self._timers[0].when > target:
                        self._now = target
                        return
                    timer = heapq.heappop(self._timers)
                    self._now = max(self._now, timer.when)
                if not timer.cancelled:
                    timer.cancelled = True  # fired: a late cancel() is a no-op
                    timer.callback()
