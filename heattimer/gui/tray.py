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
from heattimer.core.model import Kind
from heattimer.core.offers import KEYS, QUICK_MINUTES, WARM_UP_MINUTES, Act, Key, offers
from heattimer.core.status import Status, TrayState, headline, tray_state
from heattimer.gui import shortcuts
from heattimer.gui.controller import Controller
from heattimer.gui.translate import translate
from heattimer.gui.widgets.icons import tray_icon

PROGRESS_STEPS = 48  # redraw the ring only when it moves a visible step


class Tray(QObject):
    """The tray icon and its menu."""

    openRequested = Signal()
    offerChosen = Signal(object)  # a core.offers.Key: the person picked that offer
    settingsRequested = Signal()
    helpRequested = Signal()
    quitRequested = Signal()

    def __init__(self, controller: Controller, zone: tzinfo, parent: QObject | None = None):
        super().__init__(parent)
        self.controller = controller
        self.zone = zone
        self.icon = QSystemTrayIcon(tray_icon(TrayState.READY), self)
        self.icon.setToolTip(APP_NAME)
        self._icon_key: tuple[str, int, bool] | None = None
        self.menu = QMenu()
        self._build_menu()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        controller.changed.connect(self.show_status)

    def _action(self, text: str, slot: object, menu: QMenu | None = None) -> QAction:
        action = QAction(text, self.menu)
        action.triggered.connect(slot)
        (menu or self.menu).addAction(action)
        return action

    def _offer(self, key: Key, menu: QMenu | None = None) -> QAction:
        """A menu item for one offer (core/offers.py): its text and state come from there."""
        action = self._action("", lambda: self.offerChosen.emit(key), menu)
        self.offers[key] = action
        return action

    def _build_menu(self) -> None:
        self.offers: dict[Key, QAction] = {}
        first, last = QUICK_MINUTES
        self.start15 = self._offer(Key(Act.START, minutes=first))
        self.start20 = self._offer(Key(Act.START, minutes=last))
        self.more_menu = QMenu(translate("Tray", "Other lengths and warm-ups"), self.menu)
        for key in KEYS:
            if key.act is Act.WARM_UP and key.minutes == WARM_UP_MINUTES[0]:
                self.more_menu.addSeparator()
            if key.act in (Act.START, Act.WARM_UP) and key not in self.offers:
                self._offer(key, self.more_menu)
        self.more = self.menu.addMenu(self.more_menu)
        self.stop = self._offer(Key(Act.STOP))
        self.heat_off = self._offer(Key(Act.HEAT_OFF))
        self.cold = self._offer(Key(Act.COLD))
        self.cleared = self._offer(Key(Act.CLEARED))
        self.log_checked = self._offer(Key(Act.LOG_CHECKED))
        self.menu.addSeparator()
        self.break_now = self._offer(Key(Act.BREAK_NOW))
        self.pause_menu = QMenu(translate("Tray", "Pause posture breaks"), self.menu)
        for key in KEYS:
            if key.act in (Act.PAUSE, Act.RESUME):
                self._offer(key, self.pause_menu)
        self.menu.addMenu(self.pause_menu)
        self.injury = self._offer(Key(Act.LOG_INJURY))
        self.injury_log = self._offer(Key(Act.INJURY_LOG))
        self.history = self._offer(Key(Act.HISTORY))
        self.settings = self._action(translate("Tray", "Settings…"), self.settingsRequested.emit)
        self.help = self._action(translate("Tray", "Help…"), self.helpRequested.emit)
        self.open = self._action(translate("Tray", "Open Heat Timer"), self.openRequested.emit)
        self.menu.addSeparator()
        self.quit = self._action(translate("Tray", "Quit"), self.quitRequested.emit)
        # Shown beside each item: the window's shortcuts (they act in the window; a menu that
        # is not open is no window to type into).
        for act, keys in shortcuts.BY_ACT.items():
            self._show_shortcut(self.offers[Key(act)], keys)
        self._show_shortcut(self.settings, shortcuts.SETTINGS)
        self._show_shortcut(self.quit, shortcuts.QUIT)

    @staticmethod
    def _show_shortcut(action: QAction, keys: str) -> None:
        shortcuts.give(action, keys)

    def show(self) -> None:
        """Put the icon in the tray (Qt shows it as soon as a tray exists)."""
        self.icon.show()

    def show_status(self, status: Status) -> None:
        """Update icon, tooltip and menu to ``status``."""
        state = tray_state(status)
        session = status.session
        progress = 0
        if session is not None:
            progress = round(PROGRESS_STEPS * (1 - session.left(status.now)))
        cold = session is not None and session.kind is Kind.COLD
        key = (state, progress, cold)
        if key != self._icon_key:
            self._icon_key = key
            done = progress / PROGRESS_STEPS if session is not None else None
            self.icon.setIcon(tray_icon(state, done, cold))
        tip = f"{APP_NAME}\n{headline(status, self.zone)}"
        if tip != self.icon.toolTip():  # each change is a D-Bus signal to the tray host
            self.icon.setToolTip(tip)

        offered = offers(status, self.zone)
        default = Key(Act.START, minutes=status.settings.heat_minutes)
        for offer_key, action in self.offers.items():
            offer = offered[offer_key]
            if action.text() != offer.text:
                action.setText(offer.text)
            if offer_key.act is Act.START and (offer_key == default) == action.shortcut().isEmpty():
                self._show_shortcut(action, shortcuts.START if offer_key == default else "")
            action.setVisible(offer.shown)
            action.setEnabled(offer.enabled)
        self.more.setVisible(offered[Key(Act.START, minutes=QUICK_MINUTES[0])].shown)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.openRequested.emit()
