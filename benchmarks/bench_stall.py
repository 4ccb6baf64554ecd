"""Does the app's first write of the day stall its GUI thread? Ten years of history.

The app's thread ticks and writes (a status every tick, a break answered, a session
started). On the first write of a day the store checks the file and makes the day's
backup. This measures, on the thread that would be the GUI's:
- the floor: a write on a day whose backup is made;
- the first write of a day as the app's store makes it (``back_up_aside``: the write
  begins the day's backup on a thread of its own and goes on), and the longest single call
  (a status or a write) the thread made while that backup ran: the stall a person could see;
- for comparison, the first write of a day with the backup made on the calling thread
  (what the command line does, and the app did before).
Target: no call on the GUI's thread over 16 ms (one frame).

    python benchmarks/bench_stall.py [--years 10] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench_status import fill

from heattimer.core.model import BreakOutcome
from heattimer.service import Service
from heattimer.store import BACKUP_DIR, Store

FRAME_MS = 16.0


def timed(call: object) -> float:
    start = time.perf_counter()
    call()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1e3


def new_day(store: Store, data: Path) -> None:
    """As if the day had just turned: no backup for it yet."""
    for backup in (data / BACKUP_DIR).glob("heattimer-*.sqlite3"):
        backup.unlink()
    store._backup_day = store._aside_tried = None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "heattimer"
        fill(data, args.years, datetime.now(UTC))
        store = Store(data, back_up_aside=True)  # as the app opens it
        service = Service(store)

        def write() -> None:
            service.record_break(BreakOutcome.DONE, "pelvic-tilt")

        write()  # today's backup made (beside it): then the floor
        while store.backing_up:
            time.sleep(0.01)
        floor = statistics.median(timed(write) for _ in range(20))

        inline = []
        store.back_up_aside = False  # for comparison: as the command line does it
        for _ in range(args.rounds):
            new_day(store, data)
            inline.append(timed(write))
        store.back_up_aside = True

        longest, firsts = [], []
        for _ in range(args.rounds):
            new_day(store, data)
            firsts.append(timed(write))  # begins the day's backup beside it
            calls = []
            last_write = time.perf_counter()
            while store.backing_up:  # the GUI's thread goes on: ticks, and now and then a write
                calls.append(timed(service.status))
                if time.perf_counter() - last_write > 0.1:
                    calls.append(timed(write))
                    last_write = time.perf_counter()
            longest.append(max(calls, default=0.0))
        store.close()

    worst = max(max(firsts), max(longest))
    print(f"history: {args.years} years; {args.rounds} new days each way")
    print(f"floor: a write on a day already backed up: median {floor:.1f} ms")
    inline_ms = statistics.median(inline)
    print(
        f"first write of a day, backup on the calling thread: median {inline_ms:.1f} ms"
        f" ({inline_ms / floor:.1f}x the floor)"
    )
    print(
        f"first write of a day, backup in the app's thread: median "
        f"{statistics.median(firsts):.1f} ms ({statistics.median(firsts) / floor:.1f}x)"
    )
    print(f"longest call on the GUI's thread while it ran: {max(longest):.1f} ms")
    print(f"worst: {worst:.1f} ms (target <= {FRAME_MS:.0f} ms, one frame)")
    return 0 if worst <= FRAME_MS else 1


if __name__ == "__main__":
    sys.exit(main())
