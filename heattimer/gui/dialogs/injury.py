"""Log an injury: when it happened, where, any red flags, a note."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from heattimer.core.model import AREA_WORDING, RED_FLAG_WORDING, Area, RedFlag
from heattimer.core.validation import INJURY_BACKDATE
from heattimer.gui.translate import translate


class InjuryDialog(QDialog):
    """Asks for an injury; ``values()`` gives what was entered."""

    def __init__(self, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Injury", "Log injury — Heat Timer"))
        self.now = now
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "Injury",
                "Heat is blocked for 48 hours from when the injury happened; "
                "cold is offered instead.",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        when_row = QWidget()
        when_layout = QHBoxLayout(when_row)
        when_layout.setContentsMargins(0, 0, 0, 0)
        self.just_now = QRadioButton(translate("Injury", "Just now"))
        self.earlier = QRadioButton(translate("Injury", "Earlier:"))
        self.just_now.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.just_now)
        group.addButton(self.earlier)
        self.at = QDateTimeEdit()
        self.at.setCalendarPopup(True)
        self.at.setAccessibleName(translate("Injury", "When it happened, if earlier"))
        self.at.setDisplayFormat(translate("Injury", "ddd d MMM yyyy  HH:mm"))
        local_now = QDateTime.fromSecsSinceEpoch(int(now.timestamp()))
        self.at.setMaximumDateTime(local_now)
        self.at.setMinimumDateTime(local_now.addSecs(-int(INJURY_BACKDATE.total_seconds())))
        self.at.setDateTime(local_now.addSecs(-3600))
        self.at.setEnabled(False)
        self.earlier.toggled.connect(self.at.setEnabled)
        for widget in (self.just_now, self.earlier, self.at):
            when_layout.addWidget(widget)
        form.addRow(translate("Injury", "When it happened"), when_row)

        self.area = QComboBox()
        for area, words in AREA_WORDING.items():
            self.area.addItem(words, area)
        form.addRow(translate("Injury", "Where"), self.area)
        self.note = QLineEdit()
        self.note.setPlaceholderText(translate("Injury", "e.g. deadlifts, felt a twinge"))
        form.addRow(translate("Injury", "Note"), self.note)
        layout.addLayout(form)

        flags_box = QGroupBox(
            translate("Injury", "Any of these? Then see a physical therapist or physician first")
        )
        flags_layout = QVBoxLayout(flags_box)
        self.flags: dict[RedFlag, QCheckBox] = {}
        for flag, words in RED_FLAG_WORDING.items():
            box = QCheckBox(words)
            flags_layout.addWidget(box)
            self.flags[flag] = box
        hold = QLabel(
            translate(
                "Injury",
                "With any of these, heat stays on hold until you record a professional's "
                "clearance, even after 48 hours.",
            )
        )
        hold.setWordWrap(True)
        hold.setStyleSheet("color: palette(placeholder-text);")
        flags_layout.addWidget(hold)
        layout.addWidget(flags_box)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def showEvent(self, event: QShowEvent) -> None:
        # The button box has just made Save the default (it does so on show): Enter in a field
        # must not log an injury, which blocks heat for 48 hours. Save is clicked, or Tab
        # and Space; Esc cancels.
        super().showEvent(event)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setDefault(False)
                button.setAutoDefault(False)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a right click leaves it no keyboard

    def values(self) -> tuple[datetime | None, Area, list[RedFlag], str]:
        """When (None for now), area, red flags and note, as entered."""
        at = None
        if self.earlier.isChecked():
            seconds = self.at.dateTime().toSecsSinceEpoch()
            at = datetime.fromtimestamp(seconds, UTC)
            at = min(at, self.now - timedelta(seconds=0))
        flags = [flag for flag, box in self.flags.items() if box.isChecked()]
        return at, Area(self.area.currentData()), flags, self.note.text()
