"""The main window: the countdown, what is possible now, and the buttons to act.

It decides nothing: every label comes from the status the controller hands
it, every button goes back to the controller.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QVBoxLayout, QWidget

from heattimer import APP_NAME
from heattimer.core.model import Kind, Session
from heattimer.core.offers import KEYS, QUICK_MINUTES, WARM_UP_MINUTES, Act, Key, offers
from heattimer.core.rules import Reason
from heattimer.core.status import Status, headline
from heattimer.core.wording import clock, when
from heattimer.gui.controller import Controller
from heattimer.gui.widgets.banner import Banner
from heattimer.gui.widgets.icons import ALARM, COLD, HEAT
from heattimer.gui.widgets.ring import ProgressRing

if TYPE_CHECKING:  # Qt types named only in annotations: each one loaded costs memory
    from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent

MUTED = QColor("#868e96")

# Text and tint for the headline, by state; a second text colour for dark palettes.
TONES: dict[str, tuple[str, str, QColor]] = {
    "ready": ("#2b8a3e", "#8ce99a", QColor(64, 192, 87, 40)),
    "running": ("#c2410c", "#ffa94d", QColor(253, 126, 20, 40)),
    "blocked": ("#1864ab", "#74c0fc", QColor(51, 154, 240, 40)),
    "waiting": ("#495057", "#ced4da", QColor(134, 142, 150, 46)),
}
RING_WORDS = {
    Reason.INJURY: "Cold first",
    Reason.RED_FLAG: "On hold",
    Reason.RESTORED_FROM_BACKUP: "On hold",
    Reason.DAILY_CAP: "Done today",
    Reason.COOL_DOWN: "Cool-down",
}


class MainWindow(QWidget):
    """Heat Timer's window."""

    visibilityChanged = Signal(bool)
    offerChosen = Signal(object)  # a core.offers.Key: the person picked that offer
    settingsRequested = Signal()
    closeRequested = Signal()

    def __init__(self, controller: Controller, zone: tzinfo) -> None:
        super().__init__()
        self.controller = controller
        self.zone = zone
        self.setWindowTitle(APP_NAME)
        self.setMinimumWidth(400)
        self._build()
        controller.changed.connect(self.show_status)
        controller.alarmChanged.connect(self.show_alarm)
        controller.problem.connect(self.show_problem)
        controller.acting.connect(self.problem_label.hide)

    # -- building --------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        # A compact timer: the window is always just the size of what it shows.
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(10)
        self.body = layout

        self.ring = ProgressRing()
        layout.addWidget(self.ring, 1)

        self.offer_widgets: dict[Key, list[QPushButton | QAction]] = {}
        self.alarm_label = Banner()
        self.heat_off_button = self._offer_button(Key(Act.HEAT_OFF))
        self.heat_off_button.setDefault(True)
        self.heat_off_button.setMinimumHeight(42)
        layout.addWidget(self.alarm_label)
        layout.addWidget(self.heat_off_button)

        self.headline = Banner()
        layout.addWidget(self.headline)
        self.problem_label = Banner(bold=False)
        layout.addWidget(self.problem_label)

        self.start_row = QWidget()
        row = QHBoxLayout(self.start_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        first, last = QUICK_MINUTES
        self.start15 = self._offer_button(Key(Act.START, minutes=first))
        self.start20 = self._offer_button(Key(Act.START, minutes=last))
        self.start_other = self._button("More…", lambda: None)
        self.length_menu = QMenu(self)
        self.length_actions: list[QAction] = []
        for key in KEYS:
            if key.act is Act.WARM_UP and key.minutes == WARM_UP_MINUTES[0]:
                self.length_menu.addSeparator()
            if key.act in (Act.START, Act.WARM_UP):
                action = self.length_menu.addAction("")
                action.triggered.connect(lambda _=False, k=key: self.offerChosen.emit(k))
                self.offer_widgets.setdefault(key, []).append(action)
                self.length_actions.append(action)
        self.start_other.setMenu(self.length_menu)
        for button in (self.start15, self.start20, self.start_other):
            row.addWidget(button)
        layout.addWidget(self.start_row)

        self.stop_button = self._offer_button(Key(Act.STOP))
        layout.addWidget(self.stop_button)
        self.cold_button = self._offer_button(Key(Act.COLD))
        layout.addWidget(self.cold_button)

        self.advice = Banner(bold=False)
        layout.addWidget(self.advice)
        self.cleared_button = self._offer_button(Key(Act.CLEARED))
        layout.addWidget(self.cleared_button)
        self.log_checked_button = self._offer_button(Key(Act.LOG_CHECKED))
        layout.addWidget(self.log_checked_button)

        self.today = Banner(bold=False)
        layout.addWidget(self.today)

        self.extra = QVBoxLayout()  # the recovery coach sits here
        self.extra.setSpacing(8)
        layout.addLayout(self.extra)

        self.footer = QHBoxLayout()
        self.injury_button = self._offer_button(Key(Act.LOG_INJURY))
        self.footer.addWidget(self.injury_button)
        self.footer.addStretch(1)
        self.settings_button = self._button("Settings…", self.settingsRequested.emit)
        self.footer.addWidget(self.settings_button)
        layout.addLayout(self.footer)

        for widget in (self.alarm_label, self.heat_off_button, self.problem_label):
            widget.hide()

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(34)
        button.clicked.connect(slot)
        return button

    def _offer_button(self, key: Key) -> QPushButton:
        """A button for one offer (core/offers.py): its label and state come from there."""
        button = self._button("", lambda: self.offerChosen.emit(key))
        self.offer_widgets.setdefault(key, []).append(button)
        return button

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _tone(self, state: str) -> tuple[QColor, QColor]:
        light, dark, tint = TONES[state]
        return QColor(dark if self._dark() else light), tint

    # -- showing ---------------------------------------------------------------

    def show_status(self, status: Status) -> None:
        """Show ``status``: countdown, headline, which buttons make sense now."""
        session, heat, now = status.session, status.heat, status.now
        if self.controller.alarm_session is not None and session is None:
            self.ring.show_state(1.0, "Time is up", "turn the heat off", ALARM)
            state = "waiting"
        elif session is not None:
            fraction = session.left(now)
            label = "warm-up heat" if session.warmup else session.kind.value
            colour = COLD if session.kind is Kind.COLD else HEAT
            ends = when(session.ends_at, now, self.zone)
            self.ring.show_state(
                fraction, clock(session.remaining(now)), f"{label} · ends {ends}", colour
            )
            state = "running"
        elif heat.allowed:
            left = status.today_cap - status.today_sessions
            plural = "s" if left != 1 else ""
            self.ring.show_state(0.0, "Ready", f"{left} heat session{plural} left today", HEAT)
            state = "ready"
        else:
            lift = heat.available_at
            small = "" if lift is None else f"heat at {when(lift, now, self.zone)}"
            self.ring.show_state(
                0.0, RING_WORDS.get(heat.reason or Reason.COOL_DOWN, ""), small, MUTED
            )
            state = "blocked" if heat.injury_block else "waiting"

        title = APP_NAME if session is None else f"{clock(session.remaining(now))} · {APP_NAME}"
        if self.windowTitle() != title:
            self.setWindowTitle(title)
        text, tint = self._tone(state)
        self.headline.show_text(headline(status, self.zone), text, tint)

        running = session is not None
        self.start_row.setVisible(not running and not heat.injury_block)
        self.start_other.setEnabled(heat.allowed)
        for key, offer in offers(status, self.zone).items():
            for widget in self.offer_widgets.get(key, ()):
                # A button's reason is in the headline; a menu item carries its own.
                words = offer.text if isinstance(widget, QAction) else offer.label
                if widget.text() != words:
                    widget.setText(words)
                widget.setEnabled(offer.enabled)
                if key.act not in (Act.START, Act.WARM_UP, Act.HEAT_OFF):  # rows, the alarm
                    widget.setVisible(offer.shown)
        # The phase's advice is in the coach panel; a hold's message stands out here.
        on_hold = heat.reason in (Reason.RED_FLAG, Reason.RESTORED_FROM_BACKUP)
        if on_hold:
            self.advice.show_text(heat.message)
        self.advice.setVisible(on_hold)
        cap, used = status.today_cap, status.today_sessions
        dots = "●" * min(used, cap) + "○" * max(0, cap - used)
        self.today.show_text(f"Today  {dots}  {used} of {cap} heat sessions", MUTED)

    def show_alarm(self, session: Session | None) -> None:
        """Show (or, with None, take down) "Time is up: turn the heat off"."""
        if session is None:
            self.alarm_label.hide()
            self.heat_off_button.hide()
            return
        status = self.controller.status
        now = status.now if status is not None else session.ends_at
        self.alarm_label.show_text(
            "Time is up: turn the heat off\n"
            f"The session ended at {when(session.ends_at, now, self.zone)}.",
            QColor("#ffffff"),
            ALARM,
        )
        self.alarm_label.show()
        self.heat_off_button.show()
        self.ring.show_state(1.0, "Time is up", "turn the heat off", ALARM)
        self.bring_forward()

    def show_problem(self, text: str) -> None:
        """Show why the last action did not happen."""
        self.problem_label.show_text(text, ALARM)
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
        event.ignore()  # the app decides: hide into the tray, or quit if there is none
        self.closeRequested.emit()
