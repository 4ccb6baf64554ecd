"""The main window: the countdown, what is possible now, and the buttons to act.

It decides nothing: every label comes from the status the controller hands
it, every button goes back to the controller.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QColor, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from heattimer import APP_NAME
from heattimer.core.model import Kind, Session
from heattimer.core.recovery import ADVICE, Phase
from heattimer.core.rules import HEAT_MINUTES, Reason
from heattimer.core.status import Status, headline
from heattimer.core.wording import clock, when
from heattimer.gui.controller import Controller
from heattimer.gui.icons import ALARM, COLD, HEAT
from heattimer.gui.ring import ProgressRing

MUTED = QColor("#868e96")

BANNER_STYLES = {
    "ready": ("#2b8a3e", "rgba(64, 192, 87, 0.16)"),
    "running": ("#d9480f", "rgba(253, 126, 20, 0.16)"),
    "blocked": ("#1864ab", "rgba(51, 154, 240, 0.16)"),
    "waiting": ("#5c5f66", "rgba(134, 142, 150, 0.18)"),
    "alarm": ("#ffffff", "#e03131"),
}


def _banner_style(kind: str) -> str:
    text, background = BANNER_STYLES[kind]
    weight = "700" if kind == "alarm" else "600"
    return (
        f"QLabel {{ color: {text}; background: {background}; border-radius: 8px;"
        f" padding: 10px 12px; font-weight: {weight}; qproperty-alignment: AlignCenter; }}"
    )


class MainWindow(QMainWindow):
    """Heat Timer's window."""

    visibilityChanged = Signal(bool)
    logInjuryRequested = Signal()
    closeRequested = Signal()

    def __init__(self, controller: Controller, zone: tzinfo) -> None:
        super().__init__()
        self.controller = controller
        self.zone = zone
        self.hide_on_close = True
        self._length_setting: int | None = None
        self.setWindowTitle(APP_NAME)
        self.setMinimumWidth(400)
        self._build()
        controller.changed.connect(self.show_status)
        controller.alarmChanged.connect(self.show_alarm)
        controller.problem.connect(self.show_problem)

    # -- building --------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(12)

        self.ring = ProgressRing()
        layout.addWidget(self.ring, 1)

        self.alarm_box = QFrame()
        alarm_layout = QVBoxLayout(self.alarm_box)
        alarm_layout.setContentsMargins(0, 0, 0, 0)
        self.alarm_label = QLabel()
        self.alarm_label.setWordWrap(True)
        self.alarm_label.setStyleSheet(_banner_style("alarm"))
        self.heat_off_button = QPushButton("Heat is off")
        self.heat_off_button.setObjectName("heatOff")
        self.heat_off_button.setMinimumHeight(40)
        self.heat_off_button.setDefault(True)
        self.heat_off_button.clicked.connect(self.controller.confirm_heat_off)
        alarm_layout.addWidget(self.alarm_label)
        alarm_layout.addWidget(self.heat_off_button)
        layout.addWidget(self.alarm_box)

        self.headline = QLabel()
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)

        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(f"color: {ALARM.name()};")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        self.start_row = QWidget()
        row = QHBoxLayout(self.start_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.start15 = self._button("Start 15 min", lambda: self.controller.start(15))
        self.start20 = self._button("Start 20 min", lambda: self.controller.start(20))
        self.length = QSpinBox()
        self.length.setRange(HEAT_MINUTES.start, HEAT_MINUTES.stop - 1)
        self.length.setSuffix(" min")
        self.length.setToolTip("Session length, 15 to 20 minutes")
        self.start_custom = self._button(
            "Start", lambda: self.controller.start(self.length.value())
        )
        for widget in (self.start15, self.start20, self.length, self.start_custom):
            row.addWidget(widget)
        layout.addWidget(self.start_row)

        self.stop_button = self._button("Stop session", self.controller.stop)
        layout.addWidget(self.stop_button)

        self.cold_button = self._button(
            "Cold session", lambda: self.controller.start(kind=Kind.COLD)
        )
        self.cold_button.setObjectName("cold")
        layout.addWidget(self.cold_button)

        self.advice = QLabel()
        self.advice.setWordWrap(True)
        layout.addWidget(self.advice)

        self.cleared_button = self._button(
            "I was cleared by a professional", self.controller.clear_red_flags
        )
        layout.addWidget(self.cleared_button)

        self.today = QLabel()
        self.today.setObjectName("today")
        self.today.setStyleSheet("qproperty-alignment: AlignCenter;")
        layout.addWidget(self.today)

        self.extra = QVBoxLayout()  # the recovery coach sits here
        layout.addLayout(self.extra)

        actions = QHBoxLayout()
        self.injury_button = self._button("Log injury…", self.logInjuryRequested.emit)
        actions.addWidget(self.injury_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.setCentralWidget(central)
        self.alarm_box.hide()

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(34)
        button.clicked.connect(slot)
        return button

    # -- showing ---------------------------------------------------------------

    def show_status(self, status: Status) -> None:
        """Show ``status``: countdown, headline, which buttons make sense now."""
        self.problem_label.hide()
        session, heat, now = status.session, status.heat, status.now
        if self.controller.alarm_session is not None and session is None:
            self.ring.show_state(1.0, "Time is up", "turn the heat off", ALARM)
            state = "waiting"
        elif session is not None:
            total = (session.ends_at - session.started_at).total_seconds()
            fraction = session.remaining(now).total_seconds() / total if total else 0.0
            label = "warm-up heat" if session.warmup else session.kind.value
            colour = COLD if session.kind is Kind.COLD else HEAT
            self.ring.show_state(
                fraction,
                clock(session.remaining(now)),
                f"{label} · ends {when(session.ends_at, now, self.zone)}",
                colour,
            )
            state = "running"
        elif heat.allowed:
            left = status.settings.daily_cap - status.today_sessions
            self.ring.show_state(
                0.0, "Ready", f"{left} heat session{'s' * (left != 1)} left today", HEAT
            )
            state = "ready"
        else:
            words = {
                Reason.INJURY: "Cold first",
                Reason.RED_FLAG: "On hold",
                Reason.DAILY_CAP: "Done today",
                Reason.COOL_DOWN: "Cool-down",
            }
            lift = heat.available_at
            small = "" if lift is None else f"heat at {when(lift, now, self.zone)}"
            self.ring.show_state(0.0, words.get(heat.reason or Reason.COOL_DOWN, ""), small, MUTED)
            state = "blocked" if heat.injury_block else "waiting"

        title = APP_NAME if session is None else f"{clock(session.remaining(now))} · {APP_NAME}"
        if self.windowTitle() != title:
            self.setWindowTitle(title)
        self.headline.setText(headline(status, self.zone))
        self.headline.setStyleSheet(_banner_style(state))
        running = session is not None
        self.start_row.setVisible(not running and not heat.injury_block)
        for button in (self.start15, self.start20, self.start_custom, self.length):
            button.setEnabled(heat.allowed)
        if status.settings.heat_minutes != self._length_setting:
            self._length_setting = status.settings.heat_minutes
            self.length.setValue(status.settings.heat_minutes)
        self.stop_button.setVisible(running)
        self.stop_button.setText(f"Stop {session.kind.value} session" if session else "Stop")
        self.cold_button.setVisible(status.cold_offered)
        self.cold_button.setText(f"Cold session · {status.settings.cold_minutes} min")
        red_flag = heat.reason is Reason.RED_FLAG
        self.cleared_button.setVisible(red_flag)
        if heat.injury_block:
            text = heat.message if red_flag else ADVICE[Phase.ACUTE]
            self.advice.setText(text)
        self.advice.setVisible(heat.injury_block)
        cap = status.settings.daily_cap
        dots = "●" * min(status.today_sessions, cap) + "○" * max(0, cap - status.today_sessions)
        self.today.setText(f"Today  {dots}  {status.today_sessions} of {cap} heat sessions")

    def show_alarm(self, session: Session | None) -> None:
        """Show (or, with None, take down) "Time is up: turn the heat off"."""
        if session is None:
            self.alarm_box.hide()
            return
        status = self.controller.status
        now = status.now if status is not None else session.ends_at
        self.alarm_label.setText(
            "Time is up: turn the heat off\n"
            f"The session ended at {when(session.ends_at, now, self.zone)}."
        )
        self.alarm_box.show()
        self.ring.show_state(1.0, "Time is up", "turn the heat off", ALARM)
        self.bring_forward()

    def show_problem(self, text: str) -> None:
        """Show why the last action did not happen."""
        self.problem_label.setText(text)
        self.problem_label.show()

    def bring_forward(self) -> None:
        """Show the window, raised and active, even from the tray or another desktop."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- window events ---------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.hide_on_close:
            event.ignore()
            self.hide()
        else:
            self.closeRequested.emit()
            event.ignore()
