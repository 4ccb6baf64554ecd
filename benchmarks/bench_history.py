"""Does the History view open without a visible delay on ten years of daily use?

Ten years of history (3 heat sessions and 8 posture breaks a day, an injury every 90 days;
benchmarks/bench_status.py's fill). Measured: the read of the longest span's events from
the store, then what the view does with them until it is on screen (its days, bands and
totals, its widgets, the first paint of the chart at 760x560), and the switch to another
span (days, bands, totals and a paint). Target: each <= 16 ms, one frame at 60 Hz, from the
data read. Also shown: the view brought back to the front at a year, which reads again.
The floor, measured alternately in the same run: a bare QDialog with a label and a
button, built and painted at the same size: what any dialog costs.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_history.py [--runs 30] [--years 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from bench_status import fill
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QVBoxLayout

from heattimer.gui.dialogs.history import HistoryDialog, read_history
from heattimer.platform.clock import SystemClock
from heattimer.service import Service
from heattimer.store import Store

FRAME_MS = 16.0
ZONE = ZoneInfo("Europe/Berlin")


def ms(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1e3


def bare() -> None:
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Nothing recorded on this day."))
    layout.addWidget(QPushButton("Close"))
    dialog.resize(760, 560)
    dialog.grab()
    dialog.deleteLater()


def one_run(service: Service, qapp: QApplication) -> tuple[float, float, float, float, float]:
    """One read, one opening, one switch, one refresh, one floor, in ms."""
    events = []
    read = ms(lambda: events.append(read_history(service)))
    views: list[HistoryDialog] = []

    def build() -> None:
        view = HistoryDialog(lambda: events[0], ZONE, {"pelvic-tilt": "Pelvic tilts"})
        view.resize(760, 560)
        view.grab()
        views.append(view)

    opened = ms(build)
    view = views[0]
    switched = ms(lambda: (view.show_span(365), view.chart.grab()))
    view.read = lambda: read_history(service)
    refreshed = ms(lambda: (view.refresh(), view.chart.grab()))  # back in front: read again
    floor = ms(bare)
    view.deleteLater()
    qapp.processEvents()
    return read, opened, switched, refreshed, floor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    qapp = QApplication.instance() or QApplication([])
    assert isinstance(qapp, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "heattimer"
        sessions, breaks = fill(data, args.years, datetime.now(UTC))
        service = Service(Store(data), SystemClock(), ZONE)
        runs = [one_run(service, qapp) for _ in range(args.runs + 3)][3:]  # 3 to warm up
        service.store.close()
    reads, opens, switches, refreshes, floors = (list(f) for f in zip(*runs, strict=True))

    floor = statistics.median(floors)
    print(f"history: {args.years} years, {sessions} sessions, {breaks} breaks; {args.runs} runs")
    print(f"floor: a bare dialog built and painted:   median {floor:5.1f} ms")
    print(f"reading the last 365 days from the store: median {statistics.median(reads):5.1f} ms")
    worst = 0.0
    for name, figures in (("opening the view (30 days)", opens), ("switching to 365", switches)):
        median = statistics.median(figures)
        worst = max(worst, median)
        print(
            f"{name + ':':41} median {median:5.1f} ms, {median / floor:.2f}x the floor "
            f"(target <= {FRAME_MS:.0f} ms after the read)"
        )
    print(
        f"{'back in front at 365 days (read + draw):':41} median "
        f"{statistics.median(refreshes):5.1f} ms (once each time the view is brought back)"
    )
    return 0 if worst <= FRAME_MS else 1


if __name__ == "__main__":
    sys.exit(main())
