"""The injury log in the app: Undo just after logging, the list, removing an injury logged by
mistake and recording a clearance, each asked first with Cancel the default."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from heattimer.core.injury_log import UNDO_FOR
from heattimer.core.model import Area, RedFlag
from heattimer.gui.app import HeatTimerApp
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from tests.gui.conftest import Answer


def active(service: Service) -> list[str]:
    return [i.note for i in service.injuries() if i.removed_at is None]


def test_undo_in_the_banner_takes_back_an_injury_for_five_minutes(
    app: HeatTimerApp, clock: FakeClock, service: Service
) -> None:
    window = app.window
    app.controller.log_injury(None, Area.NECK, [], "mistake")
    assert window.undo_row.isVisible() and window.undo_button.text() == "Undo"
    assert window.undo_label.text() == "Injury logged at 14:00."
    assert not window.start_row.isVisible()  # blocked
    window.undo_button.click()
    assert active(service) == [] and not window.undo_row.isVisible()
    assert window.start_row.isVisible() and window.start15.isEnabled()

    app.controller.log_injury(None, Area.NECK, [], "real")
    clock.jump(UNDO_FOR - timedelta(seconds=1))
    app.controller.tick()
    assert window.undo_row.isVisible()
    clock.jump(1)
    app.controller.tick()
    assert not window.undo_row.isVisible() and active(service) == ["real"]


def open_log(app: HeatTimerApp, qtbot: QtBot, act: object) -> None:
    """Opens the injury log from the window and runs ``act(dialog)`` in it, then closes it."""
    from heattimer.gui.dialogs.injury_log import InjuryLogDialog

    def inside() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, InjuryLogDialog):
            return
        timer.stop()
        try:
            act(dialog)  # type: ignore[operator]
        finally:
            dialog.close()

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(inside)
    timer.start(10)
    app.window.injury_log_button.click()


def test_the_log_lists_injuries_and_removes_one_only_when_confirmed(
    app: HeatTimerApp, qtbot: QtBot, clock: FakeClock, service: Service
) -> None:
    app.controller.log_injury(None, Area.LOWER_BACK, [], "deadlifts")
    clock.jump(timedelta(hours=1))
    app.controller.log_injury(None, Area.NECK, [RedFlag.NUMBNESS], "woke up with it")
    clock.jump(timedelta(hours=1))
    app.controller.tick()
    seen: dict[str, object] = {}

    def act(dialog) -> None:  # type: ignore[no-untyped-def]
        table = dialog.table
        seen["rows"] = [
            [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]
        assert not dialog.remove_button.isEnabled()  # nothing selected yet
        table.selectRow(1)  # the older one: lower back
        assert dialog.remove_button.isEnabled() and not dialog.clear_button.isEnabled()
        refused = Answer((Qt.Key.Key_Return,))
        dialog.remove_button.click()
        seen["asked"] = refused.asked
        seen["after_enter"] = active(service)
        _answer = Answer(click="Remove it")
        dialog.remove_button.click()
        seen["after_remove"] = active(service)
        seen["state"] = dialog.table.item(1, 4).text()

    open_log(app, qtbot, act)
    assert seen["rows"] == [
        ["15:00", "Neck", "Numbness or tingling", "woke up with it", "holds heat"],
        ["14:00", "Lower back", "none", "deadlifts", "active"],
    ]
    assert "Lower back, 14:00" in str(seen["asked"])
    assert seen["after_enter"] == ["deadlifts", "woke up with it"]  # Enter was Cancel
    assert seen["after_remove"] == ["woke up with it"]
    assert seen["state"] == "removed 16:00"


def test_a_clearance_from_the_log_lifts_that_injury_s_hold_after_asking(
    app: HeatTimerApp, qtbot: QtBot, clock: FakeClock, service: Service
) -> None:
    app.controller.log_injury(None, Area.NECK, [RedFlag.NUMBNESS], "")
    clock.jump(timedelta(hours=49))
    app.controller.tick()
    assert "physical therapist" in app.window.headline.text()
    asked: list[str] = []

    def act(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.table.selectRow(0)
        answer = Answer(click="Record the clearance")
        dialog.clear_button.click()
        asked.extend(answer.asked)

    open_log(app, qtbot, act)
    assert "lifts the hold on heat for the red flags of" in asked[0]
    assert "48-hour" not in asked[0]  # 49 hours later: only the hold was left
    assert app.window.start15.isEnabled()


def test_enter_in_the_injury_dialog_logs_nothing(app: HeatTimerApp, service: Service) -> None:
    answer = Answer((Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Escape))
    app.window.injury_button.click()
    assert answer.asked == ["Log injury — Heat Timer"]
    assert service.injuries() == []
    save = Answer(click="Save")
    app.window.injury_button.click()
    assert len(save.asked) == 1 and len(service.injuries()) == 1


def test_logging_from_the_injury_log_blocks_the_log_until_it_is_done(
    app: HeatTimerApp, qtbot: QtBot, service: Service
) -> None:
    parents: list[object] = []

    def act(dialog) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QTimer

        def look() -> None:
            modal = QApplication.activeModalWidget()
            parents.append(modal.parent() if modal is not None else None)
            if modal is not None:
                modal.close()

        QTimer.singleShot(50, look)
        dialog.add_button.click()
        parents.append(dialog)

    open_log(app, qtbot, act)
    assert parents[0] is parents[1]  # the injury dialog sat over the log, which waited
    assert service.injuries() == []
