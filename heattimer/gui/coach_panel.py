"""The recovery coach in the main window: phase, what to do now, next phase, next break.

Everything it says comes from core (recovery phases and the seed's advice)
and the exercise catalogue; it only lays it out. The news of the moments that
matter (heat unlocked, a new phase, two weeks) goes out as notifications.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from heattimer.core.exercises import Exercise, for_phase
from heattimer.core.offers import KEYS, Act, Key, offers
from heattimer.core.recovery import PROFESSIONAL_NOTE, SHORT_NAMES, Phase
from heattimer.core.status import Status
from heattimer.core.wording import span, when
from heattimer.gui.controller import Controller
from heattimer.gui.translate import translate
from heattimer.gui.widgets.banner import Banner
from heattimer.gui.widgets.button import Button
from heattimer.platform.ports import Notifier
from heattimer.service import Service
from heattimer.store import StoreError

PANEL_TINT = QColor(134, 142, 150, 30)


class CoachPanel(QWidget):
    """Where the person stands in their recovery, and the posture breaks."""

    offerChosen = Signal(object)  # a core.offers.Key: break now, pause or resume

    def __init__(
        self, catalogue: Sequence[Exercise], zone: tzinfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.zone = zone
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(4)
        # Banners, not word-wrapped labels: Qt cannot size a window around those.
        self.title = Banner(bold=True, centred=False)
        self.advice = Banner(bold=False, centred=False)
        self.exercises = Banner(bold=False, centred=False)
        self.next_phase = Banner(bold=False, centred=False)
        self.professional = Banner(bold=False)
        for banner in (self.title, self.advice, self.exercises, self.next_phase, self.professional):
            layout.addWidget(banner)

        row = QHBoxLayout()
        row.setContentsMargins(0, 6, 0, 0)
        self.breaks = Banner(bold=False, centred=False)
        row.addWidget(self.breaks, 1)
        self.break_now = Button(translate("Coach", "Break now"))
        self.break_now.clicked.connect(lambda: self.offerChosen.emit(Key(Act.BREAK_NOW)))
        self.pause = Button(translate("Coach", "Pause"))
        menu = QMenu(self)
        self.pause_actions: dict[Key, QAction] = {}
        for key in KEYS:
            if key.act is Act.RESUME:
                menu.addSeparator()
            if key.act in (Act.PAUSE, Act.RESUME):
                action = menu.addAction("")
                action.triggered.connect(lambda _=False, k=key: self.offerChosen.emit(k))
                self.pause_actions[key] = action
        self.resume = self.pause_actions[Key(Act.RESUME)]
        self.pause.setMenu(menu)
        row.addWidget(self.break_now)
        row.addWidget(self.pause)
        layout.addLayout(row)

    def show_status(self, status: Status) -> None:
        """Lay out the recovery and the break schedule of ``status``."""
        recovery, now = status.recovery, status.now
        title = translate("Coach", "Recovery: {phase}").format(phase=recovery.title)
        if recovery.day is not None:
            title = translate("Coach", "Recovery: {phase} · day {day}").format(
                phase=recovery.title, day=recovery.day
            )
        self.title.show_text(title)
        self.advice.show_text(recovery.advice)
        names = [e.name for e in for_phase(self.catalogue, recovery.phase)]
        shown = names[:6] + (["…"] if len(names) > 6 else [])
        label = (
            translate("Coach", "Exercises: {names}")
            if recovery.phase is not Phase.NONE
            else translate("Coach", "Exercises for every day: {names}")
        )
        self.exercises.show_text(label.format(names=", ".join(shown)) if names else "")
        if recovery.next_phase is not None and recovery.next_phase_at is not None:
            at = when(recovery.next_phase_at, now, self.zone)
            words = translate("Coach", "Next: {phase} from {time} (in {span})")
            self.next_phase.show_text(
                words.format(
                    phase=SHORT_NAMES[recovery.next_phase],
                    time=at,
                    span=span(recovery.next_phase_at - now),
                )
            )
            self.next_phase.show()
        else:
            self.next_phase.hide()
        self.professional.show_text(PROFESSIONAL_NOTE, None, PANEL_TINT)
        self.professional.setVisible(recovery.see_professional)
        self.breaks.show_text(self._breaks_line(status))
        offered = offers(status, self.zone)
        for key, action in self.pause_actions.items():
            action.setText(offered[key].label)
            action.setVisible(offered[key].shown)
        for button in (self.pause, self.break_now):
            button.setEnabled(offered[Key(Act.BREAK_NOW)].enabled)

    def _breaks_line(self, status: Status) -> str:
        now, state = status.now, status.breaks
        if not status.settings.breaks:
            return translate("Coach", "Posture breaks are off (Settings).")
        if state is not None and state.paused_until is not None and state.paused_until > now:
            until = when(state.paused_until, now, self.zone)
            return translate("Coach", "Posture breaks paused until {time}.").format(time=until)
        if status.next_break is None:
            return translate("Coach", "Posture breaks start when you sit down.")
        if status.next_break <= now:
            return translate("Coach", "A posture break is due.")
        at = when(status.next_break, now, self.zone)
        return translate("Coach", "Next posture break at {time}.").format(time=at)


class CoachNews(QObject):
    """Tells the person, by notification, the recovery moments as they come."""

    def __init__(
        self,
        controller: Controller,
        service: Service,
        notifier: Notifier,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.notifier = notifier
        controller.idleTick.connect(self.check)

    def check(self) -> None:
        """Send a notification for each moment reached since the last check."""
        try:
            events = self.service.coach_events_due()
        except StoreError:
            return
        for event in events:
            self.notifier.notify(event.kind, event.title, event.body, urgent=False)
