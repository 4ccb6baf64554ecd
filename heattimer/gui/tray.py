"""The tray icon: the state at a glance, and every action one click away.

The icon shows ready, running (with a ring that empties), blocked by an
injury, or not now (cap reached or cooling down). A click opens the window;
the menu holds every action, each disabled with its reason when not allowed.
"""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from heattimer import APP_NAME
from heattimer.core.breaks import PAUSES
from heattimer.core.model import Kind
from heattimer.core.status import Status, headline, short_reason, tray_state
from heattimer.gui.controller import Controller
from heattimer.gui.icons import tray_icon

PROGRESS_STEPS = 48  # redraw the ring only when it moves a visible step


class Tray(QObject):
    """The tray icon and its menu."""

    openRequested = Signal()
    logInjuryRequested = Signal()
    settingsRequested = Signal()
    breakNowRequested = Signal()
    pauseChosen = Signal(str)  # a key of core.breaks.PAUSES, or "" to resume
    quitRequested = Signal()

    def __init__(self, controller: Controller, zone: tzinfo, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self.zone = zone
        self.icon = QSystemTrayIcon(tray_icon("ready"), self)
        self.icon.setToolTip(APP_NAME)
        self._icon_key: tuple[str, int, bool] | None = None
        self.menu = QMenu()
        self._build_menu()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        controller.changed.connect(self.show_status)

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self.menu)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def _build_menu(self) -> None:
        self.start15 = self._action("Start 15 min", lambda: self.controller.start(15))
        self.start20 = self._action("Start 20 min", lambda: self.controller.start(20))
        self.warmup = self._action(
            "Start 15 min warm-up (before a workout)",
            lambda: self.controller.start(15, warmup=True),
        )
        self.stop = self._action("Stop session", self.controller.stop)
        self.heat_off = self._action("Heat is off", self.controller.confirm_heat_off)
        self.cold = self._action("Cold session", lambda: self.controller.start(kind=Kind.COLD))
        self.menu.addSeparator()
        self.break_now = self._action("Take a posture break now", self.breakNowRequested.emit)
        self.pause_menu = QMenu("Pause posture breaks", self.menu)
        for key, words in PAUSES.items():
            self.pause_menu.addAction(words.capitalize()).triggered.connect(
                lambda _=False, k=key: self.pauseChosen.emit(k)
            )
        self.resume = self.pause_menu.addAction("Resume now")
        self.resume.triggered.connect(lambda: self.pauseChosen.emit(""))
        self.menu.addMenu(self.pause_menu)
        self.injury = self._action("Log injury…", self.logInjuryRequested.emit)
        self.settings = self._action("Settings…", self.settingsRequested.emit)
        self.open = self._action(f"Open {APP_NAME}", self.openRequested.emit)
        self.menu.addSeparator()
        self.quit = self._action("Quit", self.quitRequested.emit)

    def show(self) -> None:
        """Put the icon in the tray (Qt shows it as soon as a tray exists)."""
        self.icon.show()

    def show_status(self, status: Status) -> None:
        """Update icon, tooltip and menu to ``status``."""
        state = tray_state(status)
        session = status.session
        progress = 0
        if session is not None:
            total = (session.ends_at - session.started_at).total_seconds()
            left = session.remaining(status.now).total_seconds()
            progress = round(PROGRESS_STEPS * (1 - left / total)) if total else PROGRESS_STEPS
        cold = session is not None and session.kind is Kind.COLD
        key = (state, progress, cold)
        if key != self._icon_key:
            self._icon_key = key
            done = progress / PROGRESS_STEPS if session is not None else None
            self.icon.setIcon(tray_icon(state, done, cold))
        tip = f"{APP_NAME}\n{headline(status, self.zone)}"
        if tip != self.icon.toolTip():  # each change is a D-Bus signal to the tray host
            self.icon.setToolTip(tip)

        heat = status.heat
        for action, minutes in ((self.start15, 15), (self.start20, 20), (self.warmup, 15)):
            action.setEnabled(heat.allowed)
            reason = "" if heat.allowed else f" — {short_reason(status, self.zone)}"
            kind = " warm-up" if action is self.warmup else ""
            action.setText(f"Start {minutes} min{kind}{reason}")
            action.setVisible(session is None)
        self.stop.setVisible(session is not None)
        if session is not None:
            self.stop.setText(f"Stop {session.kind.value} session")
        self.heat_off.setVisible(status.unconfirmed is not None)
        self.cold.setVisible(status.cold_offered)
        self.cold.setText(f"Cold session · {status.settings.cold_minutes} min")

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.openRequested.emit()
