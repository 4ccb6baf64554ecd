"""A break over a full-screen window on wlroots' Wayland: the real compositor (sway,
headless) tells the app that the terminal in front is full screen, and the break waits,
recorded nowhere, until it is not. The app's clock is the test's; sway's word is real."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from heattimer.gui.desktop.presence import WatchedFullScreen, pick_fullscreen_probe
from heattimer.platform.clock import FakeClock
from heattimer.service import Service
from tests.e2e.wayland import WaylandDesktop, missing_programs
from tests.gui.conftest import FakeNotifier, FakeSound, make_app
from tests.platform.conftest import need, wait_for

pytest.importorskip("pywayland", reason="pywayland is installed only on x86-64 Linux")


@pytest.fixture
def sway(monkeypatch: pytest.MonkeyPatch) -> Iterator[WaylandDesktop]:
    if missing_programs():
        need(*missing_programs())
    with WaylandDesktop() as desktop:
        monkeypatch.setenv("WAYLAND_DISPLAY", desktop.env["WAYLAND_DISPLAY"])
        yield desktop


def test_a_break_waits_while_the_window_in_front_is_full_screen_on_sway(
    sway: WaylandDesktop,
    qtbot: QtBot,
    service: Service,
    clock: FakeClock,
    notifier: FakeNotifier,
    sound: FakeSound,
) -> None:
    probe = pick_fullscreen_probe()
    assert isinstance(probe, WatchedFullScreen)
    assert probe.name == "Wayland (wlr foreign toplevel)"
    sway.spawn("foot", "--title", "film", log="foot.log")
    wait_for(lambda: sway.focused() == "film", 20, "the terminal to have the keyboard")
    sway.run("swaymsg", "[title=film]", "fullscreen", "enable")
    wait_for(probe, 10, "sway to say the window in front is full screen")

    app = make_app(service, clock, notifier, sound, breaks_as_notifications=True, fullscreen=probe)
    qtbot.addWidget(app.window)
    app.start()
    interval = service.settings().break_interval_minutes
    for _ in range(interval + 30):  # half an hour past due, the app ticking each minute
        clock.jump(timedelta(minutes=1))
        app.controller.tick()
    assert [n for n in notifier.shown if n["tag"] == "break"] == []
    now = clock.now()
    assert service.store.read(lambda t: t.breaks_between(now - timedelta(days=1), now)) == []

    sway.run("swaymsg", "[title=film]", "fullscreen", "disable")
    qtbot.waitUntil(lambda: probe() is False, timeout=10000)
    clock.jump(timedelta(minutes=1))
    app.controller.tick()
    assert notifier.shown[-1]["tag"] == "break"  # the break, now that it can be seen
    app.tray.icon.hide()
