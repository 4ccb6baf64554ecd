"""The History view (gui/dialogs/history.py): the bars it draws for a seeded history, a day
picked by a click or the arrow keys lists its events, the spans, and the export, which is
exactly what `heattimer history --all` prints."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage

from heattimer.cli import main
from heattimer.core import export
from heattimer.core.model import Area, BreakOutcome, BreakRecord, Injury, Kind, Session
from heattimer.gui.dialogs.history import Events, HistoryDialog
from heattimer.gui.widgets.history_chart import COLD, HEAT, HistoryChart
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from heattimer.store.tables import Tables, new_id
from tests.gui.conftest import BERLIN, make_app

pytestmark = pytest.mark.usefixtures("qtbot")


def at(days_ago: int, hour: int, minute: int = 0, *, now: datetime) -> datetime:
    """A local Berlin time ``days_ago`` days before ``now``'s day."""
    local = now.astimezone(BERLIN) - timedelta(days=days_ago)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def seed(service: Service, now: datetime) -> dict[str, object]:
    """Three days ago: two heat sessions and a cold one, two breaks done and one missed;
    five days ago: three heat sessions (the cap); twelve days ago: an injury; forty days
    ago: a heat session (outside 30 days)."""
    ids: dict[str, object] = {}

    def body(t: Tables) -> None:
        for name, start, kind in (
            ("heat1", at(3, 8, now=now), Kind.HEAT),
            ("heat2", at(3, 13, now=now), Kind.HEAT),
            ("cold", at(3, 17, 30, now=now), Kind.COLD),
            ("old", at(40, 9, now=now), Kind.HEAT),
            *((f"cap{n}", at(5, 8 + 3 * n, now=now), Kind.HEAT) for n in range(3)),
        ):
            end = start + timedelta(minutes=15)
            session = Session(new_id(), kind, start, end, ended_at=end, confirmed_off_at=end)
            t.add_session(session)
            ids[name] = session.id
        for minute, outcome in ((10, BreakOutcome.DONE), (40, BreakOutcome.DONE)):
            t.add_break(BreakRecord(new_id(), at(3, 10, minute, now=now), outcome, "pelvic-tilt"))
        t.add_break(BreakRecord(new_id(), at(3, 15, now=now), BreakOutcome.MISSED, "bird-dog"))
        injury = Injury(new_id(), at(12, 19, now=now), Area.SHOULDER, logged_at=now)
        t.add_injury(injury)
        ids["injury"] = injury.id

    service.store.write(body)
    return ids


@pytest.fixture
def view(service, clock, notifier, sound):  # type: ignore[no-untyped-def]
    seed(service, clock.now())
    app = make_app(service, clock, notifier, sound)
    app.start()
    app.show_history()
    view = app.history_view
    assert isinstance(view, HistoryDialog)
    view.resize(760, 560)
    yield view
    view.close()
    app.quit()


def painted(image: QImage, x: int, colour: QColor) -> list[int]:
    """The rows of column ``x`` painted in ``colour``."""
    return [y for y in range(image.height()) if image.pixelColor(x, y).rgb() == colour.rgb()]


def quarters(chart: HistoryChart, index: int) -> tuple[int, int]:
    """x in the left and in the right half of a day's column."""
    left, right = chart.column(index)
    return int(left + (right - left) / 4), int(right - (right - left) / 4)


def test_the_chart_draws_heat_against_the_cap_and_cold_beside_it(view: HistoryDialog) -> None:
    chart = view.chart
    assert len(chart.days) == 30 and chart.cap == 3
    image = chart.grab().toImage()
    cap_y = round(chart.cap_y())
    heat_x, cold_x = quarters(chart, 26)  # three days ago: two heat, one cold
    heat, cold = painted(image, heat_x, HEAT), painted(image, cold_x, COLD)
    assert heat and cold and not painted(image, heat_x, COLD) and not painted(image, cold_x, HEAT)
    assert len(heat) == pytest.approx(2 * len(cold), abs=2)
    three = painted(image, quarters(chart, 24)[0], HEAT)  # five days ago: three, the cap
    assert len(three) == pytest.approx(1.5 * len(heat), abs=2)
    assert abs(min(three) - cap_y) <= 1  # three reach the cap's line; two plus a cold do not
    assert min(heat) - cap_y >= len(heat) / 2 - 2
    for empty in (25, 27, 0):
        for x in quarters(chart, empty):
            assert not painted(image, x, HEAT) and not painted(image, x, COLD)


def test_the_days_data_and_the_totals_say_what_was_seeded(view: HistoryDialog) -> None:
    day = view.chart.days[26]
    assert (day.heat, day.cold, day.broke(BreakOutcome.DONE), day.broke(BreakOutcome.MISSED)) == (
        2,
        1,
        2,
        1,
    )
    assert view.chart.days[17].injuries == 1
    assert [b.phase.value for b in view.chart.bands] == ["acute", "subacute", "rebuilding"]
    totals = view.totals.text()
    assert "Heat sessions: 5 (at most 3 a day)" in totals  # the one 40 days ago not shown
    assert "Cold sessions: 1" in totals and "Injuries logged: 1" in totals
    view.span_buttons.button(90).click()
    assert len(view.chart.days) == 90
    assert "Heat sessions: 6 (at most 3 a day)" in view.totals.text()


def test_a_click_on_a_day_lists_its_events_with_their_times(qtbot, view: HistoryDialog) -> None:  # type: ignore[no-untyped-def]
    assert view.day_events.text() == "Nothing recorded on this day."  # today, at first
    left, right = view.chart.column(26)
    point = QPoint(int((left + right) / 2), view.chart.height() // 2)
    qtbot.mouseClick(view.chart, Qt.MouseButton.LeftButton, pos=point)
    assert view.day_events.text().splitlines() == [
        "08:00  Heat session, 15 min, completed",
        "10:10  Posture break done: Seated pelvic tilts",
        "10:40  Posture break done: Seated pelvic tilts",
        "13:00  Heat session, 15 min, completed",
        "15:00  Posture break missed (away from the desk): Bird dog",
        "17:30  Cold session, 15 min, completed",
    ]
    chosen = view.chart.days[26].day
    assert view.day_title.text() == f"{chosen:%a} {chosen.day} {chosen:%b} {chosen.year}"
    qtbot.keyClick(view.chart, Qt.Key.Key_Left)
    assert view.day_events.text() == "Nothing recorded on this day."
    for _ in range(8):
        qtbot.keyClick(view.chart, Qt.Key.Key_Left)
    assert view.day_events.text() == "19:00  Injury logged: Shoulder"
    view.span_buttons.button(365).click()  # the day picked stays picked
    assert view.day_events.text() == "19:00  Injury logged: Shoulder"


def test_the_export_is_what_the_command_line_prints(
    view: HistoryDialog, service: Service, clock: FakeClock, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    data = service.store.data_dir
    for form in ("csv", "json"):
        for span in (30, 90):
            view.show_span(span)
            path = tmp_path / f"out.{form}"
            view.export_to(path, form)
            capsys.readouterr()
            argv = ["--data-dir", str(data), "history", "--all", "--days", str(span)]
            assert main([*argv, "--format", form], clock=clock, zone=BERLIN) == 0
            assert path.read_text(encoding="utf-8") == capsys.readouterr().out
    view.show_span(30)
    view.export_to(tmp_path / "out.csv", "csv")
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    kinds = ["injury", "heat", "heat", "heat", "heat", "break", "break", "heat", "break", "cold"]
    assert [r["kind"] for r in rows] == kinds
    assert rows[1]["start"].endswith("+01:00") and rows[1]["how"] == "completed"
    view.export_to(tmp_path / "out.json", "json")
    records = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == [r["id"] for r in rows]
    assert records[0]["detail"] == "shoulder"


def test_an_export_that_cannot_be_written_says_so_and_keeps_the_view(
    view: HistoryDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "missing folder" / "history.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    view.csv_button.click()
    assert not view.problem.isHidden()
    assert view.problem.text().startswith(f"Could not write {target}")
    assert not target.exists()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "h.csv"), "")
    )
    view.csv_button.click()
    assert view.problem.isHidden()
    assert io.StringIO((tmp_path / "h.csv").read_text()).readline().startswith("date,start,end")


def test_the_window_and_the_tray_open_one_history_view(service, clock, notifier, sound) -> None:  # type: ignore[no-untyped-def]
    from heattimer.core.offers import Act, Key

    app = make_app(service, clock, notifier, sound)
    app.start()
    app.window.history_button.click()
    first = app.history_view
    assert isinstance(first, HistoryDialog) and first.isVisible()
    app.tray.offers[Key(Act.HISTORY)].trigger()
    assert app.history_view is first  # brought forward, not a second one
    first.close()
    assert app.history_view is None
    app.quit()


def test_the_view_shows_what_happened_while_it_was_behind(
    view: HistoryDialog, service: Service
) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    assert view.day_events.text() == "Nothing recorded on this day."  # today
    service.start(Kind.COLD)
    QApplication.sendEvent(view, QEvent(QEvent.Type.WindowActivate))
    assert view.day_events.text() == "14:00  Cold session, 0 min, running"
    assert view.chart.days[-1].cold == 1


def test_a_removed_injury_is_listed_but_draws_no_phases(service, clock, notifier, sound) -> None:  # type: ignore[no-untyped-def]
    wrong = service.log_injury(clock.now() - timedelta(days=2), Area.NECK, (), "")
    service.remove_injury(wrong.id)
    app = make_app(service, clock, notifier, sound)
    app.start()
    app.show_history()
    view = app.history_view
    assert isinstance(view, HistoryDialog)
    assert view.chart.bands == [] and view.chart.days[-3].injuries == 0
    view.chart.choose(len(view.chart.days) - 3)
    assert view.day_events.text().endswith("Injury logged: Neck (removed as logged by mistake)")
    assert "Rebuilding" not in view.legend.text()
    view.close()
    app.quit()


def test_an_empty_history_draws_and_exports_only_a_header(tmp_path: Path) -> None:
    from datetime import UTC

    from heattimer.core.settings import Settings

    now = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    view = HistoryDialog(lambda: Events([], [], [], now, Settings()), BERLIN, {})
    view.show_span(365)
    assert not view.chart.grab().isNull()
    view.export_to(tmp_path / "h.csv", "csv")
    assert (tmp_path / "h.csv").read_text().splitlines() == [",".join(export.EVENT_COLUMNS)]
    assert "Heat sessions: 0 (at most 3 a day)" in view.totals.text()


def test_a_history_that_cannot_be_read_is_said_and_what_was_shown_stays() -> None:
    from datetime import UTC

    from heattimer.core.settings import Settings

    now = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    answers: list[Events | None] = [Events([], [], [], now, Settings()), None]
    view = HistoryDialog(lambda: answers.pop(0), BERLIN, {})
    assert view.problem.isHidden() and len(view.chart.days) == 30
    view.refresh()
    assert not view.problem.isHidden()
    assert view.problem.text() == "The history cannot be read now."
    assert len(view.chart.days) == 30
