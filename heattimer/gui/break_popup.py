"""The posture-break popup: one exercise, its steps and picture; Done, Snooze or Skip.

It appears next to the tray (gui/placement.py), not in the taskbar, without taking the
keyboard from whatever the person is typing in (shown without activation); once they
click into it, Enter is Done and Esc is Snooze; before that no key answers it, even where
the desktop gives it the keyboard (Wayland). Done runs a short countdown for the
exercise, then counts as done. Ignored for two minutes, it closes itself and
counts as missed. Time is read from the clock on each tick, never counted.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPixmap,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from heattimer.core.breaks import ANSWERS, unanswered
from heattimer.core.exercises import Exercise
from heattimer.core.model import BreakOutcome
from heattimer.core.wording import clock as clock_face
from heattimer.gui.placement import MARGIN, popup_position
from heattimer.gui.translate import translate
from heattimer.gui.widgets.banner import Banner
from heattimer.platform.catalogue import picture_png
from heattimer.platform.ports import Clock

PICTURE = QSize(160, 120)
PADDING = 16
FRAME_GUESS = 30
"""The window manager's title bar, until the popup is shown and its frame is known."""


def _duration(seconds: int) -> str:
    if seconds < 60:
        return translate("BreakPopup", "About {seconds} s").format(seconds=seconds)
    return translate("BreakPopup", "About {minutes} min").format(minutes=round(seconds / 60))


class BreakPopup(QWidget):
    """One posture break; ``answered(outcome)`` when it is over."""

    answered = Signal(object)  # BreakOutcome

    def __init__(self, exercise: Exercise, clock: Clock) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.exercise = exercise
        self.clock = clock
        self._placed: tuple[QScreen, QRect | None] | None = None
        self.engaged = False
        """The person has clicked into the popup (keys typed before that answer nothing)."""
        self.shown_at = clock.now()
        self.countdown_until: datetime | None = None
        self.outcome: BreakOutcome | None = None
        self.setWindowTitle(translate("BreakPopup", "Posture break — Heat Timer"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(PADDING, PADDING, PADDING, PADDING)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.setSpacing(14)
        picture = self.picture = QLabel()
        scale = 2 if self.devicePixelRatioF() > 1 else 1  # a HiDPI screen: the 2x picture
        pixmap = QPixmap(picture_png(self.exercise, scale))  # rendered by tools/render_pngs.py
        pixmap.setDevicePixelRatio(scale)
        picture.setPixmap(pixmap)
        picture.setFixedSize(PICTURE)
        top.addWidget(picture)
        words = QVBoxLayout()
        kicker = QLabel(translate("BreakPopup", "Time for a posture break"))
        title = QLabel(self.exercise.name)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        self.length = QLabel(_duration(self.exercise.seconds))
        for label in (kicker, title, self.length):
            words.addWidget(label)
        words.addStretch(1)
        top.addLayout(words, 1)
        layout.addLayout(top)

        # Banners, not word-wrapped labels: Qt cannot size a window around those.
        self.steps = Banner(bold=False, centred=False)
        self.steps.show_text(
            "\n".join(f"{n}. {step}" for n, step in enumerate(self.exercise.steps, 1))
        )
        layout.addWidget(self.steps)
        self.why = Banner(bold=False, centred=False)
        self.why.italic = True
        self.why.show_text(self.exercise.why)
        self.why.setVisible(bool(self.exercise.why))
        layout.addWidget(self.why)

        buttons = QHBoxLayout()
        self.done = QPushButton(ANSWERS[BreakOutcome.DONE])
        self.done.setDefault(True)
        self.done.setToolTip(translate("BreakPopup", "Start the exercise now (Enter)"))
        self.snooze = QPushButton(ANSWERS[BreakOutcome.SNOOZED])
        self.snooze.setToolTip(translate("BreakPopup", "Remind me in a few minutes (Esc)"))
        self.skip = QPushButton(ANSWERS[BreakOutcome.SKIPPED])
        self.done.clicked.connect(self.start_exercise)
        self.snooze.clicked.connect(lambda: self.finish(BreakOutcome.SNOOZED))
        self.skip.clicked.connect(lambda: self.finish(BreakOutcome.SKIPPED))
        for button in (self.done, self.snooze, self.skip):
            button.setMinimumHeight(32)
            # No button takes the keyboard: where the desktop gives the popup the keyboard
            # anyway (Wayland focuses a new window), a Space typed into it presses nothing.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.steps.setMinimumWidth(408)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)

    def place(self, icon: QRect | None = None) -> None:
        """Lay the popup out, then put it next to the tray (its ``icon``, where the tray says
        where that is) on the tray's screen, fully inside it (gui/placement.py)."""
        screen = QGuiApplication.screenAt(icon.center()) if icon is not None else None
        screen = screen or QGuiApplication.primaryScreen()
        if screen is None:
            return
        self.fit(screen.availableGeometry())
        outside = self.frameGeometry().size() - self.size()  # (the title bar, once known)
        self._move_beside(screen, icon, outside if outside.height() > 0 else QSize(0, FRAME_GUESS))
        self._placed = (screen, icon)

    def _move_beside(self, screen: QScreen, icon: QRect | None, frame: QSize) -> None:
        """Move the popup, with a window frame of ``frame``, to its place (gui/placement.py)."""
        size = self.size() + frame
        self.move(popup_position(size, screen.geometry(), screen.availableGeometry(), icon))

    def fit(self, available: QRect) -> None:
        """Take the size the text needs at its width; where the screen is too small for that
        (a small screen, 2x scale), leave out the why, then the picture."""
        room = available.height() - 2 * MARGIN - FRAME_GUESS
        for leave_out in (None, self.why, self.picture):
            if leave_out is not None:
                leave_out.hide()
            layout = self.layout()
            if layout is not None:
                layout.activate()  # sizes every banner at the popup's width before it is shown
            self.adjustSize()
            if self.height() <= room:
                return

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(200, self._replace_with_frame)  # the window manager framed it

    def _replace_with_frame(self) -> None:
        if self._placed is None or not self.isVisible():
            return
        screen, icon = self._placed
        outside = self.frameGeometry().size() - self.size()
        if outside.height() > 0 and outside.height() != FRAME_GUESS:
            self._move_beside(screen, icon, outside)
            self._placed = None

    def start_exercise(self) -> None:
        """Done: count the exercise down, then it counts as done."""
        if self.countdown_until is not None:
            return
        self.countdown_until = self.clock.now() + timedelta(seconds=self.exercise.seconds)
        self.snooze.hide()
        self.skip.setText(translate("BreakPopup", "Stop"))
        self.done.setText(translate("BreakPopup", "Finished early"))
        self.done.clicked.disconnect()
        self.done.clicked.connect(lambda: self.finish(BreakOutcome.DONE))
        self.tick()

    def tick(self) -> None:
        """Read the clock: update the countdown, finish it, or close an ignored popup."""
        now = self.clock.now()
        if self.countdown_until is not None:
            left = self.countdown_until - now
            if left <= timedelta(0):
                self.finish(BreakOutcome.DONE)
            else:
                self.length.setText(
                    translate("BreakPopup", "{time} left: keep going").format(time=clock_face(left))
                )
        elif unanswered(self.shown_at, now):
            self.finish(BreakOutcome.MISSED)

    def finish(self, outcome: BreakOutcome) -> None:
        """Close the popup with ``outcome`` (once)."""
        if self.outcome is not None:
            return
        self.outcome = outcome
        self._timer.stop()
        self.answered.emit(outcome)
        self.close()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.engaged = True  # the person clicked into it: from now on Enter and Esc answer
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.engaged:
            event.accept()  # typed while meaning another window: no key answers the break
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.done.click()
        elif event.key() == Qt.Key.Key_Escape:
            if self.countdown_until is None:
                self.finish(BreakOutcome.SNOOZED)
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # closed by the window manager's button
        if self.outcome is None:
            self.outcome = BreakOutcome.SKIPPED
            self._timer.stop()
            self.answered.emit(BreakOutcome.SKIPPED)
        super().closeEvent(event)
