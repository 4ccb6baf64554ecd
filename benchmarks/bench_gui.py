"""The app against a bare PySide6 app, on the same real desktop, in one run.

- launch: from spawning the process to its window being visible, median of N (asked of
  the X server from this one process: benchmarks/xwait.py);
- memory: resident set (Rss from /proc/PID/smaps_rollup) after 10 s idle, and again
  after the idle phase below (the minute ticks have run by then: nothing was only put off),
  and with a posture break showing;
- idle wake-ups: with no session running, first with both windows shown, then with them
  hidden (ours in the tray), in how many quarter-seconds the app woke up at all (and its
  context switches), against the floor. Target: no more than the bare app plus one a
  minute (the minute tick), shown or hidden.

Targets: launch <= 1.25x, memory <= 1.2x, and no periodic wake-up faster than once a minute.

    python benchmarks/bench_gui.py [--runs 8]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xwait import WindowWatcher  # noqa: E402

from tests.e2e.desktop import Desktop, missing_programs, welcomed  # noqa: E402

BARE = [sys.executable, str(ROOT / "benchmarks" / "bare_app.py")]
APP = [str(Path(sys.executable).with_name("heattimer"))]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            return int(line.split()[1])
    raise RuntimeError("no Rss line")


def wakeups(pid: int) -> dict[str, tuple[str, int]]:
    """Voluntary context switches (sleeps that ended) of each live thread: id -> (name, n)."""
    counts = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
            for line in (task / "status").read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches:"):
                    counts[task.name] = (name, int(line.split()[1]))
        except OSError:
            continue
    return counts


def woke(before: dict[str, tuple[str, int]], after: dict[str, tuple[str, int]]) -> dict[str, int]:
    """Wake-ups between two readings, by thread name, for threads alive at both."""
    result: dict[str, int] = {}
    for tid, (name, count) in after.items():
        if tid in before:
            result[name] = result.get(name, 0) + count - before[tid][1]
    return result


def awake_moments(pids: list[int], seconds: float, step: float = 0.25) -> list[int]:
    """For each process, how many separate times it woke up in ``seconds``: activity seen in
    ``step``-long slices, where activity within 2 s of the last counts as the same wake-up
    (one timer firing may take a D-Bus round trip and a database read)."""
    counts = [0] * len(pids)
    last = [sum(n for _, n in wakeups(pid).values()) for pid in pids]
    last_active = [-10.0] * len(pids)
    start = time.monotonic()
    while (now := time.monotonic()) - start < seconds:
        time.sleep(step)
        for index, pid in enumerate(pids):
            total = sum(n for _, n in wakeups(pid).values())
            if total > last[index]:
                if now - last_active[index] > 2.0:
                    counts[index] += 1
                last_active[index] = now
            last[index] = total
    return counts


def launch(
    desktop: Desktop, watcher: WindowWatcher, argv: list[str], title: str, env: dict[str, str]
) -> tuple[subprocess.Popen[bytes], float]:
    # As installed by pip: byte-compiled (this machine sets PYTHONDONTWRITEBYTECODE).
    environment = {
        k: v for k, v in {**desktop.env, **env}.items() if k != "PYTHONDONTWRITEBYTECODE"
    }
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    watcher.wait(title, 30)
    return proc, time.perf_counter() - start


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    proc.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--idle-seconds", type=int, default=130)
    args = parser.parse_args()
    if missing_programs("sni"):
        print(f"needs: {', '.join(missing_programs('sni'))}")
        return 2
    with Desktop("sni") as desktop, tempfile.TemporaryDirectory() as folder:
        watcher = WindowWatcher(desktop.env["DISPLAY"])
        # (welcomed: the app's everyday start, its window alone, not the first run's)
        env = {"HEATTIMER_DATA_DIR": str(welcomed(Path(folder) / "data"))}
        ours, base = [], []
        for _ in range(2):  # warm the page cache
            stop(launch(desktop, watcher, BARE, "Bare PySide6 app", {})[0])
            stop(launch(desktop, watcher, APP, "Heat Timer", env)[0])
        for _ in range(args.runs):
            proc, seconds = launch(desktop, watcher, BARE, "Bare PySide6 app", {})
            base.append(seconds)
            stop(proc)
            proc, seconds = launch(desktop, watcher, APP, "Heat Timer", env)
            ours.append(seconds)
            stop(proc)
        watcher.close()

        bare, _ = launch(
            desktop, WindowWatcher(desktop.env["DISPLAY"]), BARE, "Bare PySide6 app", {}
        )
        app, _ = launch(desktop, WindowWatcher(desktop.env["DISPLAY"]), APP, "Heat Timer", env)
        time.sleep(10)
        bare_rss, app_rss = rss_kib(bare.pid), rss_kib(app.pid)
        shown_moments = awake_moments([bare.pid, app.pid], args.idle_seconds)

        # Close both windows as a person would (Alt+F4: the window manager asks politely);
        # ours hides into the tray. Then count wake-ups while idle.
        for title in ("Bare PySide6 app", "Heat Timer"):
            wid = desktop.run("xdotool", "search", "--onlyvisible", "--name", title).stdout.split()
            desktop.run("xdotool", "windowactivate", "--sync", wid[0])
            desktop.run("xdotool", "key", "alt+F4")
        time.sleep(5)
        before = wakeups(bare.pid), wakeups(app.pid)
        moments = awake_moments([bare.pid, app.pid], args.idle_seconds)
        after = wakeups(bare.pid), wakeups(app.pid)
        later_rss = rss_kib(bare.pid), rss_kib(app.pid)  # after minute ticks, window hidden
        still_visible = desktop.run("xdotool", "search", "--onlyvisible", "--name", "Heat Timer")
        # A posture break (the popup stays up for 2 minutes): the memory it adds.
        desktop.run(*APP, "break", "now", **env)
        time.sleep(5)
        break_rss = rss_kib(app.pid)
        stop(bare)
        stop(app)

    launch_ratio = statistics.median(ours) / statistics.median(base)
    rss_ratio = app_rss / bare_rss
    bare_threads, app_threads = woke(before[0], after[0]), woke(before[1], after[1])
    bare_wakes, app_wakes = sum(bare_threads.values()), sum(app_threads.values())
    per_minute = moments[1] / (args.idle_seconds / 60)
    print(
        f"launch to window shown: bare {statistics.median(base) * 1e3:.0f} ms, "
        f"Heat Timer {statistics.median(ours) * 1e3:.0f} ms: {launch_ratio:.2f}x (target <= 1.25x)"
    )
    print(
        f"resident memory after 10 s idle: bare {bare_rss / 1024:.1f} MiB, "
        f"Heat Timer {app_rss / 1024:.1f} MiB: {rss_ratio:.2f}x (target <= 1.2x)"
    )
    print(
        f"idle, window shown, {args.idle_seconds} s: woke {shown_moments[1]} times "
        f"(bare app {shown_moments[0]})"
    )
    print(
        f"resident memory {args.idle_seconds + 15} s later, window hidden: bare "
        f"{later_rss[0] / 1024:.1f} MiB, Heat Timer {later_rss[1] / 1024:.1f} MiB: "
        f"{later_rss[1] / later_rss[0]:.2f}x"
    )
    print(
        f"resident memory with a posture break showing: Heat Timer {break_rss / 1024:.1f} MiB: "
        f"{break_rss / later_rss[0]:.2f}x the bare app"
    )
    print(
        f"idle, window hidden, {args.idle_seconds} s: woke {moments[1]} times "
        f"({per_minute:.1f} a minute; bare app {moments[0]}); context switches "
        f"{app_wakes} (bare {bare_wakes}) by thread {app_threads}"
        + ("; window still visible!" if still_visible.stdout.strip() else "")
    )
    minutes = args.idle_seconds / 60
    quiet = all(m[1] <= m[0] + minutes + 1 for m in (moments, shown_moments))
    ok = launch_ratio <= 1.25 and rss_ratio <= 1.2 and quiet
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
