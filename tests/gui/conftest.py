"""Widget tests run offscreen, with a clock the test moves and fakes for sound and notices."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from heattimer.store import Store
from tests.needs import require_qt

require_qt("the widget tests")  # the whole folder: one line when Qt's libraries are missing

if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QObject, Signal  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")


class FakeNotifier(QObject):
    """Records notifications instead of showing them."""

    actionInvoked = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.tray = None
        self.shown: list[dict[str, object]] = []
        self.closed: list[str] = []
        self.images: list[str] = []

    def notify(
        self,
        tag: str,
        title: str,
        body: str,
        urgent: bool = False,
        actions: tuple[tuple[str, str], ...] = (),
        image: str = "",
    ) -> None:
        self.shown.append(
            {"tag": tag, "title": title, "body": body, "urgent": urgent, "actions": actions}
        )
        self.images.append(image)

    def close(self, tag: str) -> None:
        self.closed.append(tag)


class FakeSound:
    """Counts chimes."""

    def __init__(self) -> None:
        self.played = 0

    def play(self) -> None:
        self.played += 1


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))  # 14:00 in Berlin


@pytest.fixture
def service(tmp_path: Path, clock: FakeClock) -> Iterator[Service]:
    store = Store(tmp_path / "data", back_up_aside=True)  # as the app opens it
    yield Service(store, clock, BERLIN)
    store.close()


@pytest.fixture
def notifier() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def sound() -> FakeSound:
    return FakeSound()


def make_app(
    service: Service,
    clock: FakeClock,
    notifier: FakeNotifier,
    sound: FakeSound,
    tray_available: bool = True,
    welcome: bool = False,
    **options: object,
):  # type: ignore[no-untyped-def]
    """The app with fakes for everything the desktop would tell it (idle time, full screen)."""
    from heattimer.gui.app import HeatTimerApp
    from heattimer.platform.idle import FakeIdle

    options.setdefault("idle", FakeIdle(0.0))
    options.setdefault("fullscreen", lambda: False)
    app = HeatTimerApp(
        service,
        clock,
        notifier,
        sound,  # type: ignore[arg-type]
        tray_available=tray_available,
        **options,  # type: ignore[arg-type]
    )
    app.controller.startup_chores_ms = 0  # no window to wait for: the first chores at once
    app.welcome_on_start = welcome  # (its own tests: tests/gui/test_guide.py)
    return app


@pytest.fixture(autouse=True)
def _close_popups() -> Iterator[None]:
    """Posture-break popups are top-level windows: none may outlive its test."""
    yield
    from PySide6.QtWidgets import QApplication

    from heattimer.gui.break_popup import BreakPopup

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, BreakPopup):
            widget.hide()
            widget.deleteLater()


class Answer:
    """Answers the next modal dialog as a person would, once it is up: presses ``keys`` in
    it, then clicks the button labelled ``click`` (if given). ``asked`` is what it said."""

    def __init__(self, keys: tuple[object, ...] = (), click: str | None = None) -> None:
        from PySide6.QtCore import QTimer

        self.keys, self.click = keys, click
        self.asked: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        self._timer.stop()
        self.asked.append(
            dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle()
        )
        for key in self.keys:  # where the keyboard is, as typing would, until it closes
            if not dialog.isVisible():
                break
            QTest.keyClick(dialog.focusWidget() or dialog, key)  # type: ignore[call-overload]
        if self.click is not None and dialog.isVisible():
            for button in dialog.findChildren(QPushButton):
                if button.text().replace("&", "") == self.click:
                    button.click()
                    return
            raise AssertionError(f"no {self.click!r} button in {self.asked[-1]!r}")
        if dialog.isVisible():  # (nothing closed it: the test would hang)
            dialog.close()
            raise AssertionError(f"{self.keys} left {self.asked[-1]!r} open")


@pytest.fixture
def app(qtbot, service: Service, clock: FakeClock, notifier: FakeNotifier, sound: FakeSound):  # type: ignore[no-untyped-def]
    """The app started with a tray, its window up (a module may wait for more: test_app)."""
    heat_timer = make_app(service, clock, notifier, sound, tray_available=True)
    qtbot.addWidget(heat_timer.window)
    heat_timer.start()
    yield heat_timer
    heat_timer.tray.icon.hide()
