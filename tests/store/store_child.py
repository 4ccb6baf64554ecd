"""A child process for the store tests: it writes through the real Service and Store.

Run as ``python store_child.py MODE DATA_DIR [ARGS]``. Every record is reported
on stdout only after the write that stored it has returned, as one line
written with a single ``os.write`` (atomic on a pipe), so a parent that kills
this process knows exactly which records were committed. A warning from the
store (the file was damaged) is reported as a ``warn ...`` line.

Modes:
  writer DIR TAG COUNT    COUNT writes: injuries (``injury ID``) and posture
                          breaks (``break TAG-N``), notes of random length so
                          the file keeps growing.
  racer DIR               reads ``start AT``/``stop``/``quit`` lines on stdin and
                          answers ``ok ID``, ``refused REASON``, ``stopped ID``
                          or ``stopped none``. ``start AT`` waits until the
                          system's monotonic clock reads AT, so that all the
                          racers start at the same moment.
  crash DIR SEED [LIMIT]  prints ``ready``, then writes a random mix forever
                          (injuries, breaks, session starts and stops, injury
                          removals) until killed. With LIMIT, the process may
                          not grow any file past its current size: the kernel
                          kills it (SIGXFSZ) at the first write that would,
                          which is in the middle of a commit.
  create DIR [LIMIT]      opens a fresh store in DIR/0, DIR/1, ... until killed
                          (``begin N`` / ``made N``). With LIMIT, no file may grow
                          past LIMIT bytes, so the first creation is killed.
  opener DIR COUNT        opens the store COUNT times and reads its status.
  recover DIR LIMIT       opens the store (whose file is damaged) while no file
                          may grow past LIMIT bytes: the kernel kills the
                          process while it copies the backup back.
  first DIR AT COUNT      waits until the monotonic clock reads AT, then opens
                          a store in COUNT fresh folders DIR/0/data, DIR/1/data...
                          (``error N MESSAGE`` for each that fails), as other
                          children do the same at the same moment.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from heattimer.core.model import BreakOutcome, Kind
from heattimer.platform.clock import FakeClock
from heattimer.service import Refused, Service
from heattimer.store import Store, StoreError

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def say(*words: str) -> None:
    """One line to the parent, in one write."""
    os.write(1, (" ".join(words).replace("\n", " ") + "\n").encode())


def open_service(data_dir: Path) -> Service:
    """The real service on the store in ``data_dir``, at a clock that stands still."""
    return Service(Store(data_dir, warn=lambda m: say("warn", m)), FakeClock(T0), UTC)


def limit_file_size(limit: int) -> None:
    """Let the kernel kill this process (SIGXFSZ) when it writes a file past ``limit`` bytes."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # Python ignores it by default
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))


def writer(data_dir: Path, tag: str, count: int) -> None:
    rng = random.Random(tag)
    service = open_service(data_dir)
    for n in range(count):
        if n % 2 == 0:
            injury = service.log_injury(note=f"{tag}-{n} " + "x" * rng.randint(0, 1500))
            say("injury", injury.id)
        else:
            service.record_break(BreakOutcome.DONE, exercise=f"{tag}-{n}")
            say("break", f"{tag}-{n}")
    say("done")


def racer(data_dir: Path) -> None:
    service = open_service(data_dir)
    say("ready")
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        try:
            if command == "start":
                at, _, hours = rest.partition(" ")
                # Each round hours after the last, as a person would: a start stopped at
                # once right after another would count, and the next meet a cool-down.
                assert isinstance(service.clock, FakeClock)
                service.clock.set(T0 + timedelta(hours=float(hours or 0)))
                time.sleep(max(0.0, float(at) - time.monotonic()))
                try:
                    say("ok", service.start().id)
                except Refused as refused:
                    say("refused", str(refused.decision.reason))
            elif command == "stop":
                stopped = service.stop()
                say("stopped", stopped.session.id if stopped else "none")
            else:
                return
        except StoreError as error:
            say("error", str(error))


def crash(data_dir: Path, seed: int, limit: bool) -> None:
    rng = random.Random(seed)
    service = open_service(data_dir)
    mine: list[str] = []
    # One write first, so the day's backup is made before any file-size limit.
    injury = service.log_injury(note=f"first of {seed}")
    say("injury", injury.id)
    service.stop()  # a session a killed run left running
    if limit:
        limit_file_size(service.store.path.stat().st_size)
    say("ready")
    for n in itertools.count():
        action = rng.choice(["injury", "injury", "break", "session", "remove"])
        if action == "injury":
            injury = service.log_injury(note=f"{seed}-{n} " + "x" * rng.randint(0, 3000))
            mine.append(injury.id)
            say("injury", injury.id)
        elif action == "break":
            service.record_break(BreakOutcome.SKIPPED, exercise=f"{seed}-{n}")
            say("break", f"{seed}-{n}")
        elif action == "session":
            session = service.start(Kind.COLD)  # injuries block heat; cold is offered
            say("session", session.id)
            service.stop()
            say("stopped", session.id)
        elif mine:
            removed = service.remove_injury(mine.pop(rng.randrange(len(mine))))
            say("removed", removed.id)


def create(data_dir: Path, limit: int | None) -> None:
    if limit is not None:
        limit_file_size(limit)
    for n in itertools.count():
        say("begin", str(n))
        Store(data_dir / str(n), warn=lambda m: say("warn", m))
        say("made", str(n))


def opener(data_dir: Path, count: int) -> None:
    for _ in range(count):
        store = Store(data_dir, warn=lambda m: say("warn", m))
        Service(store, FakeClock(T0), UTC).status()
        store.close()
    say("done")


def first(root: Path, at: float, count: int) -> None:
    time.sleep(max(0.0, at - time.monotonic()))
    for n in range(count):
        try:
            Store(root / str(n) / "data", warn=lambda m: say("warn", m)).close()
        except StoreError as error:
            say("error", str(n), str(error))
    say("done")


def main(argv: list[str]) -> None:
    mode, data_dir, *rest = argv
    folder = Path(data_dir)
    if mode == "writer":
        writer(folder, rest[0], int(rest[1]))
    elif mode == "racer":
        racer(folder)
    elif mode == "crash":
        crash(folder, int(rest[0]), limit=bool(rest[1:]))
    elif mode == "create":
        create(folder, int(rest[0]) if rest else None)
    elif mode == "first":
        first(folder, float(rest[0]), int(rest[1]))
    elif mode == "recover":
        limit_file_size(int(rest[0]))
        Store(folder, warn=lambda m: say("warn", m))
        say("done")
    elif mode == "opener":
        opener(folder, int(rest[0]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
