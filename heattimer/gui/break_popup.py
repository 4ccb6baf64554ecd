"""The posture-break popup: one exercise, its steps and picture; Done, Snooze or Skip.

It appears near the tray corner without taking the keyboard from whatever the
person is typing in (shown without activation); once they click into it,
Enter is Done and Esc is Snooze. Done runs a short countdown for the
exercise, then counts as done. Ignored for two minutes, it closes itself and
counts as missed. Time is read from the clock on each tick, never counted.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from heattimer import APP_NAME
from heattimer.core.breaks import POPUP_TIMEOUT, SNOOZE
from heattimer.core.exercises import Exercise
from heattimer.core.model import BreakOutcome
from heattimer.core.wording import clock as clock_face
from heattimer.gui.widgets.banner import Banner
from heattimer.platform.catalogue import picture_png
from heattimer.platform.ports import Clock

PICTURE = QSize(160, 120)
MARGIN = 16


def _duration(seconds: int) -> str:
    return f"{seconds} s" if seconds < 60 else f"{round(seconds / 60)} min"


class BreakPopup(QWidget):
    """One posture break; ``answered(outcome)`` when it is over."""

    answered = Signal(object)  # BreakOutcome

    def __init__(self, exercise: Exercise, clock: Clock) -> None:
        super().__init__(None, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.exercise = exercise
        self.clock = clock
        self.shown_at = clock.now()
        self.countdown_until: datetime | None = None
        self.outcome: BreakOutcome | None = None
        self.setWindowTitle(f"Posture break — {APP_NAME}")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.setSpacing(14)
        picture = QLabel()
        scale = 2 if self.devicePixelRatioF() > 1 else 1  # a HiDPI screen: the 2x picture
        pixmap = QPixmap(picture_png(self.exercise, scale))  # rendered by tools/render_pngs.py
        pixmap.setDevicePixelRatio(scale)
        picture.setPixmap(pixmap)
        picture.setFixedSize(PICTURE)
        top.addWidget(picture)
        words = QVBoxLayout()
        kicker = QLabel("Time for a posture break")
        title = QLabel(self.exercise.name)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        self.length = QLabel(f"About {_duration(self.exercise.seconds)}")
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
        if self.exercise.why:
            why = Banner(bold=False, centred=False)
            why.italic = True
            why.show_text(self.exercise.why)
            layout.addWidget(why)

        buttons = QHBoxLayout()
        self.done = QPushButton("Done")
        self.done.setDefault(True)
        self.done.setToolTip("Start the exercise now (Enter)")
        self.snooze = QPushButton(f"Snooze {round(SNOOZE.total_seconds() / 60)} min")
        self.snooze.setToolTip("Remind me in a few minutes (Esc)")
        self.skip = QPushButton("Skip")
        self.done.clicked.connect(self.start_exercise)
        self.snooze.clicked.connect(lambda: self.finish(BreakOutcome.SNOOZED))
        self.skip.clicked.connect(lambda: self.finish(BreakOutcome.SKIPPED))
        for button in (self.done, self.snooze, self.skip):
            button.setMinimumHeight(32)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.steps.setMinimumWidth(408)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)

    def place_near(self, anchor_x: int | None = None, anchor_y: int | None = None) -> None:
        """Put the popup in the screen's corner nearest the tray (or the given point)."""
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        right = area.right() - self.width() - MARGIN
        x = (
            right
            if anchor_x is None
            else min(max(area.left() + MARGIN, anchor_x - self.width()), right)
        )
        top_half = anchor_y is not None and anchor_y < area.center().y()
        y = area.top() + MARGIN if top_half else area.bottom() - self.height() - MARGIN
        self.move(x, y)

    def start_exercise(self) -> None:
        """Done: count the exercise down, then it counts as done."""
        if self.countdown_until is not None:
            return
        self.countdown_until = self.clock.now() + timedelta(seconds=self.exercise.seconds)
        self.snooze.hide()
        self.skip.setText("Stop")
        self.done.setText("Finished early")
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
                self.length.setText(f"{clock_face(left)} left: keep going")
        elif now - self.shown_at >= POPUP_TIMEOUT:
            self.finish(BreakOutcome.MISSED)

    def finish(self, outcome: BreakOutcome) -> None:
        """Close the popup with ``outcome`` (once)."""
        if self.outcome is not None:
            return
        self.outcome = outcome
        self._timer.stop()
        self.answered.emit(outcome)
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
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
