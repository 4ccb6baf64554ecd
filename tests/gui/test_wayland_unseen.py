"""A break over a full-screen video on KDE's Wayland: nobody touches anything while it is up,
the real compositor (KWin, headless) says so through ext-idle-notify-v1, and the break comes
again later instead of being stored as missed. The app's clock is the test's; KWin's word
"idle" is real (after 1 s without input here)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from heattimer.gui.desktop.presence import WatchedIdle, pick_idle_monitor
from heattimer.platform.clock import FakeClock
from heattimer.platform.wayland_idle import WaylandIdle
from heattimer.service import Service
from tests.e2e.kwin import KWin
from tests.gui.conftest import FakeNotifier, FakeSound, make_app

pytest.importorskip("pywayland", reason="pywayland is installed only on x86-64 Linux")


@pytest.fixture
def kwin() -> Iterator[KWin]:
    with KWin() as compositor:
        yield compositor


def test_a_break_nobody_saw_on_kde_comes_again_and_is_not_missed(
    kwin: KWin,
    qtbot: QtBot,
    service: Service,
    clock: FakeClock,
    notifier: FakeNotifier,
    sound: FakeSound,
) -> None:
    compositor = WaylandIdle.connect(
        kwin.display, timeout=1.0, clock=lambda: clock.now().timestamp()
    )
    assert compositor is not None
    idle = WatchedIdle(compositor)
    app = make_app(service, clock, notifier, sound, breaks_as_notifications=True, idle=idle)
    qtbot.addWidget(app.window)
    app.start()
    app.breaks.offer_now()
    shown_at = clock.now()
    assert notifier.shown[-1]["tag"] == "break"
    # KWin says "idle"; the event loop reads it when it comes, with nobody asking.
    qtbot.waitUntil(lambda: compositor.idle_since is not None, timeout=15000)
    clock.jump(timedelta(minutes=2))  # still nobody at the keyboard
    app._break_unanswered(shown_at)
    assert notifier.closed == ["break"]
    now = clock.now()
    records = service.store.read(lambda t: t.breaks_between(now - timedelta(days=1), now))
    assert records == []  # not "missed"
    state = service.break_state()
    assert state is not None and state.snoozed_until == now + timedelta(minutes=10)
    compositor.close()
    app.tray.icon.hide()


def test_the_app_picks_the_compositor_s_idle_time_where_mutter_does_not_answer(
    kwin: KWin, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtDBus import QDBusConnection

    monkeypatch.setenv("WAYLAND_DISPLAY", kwin.display)
    name = "heattimer-no-mutter"
    bus = QDBusConnection.connectToBus(kwin.bus, name)  # a bus with no Mutter on it
    try:
        monitor = pick_idle_monitor(bus)
        assert isinstance(monitor, WatchedIdle)
        assert monitor.name == "Wayland (ext-idle-notify-v1)"
        assert monitor.idle_seconds() == 0.0
        # KWin's default timeout here is the app's (30 s): watched, nothing is read early.
        assert monitor.monitor.idle_since is None
        monitor.monitor.close()
        assert monitor.idle_seconds() is None
    finally:
        QDBusConnection.disconnectFromBus(name)
