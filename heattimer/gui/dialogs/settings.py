"""Settings: every setting the command line has, checked by the same rules.

The ranges come from core/settings.py; a value the rules refuse is shown in
the dialog and nothing is saved. It also says how the app notices that the
person is away, or that it cannot on this desktop.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from heattimer.core.settings import SPECS, SettingError, setting_text
from heattimer.gui.widgets.banner import Banner
from heattimer.gui.widgets.icons import ALARM, WHITE
from heattimer.service import Service

NUMBERS = (
    # key, label, suffix (the range is the rules': core/settings.py)
    ("heat-minutes", "Heat session length", " min"),
    ("daily-cap", "Heat sessions a day", ""),
    ("cool-down-minutes", "Cool-down between heat sessions", " min"),
    ("cold-minutes", "Cold session length", " min"),
    ("break-interval-minutes", "Posture break after sitting", " min"),
    ("idle-reset-minutes", "Away time that restarts the sitting clock", " min"),
)

WORK_HOURS = "Breaks only in work hours"


class SettingsDialog(QDialog):
    """Edits the settings; ``save()`` stores the changed ones through the service."""

    def __init__(self, service: Service, idle_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("Settings — Heat Timer")
        self.current = service.settings()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.numbers: dict[str, QSpinBox] = {}
        self.labels = {"breaks": "Posture breaks", "work-hours": WORK_HOURS}
        for key, label, suffix in NUMBERS:
            allowed = SPECS[key].allowed
            assert allowed is not None, key
            box = QSpinBox()
            box.setRange(allowed.start, allowed.stop - 1)
            box.setSuffix(suffix)
            box.setValue(int(setting_text(self.current, key)))
            form.addRow(label, box)
            self.numbers[key] = box
            self.labels[key] = label
        self.breaks = QCheckBox("Remind me to take posture breaks")
        self.breaks.setChecked(self.current.breaks)
        form.addRow("", self.breaks)
        self.work_hours = QLineEdit(
            "" if self.current.work_hours is None else str(self.current.work_hours)
        )
        self.work_hours.setPlaceholderText("any time (e.g. Mon-Fri 09:00-18:00)")
        form.addRow(WORK_HOURS, self.work_hours)
        layout.addLayout(form)

        away = (
            f"Away time is noticed through: {idle_name}."
            if idle_name != "none"
            else "This desktop does not tell Heat Timer when you are away from the keyboard, "
            "so all time counts as sitting (a suspend still counts as away)."
        )
        self.idle_note = QLabel(away)
        self.idle_note.setWordWrap(True)
        layout.addWidget(self.idle_note)
        self.error = Banner(bold=False)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, str]:
        """The settings whose value was changed, as text."""
        wanted = {key: str(box.value()) for key, box in self.numbers.items()}
        wanted["breaks"] = "on" if self.breaks.isChecked() else "off"
        wanted["work-hours"] = self.work_hours.text().strip() or "off"
        return {
            key: text for key, text in wanted.items() if text != setting_text(self.current, key)
        }

    def save(self) -> None:
        """Store the changes; on a value the rules refuse, say why and keep the dialog open."""
        changes = self.changes()
        for key, text in changes.items():  # all checked before any is stored
            try:
                SPECS[key].parse(text)
            except SettingError as error:
                self.error.show_text(f"{self.labels[key]}: {error}", WHITE, ALARM)
                self.error.show()
                return
        for key, text in changes.items():
            self.current = self.service.set_setting(key, text)
        self.accept()
