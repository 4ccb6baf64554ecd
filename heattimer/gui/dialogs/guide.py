"""What the app says about itself: the first-run welcome (what it does, the safety rules,
when to see a professional, that it is not medical advice, where it lives; then the
person's two choices), the help page, and the About box. The words are core's
(core/guide.py); this lays them out, in a part that scrolls on a small screen."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from heattimer import APP_NAME, __version__
from heattimer.core import guide
from heattimer.core.settings import SPECS, Settings
from heattimer.gui.translate import QT_TRANSLATE_NOOP, translate

WIDTH = 560
LICENCE = QT_TRANSLATE_NOOP("Guide", "MIT licence")


class WelcomeAnswers(NamedTuple):
    """What the person chose in the welcome; None for a setting left as it was shown (so
    that one changed in Settings meanwhile stays as it was changed there)."""

    breaks: bool | None
    break_interval_minutes: int | None
    start_at_login: bool | None
    add_to_menu: bool


def _text(text: str, bold: bool = False, size: float = 0) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold or size:
        font = label.font()
        font.setBold(bold)
        if size:
            font.setPointSizeF(font.pointSizeF() * size)
        label.setFont(font)
    return label


class _Page(QDialog):
    """A dialog whose words scroll, above buttons that stay; ``closed`` when the person
    closes it (its button, Esc, the title bar's close), not when the app tears it down."""

    closed = Signal()

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — {APP_NAME}")
        outer = QVBoxLayout(self)
        self.words = QVBoxLayout()
        self.words.setSpacing(10)
        body = self.body = QWidget()
        body.setLayout(self.words)
        body.setMinimumWidth(WIDTH)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(body)
        outer.addWidget(self.scroller, 1)
        self.below = QVBoxLayout()
        outer.addLayout(self.below)

    def done(self, result: int) -> None:
        super().done(result)
        self.closed.emit()

    def heading(self, text: str) -> None:
        self.words.addWidget(_text(text, bold=True, size=1.15))

    def paragraphs(self, *texts: str, bold: bool = False) -> None:
        for text in texts:
            self.words.addWidget(_text(text, bold=bold))

    def bullets(self, texts: list[str]) -> None:
        for text in texts:
            self.words.addWidget(_text(f"•  {text}"))

    def fit(self) -> None:
        """As tall as the words, as far as the screen allows (the rest scrolls), and in
        the middle of the screen: shown just after the window, the window may not be
        placed yet to be centred over (a window manager then puts it at an edge)."""
        self.words.addStretch(1)
        screen = self.screen().availableGeometry()
        width = WIDTH + 40
        need = self.words.totalHeightForWidth(width) + self.below.sizeHint().height() + 40
        self.resize(width + 20, min(screen.height() - 80, need))
        frame = self.frameGeometry()
        frame.moveCenter(screen.center())
        self.move(frame.topLeft())


class WelcomeDialog(_Page):
    """The first run: what Heat Timer is, the safety rules, and two choices; ``answered``
    with them when it closes (its button, Esc or the title bar's close alike)."""

    answered = Signal(object)

    def __init__(
        self,
        settings: Settings,
        tray: bool,
        starts_at_login: bool,
        menu_missing: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(translate("Guide", "Welcome"), parent)
        self.heading(translate("Guide", "Welcome to Heat Timer"))
        self.paragraphs(guide.WHAT_IT_DOES)
        self.heading(translate("Guide", "The safety rules it keeps"))
        self.bullets(guide.safety_rules(settings))
        self.paragraphs(guide.SEE_A_PROFESSIONAL)
        self.paragraphs(guide.DISCLAIMER, bold=True)
        self.heading(translate("Guide", "Where it lives"))
        self.paragraphs(guide.TRAY_NOTE if tray else guide.NO_TRAY_NOTE)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        self.below.addWidget(line)
        self.below.addWidget(
            _text(translate("Guide", "Your choices (Settings changes them later):"), bold=True)
        )
        self.breaks = QCheckBox(translate("Guide", "Posture breaks, after sitting for"))
        self.breaks.setChecked(settings.breaks)
        allowed = SPECS["break-interval-minutes"].allowed
        assert allowed is not None
        self.interval = QSpinBox()
        self.interval.setRange(allowed.start, allowed.stop - 1)
        self.interval.setSuffix(translate("Guide", " min"))
        self.interval.setValue(settings.break_interval_minutes)
        self.interval.setEnabled(settings.breaks)
        self.breaks.toggled.connect(self.interval.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.breaks)
        row.addWidget(self.interval)
        row.addStretch(1)
        self.below.addLayout(row)
        self.shown = settings
        self.login = QCheckBox(
            translate("Guide", "Start Heat Timer when I log in (in the tray)")
            if tray
            else translate("Guide", "Start Heat Timer when I log in")
        )
        self.login.setChecked(starts_at_login)
        self.shown_login = starts_at_login
        self.below.addWidget(self.login)
        self.menu = QCheckBox(translate("Guide", "Add Heat Timer to the application menu"))
        self.menu.setChecked(menu_missing)
        self.menu.setVisible(menu_missing)
        self.below.addWidget(self.menu)
        self.done_button = QPushButton(translate("Guide", "Start using Heat Timer"))
        self.done_button.setAutoDefault(False)  # no Enter typed elsewhere answers it
        self.done_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        self.below.addLayout(buttons)
        self.fit()

    def done(self, result: int) -> None:
        self.answered.emit(self.answers())
        super().done(result)

    def answers(self) -> WelcomeAnswers:
        """The choices as they stand (closing the welcome keeps them too)."""
        breaks, interval = self.breaks.isChecked(), self.interval.value()
        return WelcomeAnswers(
            breaks=None if breaks == self.shown.breaks else breaks,
            break_interval_minutes=(
                None if interval == self.shown.break_interval_minutes else interval
            ),
            start_at_login=(
                None if self.login.isChecked() == self.shown_login else self.login.isChecked()
            ),
            add_to_menu=not self.menu.isHidden() and self.menu.isChecked(),
        )


class HelpDialog(_Page):
    """How each rule works, and why."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(translate("Guide", "Help"), parent)
        for topic in guide.help_topics(settings):
            self.heading(topic.title)
            self.paragraphs(*topic.paragraphs)
        _close_button(self)
        self.fit()


class AboutDialog(_Page):
    """The version, the licence, where the data lives, the disclaimer."""

    def __init__(self, data_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(translate("Guide", "About"), parent)
        self.heading(f"{APP_NAME} {__version__}")
        self.paragraphs(guide.WHAT_IT_DOES, translate("Guide", LICENCE))
        where = _text(translate("Guide", "Your data: {folder}").format(folder=data_folder))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.words.addWidget(where)
        self.paragraphs(guide.DISCLAIMER, bold=True)
        _close_button(self)
        self.fit()


def _close_button(page: _Page) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(page.reject)
    page.below.addWidget(buttons)
