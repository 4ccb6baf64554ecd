"""The main window: the countdown, what is possible now, and the buttons to act.

It decides nothing: every label comes from the status the controller hands
it, every button goes back to the controller.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import tzinfo
from enum import StrEnum
from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLayout,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from heattimer import APP_NAME
from heattimer.core import alarm, injury_log
from heattimer.core.heatswitch import Reading, reading_text
from heattimer.core.model import Kind, Session
from heattimer.core.offers import KEYS, QUICK_MINUTES, WARM_UP_MINUTES, Act, Key, offers
from heattimer.core.rules import Reason
from heattimer.core.status import Status, headline
from heattimer.core.wording import clock, when
from heattimer.gui import shortcuts
from heattimer.gui.controller import Controller
from heattimer.gui.translate import QT_TRANSLATE_NOOP, translate
from heattimer.gui.widgets.banner import Banner
from heattimer.gui.widgets.button import Button
from heattimer.gui.widgets.icons import ALARM, COLD, HEAT, WHITE
from heattimer.gui.widgets.ring import ProgressRing

if TYPE_CHECKING:  # Qt types named only in annotations: each one loaded costs memory
    from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent

MUTED = QColor("#868e96")


# Text and tint for the headline, by state; a second text colour for dark palettes.
class Tone(StrEnum):
    """How the headline looks: the state the window shows."""

    READY = "ready"
    RUNNING = "running"
    COLD = "cold"
    BLOCKED = "blocked"
    WAITING = "waiting"


TONES: dict[Tone, tuple[str, str, QColor]] = {
    Tone.READY: ("#2b8a3e", "#8ce99a", QColor(64, 192, 87, 40)),
    Tone.RUNNING: ("#c2410c", "#ffa94d", QColor(253, 126, 20, 40)),
    Tone.COLD: ("#1864ab", "#74c0fc", QColor(51, 154, 240, 40)),
    Tone.BLOCKED: ("#1864ab", "#74c0fc", QColor(51, 154, 240, 40)),
    Tone.WAITING: ("#495057", "#ced4da", QColor(134, 142, 150, 46)),
}
HELD_WORDS = {
    Reason.INJURY: QT_TRANSLATE_NOOP("Window", "Cold first"),
    Reason.RED_FLAG: QT_TRANSLATE_NOOP("Window", "On hold"),
    Reason.RESTORED_FROM_BACKUP: QT_TRANSLATE_NOOP("Window", "On hold"),
    Reason.DAILY_CAP: QT_TRANSLATE_NOOP("Window", "Done today"),
    Reason.COOL_DOWN: QT_TRANSLATE_NOOP("Window", "Cool-down"),
}


def _buttons_in(layout: QLayout) -> Iterator[QPushButton]:
    """The buttons in ``layout`` and the widgets it holds, in the order they are laid out."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if isinstance(widget, QPushButton):
            yield widget
        elif widget is not None and widget.layout() is not None:
            inner = widget.layout()
        if inner is not None:
            yield from _buttons_in(inner)


GUIDE_PAGES = {
    "help": QT_TRANSLATE_NOOP("Window", "How Heat Timer works…"),
    "welcome": QT_TRANSLATE_NOOP("Window", "Welcome and safety rules…"),
    "about": QT_TRANSLATE_NOOP("Window", "About Heat Timer…"),
}
"""The Help menu's pages (gui/dialogs/guide.py)."""


class MainWindow(QWidget):
    """Heat Timer's window."""

    visibilityChanged = Signal(bool)
    offerChosen = Signal(object)  # a core.offers.Key: the person picked that offer
    settingsRequested = Signal()
    guideRequested = Signal(str)
    """The Help menu: "help", "welcome" or "about"."""
    closeRequested = Signal()
    quitRequested = Signal()

    def __init__(self, controller: Controller, zone: tzinfo) -> None:
        super().__init__()
        self.controller = controller
        self.zone = zone
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(420, 240)
        self._build()
        controller.changed.connect(self.show_status)
        controller.alarmChanged.connect(self.show_alarm)
        controller.problem.connect(self.show_problem)
        controller.acting.connect(self.problem_label.hide)
        controller.plugRead.connect(self.show_plug)

    # -- building --------------------------------------------------------------

    def _build(self) -> None:
        # What the window shows scrolls when the screen is too small for it (1024x600, or
        # 2x scale); otherwise the window is just its size (fit_to_screen).
        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(10)
        self.body = layout
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self.content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroller)

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
        self.undo_row = QWidget()  # "Injury logged at 18:02. [Undo]", for a few minutes
        undo = QHBoxLayout(self.undo_row)
        undo.setContentsMargins(0, 0, 0, 0)
        self.undo_label = Banner(bold=False)
        undo.addWidget(self.undo_label, 1)
        self.undo_button = self._offer_button(Key(Act.UNDO_INJURY))
        undo.addWidget(self.undo_button)
        layout.addWidget(self.undo_row)
        self.problem_label = Banner(bold=False)
        layout.addWidget(self.problem_label)

        self.start_row = QWidget()
        row = QHBoxLayout(self.start_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        first, last = QUICK_MINUTES
        self.start15 = self._offer_button(Key(Act.START, minutes=first))
        self.start20 = self._offer_button(Key(Act.START, minutes=last))
        self.start_other = self._button(translate("Window", "More…"), lambda: None)
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

        # Today's count, and beside it the way to every day's (the History view)
        today_row = QHBoxLayout()
        self.today = Banner(bold=False, centred=False)
        today_row.addWidget(self.today, 1)
        self.history_button = self._offer_button(Key(Act.HISTORY))
        today_row.addWidget(self.history_button)
        layout.addLayout(today_row)
        self.plug_line = Banner(bold=False, centred=False)  # the heat switch, where one is set
        self.plug_line.hide()
        layout.addWidget(self.plug_line)

        self.extra = QVBoxLayout()  # the recovery coach sits here
        self.extra.setSpacing(8)
        layout.addLayout(self.extra)

        self.footer = QHBoxLayout()
        self.injury_button = self._offer_button(Key(Act.LOG_INJURY))
        self.footer.addWidget(self.injury_button)
        self.injury_log_button = self._offer_button(Key(Act.INJURY_LOG))
        self.footer.addWidget(self.injury_log_button)
        self.footer.addStretch(1)
        self.settings_button = self._button(
            translate("Window", "Settings…"), self.settingsRequested.emit
        )
        self.footer.addWidget(self.settings_button)
        self.help_button = self._button(translate("Window", "Help"), lambda: None)
        self.help_menu = QMenu(self)
        for page, source in GUIDE_PAGES.items():
            text = translate("Window", source)
            # (F1 is the window's own shortcut: shown here, not given twice)
            shown = f"{text}\t{shortcuts.shown(shortcuts.HELP)}" if page == "help" else text
            action = self.help_menu.addAction(shown)
            action.triggered.connect(lambda _=False, p=page: self.guideRequested.emit(p))
        self.help_button.setMenu(self.help_menu)
        self.footer.addWidget(self.help_button)
        layout.addLayout(self.footer)

        for widget in (self.alarm_label, self.heat_off_button, self.problem_label, self.undo_row):
            widget.hide()
        self._fitted_to: tuple[int | bool, ...] | None = None
        self._build_shortcuts()

    def _build_shortcuts(self) -> None:
        self.heat_minutes = QUICK_MINUTES[0]  # the person's default length (show_status)
        slots: dict[str, Callable[[], object]] = {
            shortcuts.START: lambda: self._chose(Key(Act.START, minutes=self.heat_minutes)),
            shortcuts.SETTINGS: self.settingsRequested.emit,
            shortcuts.HELP: lambda: self.guideRequested.emit("help"),
            shortcuts.QUIT: self.quitRequested.emit,
        }
        for act, keys in shortcuts.BY_ACT.items():
            slots[keys] = partial(self._chose, Key(act))
        for keys, slot in slots.items():
            action = QAction(self)
            shortcuts.give(action, keys)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(action)
        for act, keys in shortcuts.BY_ACT.items():
            for widget in self.offer_widgets[Key(act)]:
                widget.setToolTip(shortcuts.shown(keys))
        self.settings_button.setToolTip(shortcuts.shown(shortcuts.SETTINGS))

    def add_extra(self, widget: QWidget) -> None:
        """Add ``widget`` (the recovery coach) above the footer; Tab still goes down the window
        as it reads."""
        self.extra.addWidget(widget)
        buttons = list(_buttons_in(self.body))
        for before, after in pairwise(buttons):
            QWidget.setTabOrder(before, after)

    def _button(self, text: str, slot: object) -> QPushButton:
        button = Button(text)
        button.setMinimumHeight(34)
        button.clicked.connect(slot)
        return button

    def _offer_button(self, key: Key) -> QPushButton:
        """A button for one offer (core/offers.py): its label and state come from there.
        The mouse leaves the keyboard with the window, not the button (see park_keyboard)."""
        button = self._button("", lambda: self._chose(key))
        self.offer_widgets.setdefault(key, []).append(button)
        return button

    def _chose(self, key: Key) -> None:
        self.park_keyboard()
        self.offerChosen.emit(key)

    @contextmanager
    def _keyboard_kept(self) -> Iterator[None]:
        """Around a change that hides or disables widgets: should the one with the keyboard
        go, Qt moves the keyboard on by itself, maybe onto "Start"; it is parked instead."""
        focused = self.focusWidget()
        yield
        if self.focusWidget() is not focused:
            self.park_keyboard()

    def park_keyboard(self) -> None:
        """Give the keyboard to the window itself, where no key does anything: a stray Space
        or Enter must never start heat, log an injury or record a clearance. The person
        reaches a button with Tab (or a shortcut); clicks and updates never leave it there."""
        self.setFocus()

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128

    def _tone(self, state: Tone) -> tuple[QColor, QColor]:
        light, dark, tint = TONES[state]
        return QColor(dark if self._dark() else light), tint

    # -- showing ---------------------------------------------------------------

    def show_status(self, status: Status) -> None:
        """Show ``status``: countdown, headline, which buttons make sense now."""
        with self._keyboard_kept():
            self._show_status(status)
        self.fit_to_screen()

    def _show_status(self, status: Status) -> None:
        session, heat, now = status.session, status.heat, status.now
        if self.controller.alarm.pending is not None and session is None:
            self.ring.show_state(1.0, *alarm.RING_WORDS, ALARM)
            state = Tone.WAITING
        elif session is not None:
            fraction = session.left(now)
            colour = COLD if session.kind is Kind.COLD else HEAT
            ends = when(session.ends_at, now, self.zone)
            small = (
                translate("Window", "warm-up heat · ends {time}")
                if session.warmup
                else translate("Window", "heat · ends {time}")
                if session.kind is Kind.HEAT
                else translate("Window", "cold · ends {time}")
            )
            self.ring.show_state(
                fraction, clock(session.remaining(now)), small.format(time=ends), colour
            )
            state = Tone.COLD if session.kind is Kind.COLD else Tone.RUNNING
        elif heat.allowed:
            # (How many are left is the headline's to say, and the dots'.)
            length = translate("Window", "for {minutes} min of heat")
            length = length.format(minutes=status.settings.heat_minutes)
            self.ring.show_state(0.0, translate("Window", "Ready"), length, HEAT)
            state = Tone.READY
        else:
            lift = heat.available_at
            small = ""
            if lift is not None:
                small = translate("Window", "heat at {time}").format(
                    time=when(lift, now, self.zone)
                )
            big = translate("Window", HELD_WORDS.get(heat.reason or Reason.COOL_DOWN, ""))
            self.ring.show_state(0.0, big, small, MUTED)
            state = Tone.BLOCKED if heat.injury_block else Tone.WAITING

        title = APP_NAME if session is None else f"{clock(session.remaining(now))} · {APP_NAME}"
        if self.windowTitle() != title:
            self.setWindowTitle(title)
        text, tint = self._tone(state)
        self.headline.show_text(headline(status, self.zone), text, tint)

        self.heat_minutes = status.settings.heat_minutes
        for button, minutes in ((self.start15, QUICK_MINUTES[0]), (self.start20, QUICK_MINUTES[1])):
            tip = shortcuts.shown(shortcuts.START) if minutes == self.heat_minutes else ""
            if button.toolTip() != tip:
                button.setToolTip(tip)
        offered = offers(status, self.zone)
        quick = offered[Key(Act.START, minutes=QUICK_MINUTES[0])]  # the row shows as it does
        self.start_row.setVisible(quick.shown)
        self.start_other.setEnabled(quick.enabled)
        for key, offer in offered.items():
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
        logged = status.just_logged
        if logged is not None:
            self.undo_label.show_text(injury_log.undo_line(logged, now, self.zone), MUTED)
        self.undo_row.setVisible(logged is not None)
        cap, used = status.today_cap, status.today_sessions
        dots = "●" * min(used, cap) + "○" * max(0, cap - used)
        today = translate("Window", "Today  {dots}  {used} used")
        self.today.show_text(today.format(dots=dots, used=used), MUTED)

    def show_alarm(self, session: Session | None) -> None:
        """Show (or, with None, take down) "Time is up: turn the heat off"."""
        if session is None:
            with self._keyboard_kept():
                self.alarm_label.hide()
                self.heat_off_button.hide()
            return
        status = self.controller.status
        now = status.now if status is not None else session.ends_at
        ended = alarm.ended_line(session, now, self.zone)
        self.alarm_label.show_text(f"{alarm.RING_TITLE}\n{ended}", WHITE, ALARM)
        self.alarm_label.show()
        self.heat_off_button.show()
        self.ring.show_state(1.0, *alarm.RING_WORDS, ALARM)
        self.heat_off_button.setFocus()  # the only thing a key may press now
        self.fit_to_screen()
        self.call_attention()
        # Once the layout has taken the new height: where the window scrolls, "Heat is off"
        # is in view.
        QTimer.singleShot(0, lambda: self.scroller.ensureWidgetVisible(self.heat_off_button))

    def show_plug(self, reading: Reading) -> None:
        """What the heat switch said last (core/heatswitch.py's words)."""
        read_at = self.controller.clock.now()
        self.plug_line.show_text(reading_text(reading, read_at, self.zone), MUTED)
        if self.plug_line.isHidden():
            self.plug_line.show()
            self.fit_to_screen()

    def show_problem(self, text: str) -> None:
        """Show why the last action did not happen."""
        self.problem_label.show_text(text, ALARM)
        self.problem_label.show()

    def fit_to_screen(self) -> None:
        """Make the window the height of what it shows, as far as its screen allows (the
        rest scrolls), and keep it on that screen: when what it shows changes, not at every
        update, so a height the person gave it stays until then. Left alone once maximized."""
        if self.isMaximized() or self.isFullScreen():
            return
        # As wide as the widest row needs (the footer's buttons, longer in German), so no
        # label is cut and nothing scrolls sideways.
        bar = self.scroller.verticalScrollBar().sizeHint().width() + 4  # (and its gap)
        wide = max(420, self.content.minimumSizeHint().width() + bar)
        wide = min(wide, self.screen().availableGeometry().width())  # (then it scrolls)
        if wide != self.minimumWidth():
            self.setMinimumWidth(wide)
        screen = self.screen().availableGeometry()
        shows = (*(not w.isHidden() for w in self.content.findChildren(QWidget)), screen.height())
        if shows == self._fitted_to:  # the same rows (a text that wraps anew is no change)
            return
        self._fitted_to = shows
        width = max(self.width(), self.minimumWidth())
        need = self.content.sizeHint().height()  # (the banners: at their present width)
        frame = max(0, self.frameGeometry().height() - self.height()) or 32  # (title bar)
        height = max(self.minimumHeight(), min(need, screen.height() - frame))
        self.resize(width, height)
        if self.isVisible():
            where = self.frameGeometry()
            top = min(where.top(), screen.bottom() - height - frame)
            left = min(where.left(), screen.right() - where.width())
            if (left, top) != (where.left(), where.top()):
                self.move(max(screen.left(), left), max(screen.top(), top))

    def bring_forward(self, token: str = "") -> None:
        """Show the window, raised and active, even from the tray or another desktop (the
        person asked for it: the tray, a notification's body). ``token``: an activation
        token the person's click came with (a Wayland compositor activates a window only
        with one; Qt hands it over from XDG_ACTIVATION_TOKEN)."""
        self.showNormal()
        self.raise_()
        if token:
            os.environ["XDG_ACTIVATION_TOKEN"] = token
        try:
            self.activateWindow()
        finally:
            os.environ.pop("XDG_ACTIVATION_TOKEN", None)  # (used once; never for a child)

    def call_attention(self) -> None:
        """The alarm: the window comes up, raised and marked as wanting attention, without
        taking the keyboard from what the person is typing in elsewhere. Should the desktop
        give it the keyboard anyway, "Heat is off" has it, and nothing else."""
        from PySide6.QtCore import Qt  # (the alarm's, not start-up's: see gui/widgets/drawing.py)

        if not self.isVisible() or self.isMinimized():
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
            self.showNormal()
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)
        self.raise_()
        QApplication.alert(self)  # the taskbar's "wants attention", until it is looked at

    # -- window events ---------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.focusWidget() is None:
            self.park_keyboard()  # else Qt gives the first button the keyboard: "Start 15 min"
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # the app decides: hide into the tray, or quit if there is none
        self.closeRequested.emit()
