"""The simulated clock the plugs' off timers run on."""

import threading

import pytest

from tests.plugs.clock import SimClock


def test_timers_fire_in_due_order_each_at_its_own_time() -> None:
    clock = SimClock(start=1000.0)
    fired: list[tuple[str, float]] = []
    clock.call_later(900, lambda: fired.append(("off", clock.now())))
    clock.call_later(300, lambda: fired.append(("tele", clock.now())))

    clock.advance(899)
    assert fired == [("tele", 1300.0)]
    clock.advance(1)
    assert fired == [("tele", 1300.0), ("off", 1900.0)]
    assert clock.now() == 1900.0


def test_a_timer_scheduled_by_a_callback_fires_within_the_same_advance() -> None:
    clock = SimClock(start=0.0)
    ticks: list[float] = []

    def tick() -> None:
        ticks.append(clock.now())
        clock.call_later(300, tick)

    clock.call_later(300, tick)
    clock.advance(1000)
    assert ticks == [300.0, 600.0, 900.0]
    assert clock.pending() == [1200.0]


def test_a_cancelled_timer_never_fires() -> None:
    clock = SimClock()
    fired = []
    timer = clock.call_later(10, lambda: fired.append(True))
    timer.cancel()
    clock.advance(60)
    assert fired == []
    assert clock.pending() == []


def test_the_clock_does_not_go_back() -> None:
    with pytest.raises(ValueError, match="does not go back"):
        SimClock().advance(-1)


def test_threads_may_schedule_while_the_test_advances() -> None:
    clock = SimClock(start=0.0)
    fired = []
    lock = threading.Lock()

    def schedule() -> None:
        for _ in range(200):
            clock.call_later(5, lambda: (lock.acquire(), fired.append(1), lock.release()))

    threads = [threading.Thread(target=schedule) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    clock.advance(10)
    assert len(fired) == 800
