"""The heat switch's settings: which smart plug the belt is on (none, Shelly, Tasmota), where,
its password; each change stored at once (heattimer/platform/plugs/config.py, the file
`heattimer plug set` writes) and used from then on; and *Test*: the plug on for 3 s with
its own off timer, read back, off again by itself (core/heatswitch.py), off the GUI's
thread, and only when the rules allow heat now."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from heattimer.core.heatswitch import (
    GENERIC_OFF,
    GENERIC_ON,
    NAMES,
    NO_OWN_TIMER,
    Kind,
    lacks_own_timer,
)
from heattimer.gui.controller import Controller
from heattimer.gui.translate import translate
from heattimer.platform.plugs.config import ConfigError, PlugConfig, client, load, save


class HeatSwitchDialog(QDialog):
    """Sets the heat switch up, and tests it."""

    def __init__(
        self,
        controller: Controller,
        parent: QWidget | None = None,
        wait: Callable[[float], object] = time.sleep,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.folder = controller.service.store.data_dir
        self.wait = wait
        self.setWindowTitle(translate("HeatSwitch", "Heat switch — Heat Timer"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "HeatSwitch",
                "Plug the belt into a smart plug, and Heat Timer switches it: on at Start, "
                "with the plug's own timer set to cut the power at the session's end, even "
                "if this computer sleeps or crashes.",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(NAMES[kind], kind.value)
        form.addRow(translate("HeatSwitch", "Plug"), self.kind)
        self.address = QLineEdit()
        self.address.setPlaceholderText(translate("HeatSwitch", "e.g. 192.168.1.20"))
        form.addRow(translate("HeatSwitch", "Address"), self.address)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(translate("HeatSwitch", "no password"))
        form.addRow(translate("HeatSwitch", "Password"), self.password)
        self.topic = QLineEdit()  # over MQTT: which device on the broker, and its user
        self.topic.setPlaceholderText(translate("HeatSwitch", "e.g. tasmota_85A970"))
        form.addRow(translate("HeatSwitch", "Topic or name"), self.topic)
        self.user = QLineEdit()
        self.user.setPlaceholderText(translate("HeatSwitch", "no user"))
        form.addRow(translate("HeatSwitch", "Broker user"), self.user)
        self.state_topic = QLineEdit()  # a generic MQTT plug's own topics and payloads
        form.addRow(translate("HeatSwitch", "State topic"), self.state_topic)
        self.on_payload = QLineEdit()
        self.on_payload.setToolTip(
            translate("HeatSwitch", "{seconds} stands for the plug's own off timer")
        )
        form.addRow(translate("HeatSwitch", "On payload"), self.on_payload)
        self.off_payload = QLineEdit()
        form.addRow(translate("HeatSwitch", "Off payload"), self.off_payload)
        self.form = form
        layout.addLayout(form)
        row = QHBoxLayout()
        self.test_button = QPushButton(translate("HeatSwitch", "Test"))
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test)
        row.addWidget(self.test_button)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        row.addWidget(self.outcome, 1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        try:
            config = load(self.folder)
        except ConfigError as error:  # (said; the fields start empty, to set it again)
            config = PlugConfig()
            self.outcome.setText(str(error))
        self.kind.setCurrentIndex(list(Kind).index(config.kind))
        self.address.setText(config.address)
        self.password.setText(config.password)
        self.topic.setText(config.topic)
        self.user.setText(config.user)
        self.state_topic.setText(config.state_topic)
        self.on_payload.setText(config.on_payload)
        self.off_payload.setText(config.off_payload)
        self._shown()
        self.kind.currentIndexChanged.connect(self.apply)
        self.address.editingFinished.connect(self.apply)
        self.password.editingFinished.connect(self.apply)
        for field in (self.topic, self.user, self.state_topic, self.on_payload, self.off_payload):
            field.editingFinished.connect(self.apply)
        self.resize(520, self.sizeHint().height())

    def config(self) -> PlugConfig:
        """The heat switch as the fields say."""
        kind = Kind(self.kind.currentData())
        address, topic = self.address.text().strip(), self.topic.text().strip()
        return PlugConfig(
            kind,
            address,
            self.password.text(),
            topic,
            self.user.text().strip(),
            self.state_topic.text().strip(),
            self.on_payload.text().strip() or GENERIC_ON,
            self.off_payload.text().strip() or GENERIC_OFF,
        )

    def apply(self) -> bool:
        """Store the fields, and use that plug from now on; False (and why, said) if not."""
        config = self.config()
        refusal = ""
        if config.kind is not Kind.NONE and not config.address:
            refusal = translate("HeatSwitch", "Say where the plug is: its address.")
        elif config.kind.over_mqtt and not config.topic:
            refusal = translate("HeatSwitch", "Say which device on the broker: its topic.")
        elif not self.controller.set_switch(client(config)):
            refusal = translate("HeatSwitch", "Not while a session runs: change the plug after it.")
        if not refusal:
            try:
                save(self.folder, config)
            except OSError as error:
                refusal = str(error)
        if not refusal and lacks_own_timer(config.kind, config.on_payload):
            self.outcome.setText(NO_OWN_TIMER)
        else:
            self.outcome.setText(refusal)
        self._shown()
        return not refusal

    def test(self) -> None:
        """The plug on for 3 s by its own timer, and read back (the answer comes later)."""
        if not self.apply():
            return
        self.test_button.setEnabled(False)
        self.outcome.setText(translate("HeatSwitch", "Testing…"))
        self.controller.try_plug(self._tested, self.wait)

    def _tested(self, said: str) -> None:
        self.outcome.setText(said)
        self._shown()

    def _shown(self) -> None:
        kind = Kind(self.kind.currentData())
        plugged = kind is not Kind.NONE
        for field in (self.address, self.password):
            field.setEnabled(plugged)
        for field in (self.topic, self.user):  # (over MQTT only)
            self.form.setRowVisible(field, kind.over_mqtt)
        for field in (self.state_topic, self.on_payload, self.off_payload):
            self.form.setRowVisible(field, kind is Kind.MQTT)
        self.test_button.setEnabled(plugged and self.controller.service.switch is not None)
