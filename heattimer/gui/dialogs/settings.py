"""Settings: every setting the command line has, checked by the same rules, each stored
the moment it changes, and start at login.

The ranges come from core/settings.py (no spin box offers a value the rules refuse); a
value they refuse anyway (work hours are typed) is said in the dialog and not stored. It
also says how the app notices that the person is away, or that it cannot on this desktop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from heattimer.core.settings import BREAK_NOTICE_AHEAD, SPECS, SettingError, setting_text
from heattimer.gui.translate import QT_TRANSLATE_NOOP, translate
from heattimer.gui.widgets.banner import Banner
from heattimer.gui.widgets.icons import ALARM, WHITE
from heattimer.platform.autostart import autostart, switch
from heattimer.platform.ports import Autostart
from heattimer.service import Service

NUMBERS = (
    # key, label, in minutes (the range is the rules': core/settings.py)
    ("heat-minutes", QT_TRANSLATE_NOOP("Settings", "Heat session length"), True),
    ("daily-cap", QT_TRANSLATE_NOOP("Settings", "Heat sessions a day"), False),
    ("cool-down-minutes", QT_TRANSLATE_NOOP("Settings", "Cool-down between heat sessions"), True),
    ("cold-minutes", QT_TRANSLATE_NOOP("Settings", "Cold session length"), True),
    ("break-interval-minutes", QT_TRANSLATE_NOOP("Settings", "Posture break after sitting"), True),
    (
        "idle-reset-minutes",
        QT_TRANSLATE_NOOP("Settings", "Away time that restarts the sitting clock"),
        True,
    ),
)

SWITCHES = (
    # key, label
    ("breaks", QT_TRANSLATE_NOOP("Settings", "Remind me to take posture breaks")),
    (
        "break-notice",
        QT_TRANSLATE_NOOP("Settings", "A notice {seconds} s before each posture break"),
    ),
    (
        "sounds",
        QT_TRANSLATE_NOOP(
            "Settings", "Chime when a cold session ends (the end alarm always chimes)"
        ),
    ),
)
WORK_HOURS = QT_TRANSLATE_NOOP("Settings", "Breaks only in work hours")
START_AT_LOGIN = QT_TRANSLATE_NOOP("Settings", "Start Heat Timer when I log in (in the tray)")


class SettingsDialog(QDialog):
    changed = Signal()
    """A setting was stored (the window and the tray show it at once)."""

    """Every setting, each stored the moment it changes (as `heattimer settings set` would
    store it); a value the rules refuse is said in plain words and not stored. Start at
    login is the platform's own file (heattimer/platform/autostart.py), read as it is."""

    def __init__(
        self,
        service: Service,
        idle_name: str,
        parent: QWidget | None = None,
        login: Autostart | None = None,
        heat_switch: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.login = login if login is not None else autostart()
        self.setWindowTitle(translate("Settings", "Settings — Heat Timer"))
        self.current = service.settings()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.numbers: dict[str, QSpinBox] = {}
        self.labels = {key: translate("Settings", label) for key, label, _ in NUMBERS}
        self.labels |= {
            key: translate("Settings", label).format(seconds=BREAK_NOTICE_AHEAD.seconds)
            for key, label in SWITCHES
        }
        self.labels["work-hours"] = translate("Settings", WORK_HOURS)
        for key, _, minutes in NUMBERS:
            label = self.labels[key]
            allowed = SPECS[key].allowed
            assert allowed is not None, key
            box = QSpinBox()
            box.setRange(allowed.start, allowed.stop - 1)
            box.setSuffix(translate("Settings", " min") if minutes else "")
            box.setValue(int(setting_text(self.current, key)))
            box.setKeyboardTracking(False)  # (typed "15": stored once, not "1" on the way)
            box.setAccessibleName(label)
            box.valueChanged.connect(lambda value, k=key: self.apply(k, str(value)))
            form.addRow(label, box)
            self.numbers[key] = box
        self.switches: dict[str, QCheckBox] = {}
        for key, _ in SWITCHES:
            switch = QCheckBox(self.labels[key])
            switch.setChecked(setting_text(self.current, key) == "on")
            switch.toggled.connect(lambda on, k=key: self.apply(k, "on" if on else "off"))
            form.addRow("", switch)
            self.switches[key] = switch
        self.breaks = self.switches["breaks"]
        self.work_hours = QLineEdit(
            "" if self.current.work_hours is None else self.current.work_hours.shown()
        )
        self.work_hours.setPlaceholderText(
            translate("Settings", "any time (e.g. Mon-Fri 09:00-18:00)")
        )
        self.work_hours.setAccessibleName(self.labels["work-hours"])
        self.work_hours.editingFinished.connect(
            lambda: self.apply("work-hours", self.work_hours.text().strip() or "off")
        )
        form.addRow(self.labels["work-hours"], self.work_hours)
        self.start_at_login = QCheckBox(translate("Settings", START_AT_LOGIN))
        self.start_at_login.setChecked(self.login.enabled())
        self.start_at_login.toggled.connect(self._start_at_login)
        form.addRow("", self.start_at_login)
        if heat_switch is not None:
            self.heat_switch_button = QPushButton(translate("Settings", "Heat switch…"))
            self.heat_switch_button.setAutoDefault(False)
            self.heat_switch_button.clicked.connect(heat_switch)
            form.addRow(translate("Settings", "Smart plug for the belt"), self.heat_switch_button)
        layout.addLayout(form)

        away = (
            translate("Settings", "Away time is noticed through: {name}.").format(name=idle_name)
            if idle_name != "none"
            else translate(
                "Settings",
                "This desktop does not tell Heat Timer when you are away from the keyboard, "
                "so all time counts as sitting (a suspend still counts as away).",
            )
        )
        self.idle_note = QLabel(away)
        self.idle_note.setWordWrap(True)
        layout.addWidget(self.idle_note)
        self.error = Banner(bold=False)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def apply(self, key: str, text: str) -> bool:
        """Store one setting now; on a value the rules refuse, say why (by the name the
        dialog gives it) and store nothing. True if stored."""
        if text == setting_text(self.current, key):
            self.error.hide()
            return True
        try:
            SPECS[key].parse(text)
        except SettingError as error:
            self.error.show_text(_refused(self.labels[key], error), WHITE, ALARM)
            self.error.show()
            return False
        self.current = self.service.set_setting(key, text)
        self.error.hide()
        self.changed.emit()
        return True

    def _start_at_login(self, on: bool) -> None:
        try:
            switch(self.login, on, str(self.service.store.data_dir))
        except OSError as error:
            self.error.show_text(
                _refused(translate("Settings", START_AT_LOGIN), error), WHITE, ALARM
            )
            self.error.show()
        self.start_at_login.blockSignals(True)
        self.start_at_login.setChecked(self.login.enabled())  # what is really there
        self.start_at_login.blockSignals(False)


def _refused(setting: str, error: object) -> str:
    """Why a setting was not changed, by the name the dialog gives it."""
    return translate("Settings", "{setting}: {error}").format(setting=setting, error=error)
