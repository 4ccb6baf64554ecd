"""How fast are `heattimer status --json` and `heattimer history` on ten years of history?

The floor is `python -c "import platformdirs, sqlite3"`: what any Python
program that opens the state file pays before doing anything. Both are run
alternately in the same process tree, many times, and the ratio of medians is
printed. Target: <= 1.5x. Then the whole history as CSV (ten years, every session)
against `status --json`, alternately too. Target: <= 3x.

With ``--parts``, where status's time goes: the floor, the floor with the standard modules
status imports beyond it (typing, enum, argparse and gettext, json, datetime, fcntl), with
Heat Timer's modules too (imported, not run), and the whole command, alternately.

    python benchmarks/bench_status.py [--runs 40] [--years 10] [--parts]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from heattimer.core.model import BreakOutcome, BreakRecord, Injury, Kind, Session
from heattimer.store import Store
from heattimer.store.tables import Tables, new_id

TARGET = 1.5
HISTORY_TARGET = 3.0


def fill(data: Path, years: int, now: datetime) -> tuple[int, int]:
    """Write ``years`` of history: 3 heat sessions and 8 posture breaks a day."""
    store = Store(data)
    days = 365 * years
    sessions = breaks = 0

    def body(t: Tables) -> None:
        nonlocal sessions, breaks
        for day in range(days, 0, -1):
            base = (now - timedelta(days=day)).replace(hour=7, minute=0, second=0, microsecond=0)
            for hour in (0, 5, 11):
                start = base + timedelta(hours=hour)
                end = start + timedelta(minutes=15)
                t.add_session(
                    Session(new_id(), Kind.HEAT, start, end, ended_at=end, confirmed_off_at=end)
                )
                sessions += 1
            for hour in range(8):
                at = base + timedelta(hours=1 + hour, minutes=30)
                t.add_break(BreakRecord(new_id(), at, BreakOutcome.DONE, "pelvic-tilt"))
                breaks += 1
            if day % 90 == 0:
                t.add_injury(Injury(new_id(), base, logged_at=base))

    store.write(body)
    store.close()
    return sessions, breaks


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


STANDARD = "typing, enum, argparse, gettext, json, datetime, fcntl"
"""The standard modules `status --json` imports that the floor does not."""


def parts(floor: list[str], status: list[str], env: dict[str, str], runs: int) -> int:
    """The floor, then the standard modules status needs, then Heat Timer's modules (imported
    only), then the command: each step's median, alternately, and what it adds."""
    base = floor[-1]
    steps = {
        "floor": floor,
        f"+ {STANDARD}": [*floor[:-1], f"{base}, {STANDARD}"],
        "+ Heat Timer's modules": [*floor[:-1], f"{base}, heattimer.cli.commands"],
        "status --json": status,
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(runs):
        for name, argv in steps.items():
            times[name].append(timed(argv, env))
    medians = {name: statistics.median(t) for name, t in times.items()}
    previous = medians["floor"]
    for name, median in medians.items():
        print(
            f"{name:60} {median * 1e3:5.1f} ms  +{(median - previous) * 1e3:4.1f} ms"
            f"  {median / medians['floor']:.2f}x the floor"
        )
        previous = median
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--parts", action="store_true", help="where status's time goes")
    args = parser.parse_args()

    script = Path(sys.executable).with_name("heattimer")
    with tempfile.TemporaryDirectory() as folder:
        # The data folder where a user's is: platformdirs' default, under XDG_DATA_HOME.
        data = Path(folder) / "heattimer"
        sessions, breaks = fill(data, args.years, datetime.now(UTC))
        size = (data / "heattimer.sqlite3").stat().st_size
        # As installed by pip: byte-compiled (this machine sets PYTHONDONTWRITEBYTECODE).
        skip = ("PYTHONDONTWRITEBYTECODE", "HEATTIMER_DATA_DIR")
        env = {k: v for k, v in os.environ.items() if k not in skip}
        env["XDG_DATA_HOME"] = folder
        status = [str(script), "status", "--json"]
        floor = [sys.executable, "-c", "import platformdirs, sqlite3"]
        for _ in range(3):  # warm the page cache and the .pyc files
            timed(status, env)
            timed(floor, env)
        if args.parts:
            return parts(floor, status, env, args.runs)
        ours, base = [], []
        for _ in range(args.runs):
            ours.append(timed(status, env))
            base.append(timed(floor, env))
        history = [str(script), "history", "--days", str(365 * args.years), "--format", "csv"]
        timed(history, env)
        whole, quick = [], []
        for _ in range(max(10, args.runs // 3)):
            whole.append(timed(history, env))
            quick.append(timed(status, env))

    ratio = statistics.median(ours) / statistics.median(base)
    best = min(ours) / min(base)
    print(f"history: {args.years} years, {sessions} sessions, {breaks} breaks, {size / 1e6:.1f} MB")
    floor_ms, ours_ms = statistics.median(base) * 1e3, statistics.median(ours) * 1e3
    print(f"floor  python -c 'import platformdirs, sqlite3': median {floor_ms:.1f} ms")
    print(f"heattimer status --json:                        median {ours_ms:.1f} ms")
    print(f"ratio of medians: {ratio:.2f}x (target <= {TARGET}x) over {args.runs} alternating runs")
    print(f"ratio of fastest runs: {best:.2f}x (less sensitive to a busy machine)")
    history_ratio = statistics.median(whole) / statistics.median(quick)
    print(
        f"heattimer history --format csv, all {sessions} sessions: median "
        f"{statistics.median(whole) * 1e3:.1f} ms, {history_ratio:.2f}x status --json "
        f"(target <= {HISTORY_TARGET}x)"
    )
    return 0 if ratio <= TARGET and history_ratio <= HISTORY_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
