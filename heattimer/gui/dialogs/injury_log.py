"""The injury log: every injury logged (when, where, red flags, note, and whether it was cleared
or removed), with the same service calls as `heattimer injury ...`: log one, remove one
logged by mistake, record a professional's clearance. Each of the last two asks first,
saying what it lifts (core/injury_log.py), with Cancel the default."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from heattimer.core import injury_log
from heattimer.core.model import AREA_WORDING, Injury
from heattimer.core.wording import when
from heattimer.gui.dialogs.confirm import confirm
from heattimer.gui.translate import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from heattimer.gui.app import HeatTimerApp

COLUMNS = (
    QT_TRANSLATE_NOOP("InjuryLog", "When"),
    QT_TRANSLATE_NOOP("InjuryLog", "Where"),
    QT_TRANSLATE_NOOP("InjuryLog", "Red flags"),
    QT_TRANSLATE_NOOP("InjuryLog", "Note"),
    QT_TRANSLATE_NOOP("InjuryLog", "State"),
)


class InjuryLogDialog(QDialog):
    """Lists the injuries; acts on the one selected."""

    def __init__(self, app: HeatTimerApp, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(translate("InjuryLog", "Injury log — Heat Timer"))
        self.injuries: list[Injury] = []
        layout = QVBoxLayout(self)
        self.empty = QLabel(injury_log.NONE_LOGGED)
        layout.addWidget(self.empty)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("InjuryLog", c) for c in COLUMNS])
        self.table.setAccessibleName(translate("InjuryLog", "Injuries logged"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.add_button = self._button(translate("InjuryLog", "Log injury…"), self._add)
        self.remove_button = self._button(
            translate("InjuryLog", "Remove as logged by mistake…"), self._remove
        )
        self.clear_button = self._button(
            translate("InjuryLog", "Cleared by a professional…"), self._clear
        )
        for button in (self.add_button, self.remove_button, self.clear_button):
            row.addWidget(button)
        row.addStretch(1)
        self.close_button = self._button(translate("InjuryLog", "Close"), self.accept)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.resize(760, 360)
        self.refresh()

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)  # Enter presses nothing here
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        """Read the injuries again and show them, newest first."""
        injuries = self.app.controller.read(self.app.service.injuries) or []
        self.injuries = sorted(injuries, key=lambda i: i.at, reverse=True)
        now, zone = self.app.clock.now(), self.app.service.zone
        self.table.setRowCount(len(self.injuries))
        for r, injury in enumerate(self.injuries):
            cells = (
                when(injury.at, now, zone),
                AREA_WORDING[injury.area],
                injury_log.flags_text(injury) or translate("InjuryLog", "none"),
                injury.note,
                injury_log.state_text(injury, now, zone),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.empty.setVisible(not self.injuries)
        self.table.setVisible(bool(self.injuries))
        self._selected()

    def _current(self) -> Injury | None:
        rows = self.table.selectionModel().selectedRows()
        return self.injuries[rows[0].row()] if rows else None

    def _selected(self) -> None:
        injury, now = self._current(), self.app.clock.now()
        self.remove_button.setEnabled(injury is not None and injury.removed_at is None)
        self.clear_button.setEnabled(injury is not None and injury.holds_heat(now))

    def _add(self) -> None:
        self.app.log_injury(parent=self)
        self.refresh()

    def _remove(self) -> None:
        injury = self._current()
        if injury is None:
            return
        question = injury_log.removal_question(injury, self.app.clock.now(), self.app.service.zone)
        if confirm(
            self,
            translate("InjuryLog", "Remove injury"),
            question,
            translate("InjuryLog", "Remove it"),
        ):
            self.app.controller.run(lambda: self.app.service.remove_injury(injury.id))
        self.refresh()

    def _clear(self) -> None:
        injury = self._current()
        if injury is None:
            return
        now = self.app.clock.now()
        zone = self.app.service.zone
        question = injury_log.clearance_question(self.injuries, now, zone, only=injury)
        if confirm(
            self,
            translate("InjuryLog", "Cleared by a professional"),
            question,
            translate("InjuryLog", "Record the clearance"),
        ):
            self.app.controller.run(lambda: self.app.service.clear_injury(injury.id))
        self.refresh()
