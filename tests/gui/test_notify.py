"""The notifier's other ways: a session bus with no notification server, none at all, and the
tray's own message then, with an icon that matches what it says. (The server itself, dunst,
clicked by a person: tests/e2e/test_notifications.py.)"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from heattimer.gui.desktop.notify import Notifier

Icon = QSystemTrayIcon.MessageIcon


class Tray:
    """A shown tray icon that records its messages (offscreen Qt has no tray)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str, Icon]] = []

    def isVisible(self) -> bool:
        return True

    def showMessage(self, title: str, body: str, icon: Icon, ms: int) -> None:
        self.messages.append((title, body, icon))


@pytest.fixture
def bus_without_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A real private session bus on which nothing owns org.freedesktop.Notifications."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("needs dbus-daemon (the dbus-daemon package)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address",
         f"--address=unix:path={tmp_path / 'bus'}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()  # printed once it listens
        assert address, "dbus-daemon did not start"
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def test_with_no_server_on_the_bus_the_tray_says_it_with_the_right_icon(
    qtbot: QtBot, bus_without_server: None, tmp_path: Path
) -> None:
    tray = Tray()
    notifier = Notifier(tray, ids=tmp_path / "ids.json", use_bus=True)  # type: ignore[arg-type]
    notifier.notify("cold", "Cold session done", "Take the cold pack off.")
    qtbot.waitUntil(lambda: len(tray.messages) == 1, timeout=5000)
    assert tray.messages[0] == ("Cold session done", "Take the cold pack off.", Icon.Information)
    notifier.notify("alarm", "Time is up", "Turn the heat off.", urgent=True)
    qtbot.waitUntil(lambda: len(tray.messages) == 2, timeout=5000)
    assert tray.messages[1][2] is Icon.Warning, "the alarm is a warning, never an error icon"


def test_with_no_bus_at_all_the_tray_says_it_at_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-such-bus'}")
    tray = Tray()
    notifier = Notifier(tray, ids=tmp_path / "ids.json", use_bus=True)  # type: ignore[arg-type]
    notifier.notify("phase", "Heat is unlocked", "48 hours have passed.")
    assert tray.messages == [("Heat is unlocked", "48 hours have passed.", Icon.Information)]
    notifier.close("phase")  # nothing to close, nothing to fail
