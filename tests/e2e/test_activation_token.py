"""A click on a notification in mako, on sway, with a pointer sway takes as a real one:
mako asks the compositor for an activation token with the click and hands it over
(ActivationToken, then ActionInvoked), and the app's connection passes it on with the
click, for the window to take the keyboard with. A button pressed through makoctl has
no click, so it comes with no token."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

from heattimer.platform.notifications import Clicked, Event, Note, NotificationBus
from tests.e2e.desktop import wait_for
from tests.e2e.wayland import WaylandDesktop, missing_programs
from tests.needs import require

pytest.importorskip("pywayland", reason="pywayland is installed only on x86-64 Linux")
pytestmark = pytest.mark.desktop

ACTIONS = (("heat-off", "Heat is off"), ("default", "Open Heat Timer"))


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> Iterator[WaylandDesktop]:
    require(missing_programs(), "the Wayland desktop test")
    with WaylandDesktop() as wayland:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", wayland.env["DBUS_SESSION_BUS_ADDRESS"])
        yield wayland


def clicks(bus: NotificationBus) -> list[Clicked]:
    events: list[Event] = bus.read()
    return [e for e in events if isinstance(e, Clicked)]


def test_a_click_in_mako_comes_with_an_activation_token(desktop: WaylandDesktop) -> None:
    from tests.e2e.pointer import VirtualPointer

    bus = NotificationBus.open("Heat Timer", "heattimer")
    assert bus is not None
    bus.show(Note("alarm", "Time is up", "Turn the heat off.", actions=ACTIONS))
    wait_for(desktop.notifications, 10, "mako to show it")
    got: list[Clicked] = []
    mouse = VirtualPointer(desktop.env["WAYLAND_DISPLAY"], desktop.output_size())
    try:
        # mako lists it before it has drawn it: under load a first click may find nothing
        # there yet, and a person would click again.
        for _ in range(5):
            mouse.click(*desktop.notification_spot())
            with contextlib.suppress(TimeoutError):
                wait_for(lambda: got.extend(clicks(bus)) or got, 2, "the click")
                break
    finally:
        mouse.close()
    assert got, "mako never heard the click"
    assert [(c.tag, c.key) for c in got] == [("alarm", "default")]
    assert got[0].token  # sway's token, from mako

    bus.show(Note("alarm", "Time is up", "Turn the heat off.", actions=ACTIONS))
    wait_for(desktop.notifications, 10, "mako to show it again")
    desktop.press("Time is up", "heat-off")  # makoctl: no click, so no token
    got.clear()
    wait_for(lambda: got.extend(clicks(bus)) or got, 10, "the button")
    assert got == [Clicked("alarm", "heat-off", "")]
    bus.disconnect()
