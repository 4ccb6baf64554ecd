"""On a real desktop (openbox, xfce4-panel, dunst): the keyboard stays with the person, and the
posture-break popup goes next to the tray, off the taskbar.

- Keys typed when the app starts, and when its alarm comes up while the person types in
  another app, start nothing, log nothing and record nothing; the other app keeps the
  keyboard, and the alarm's window is raised and marked as wanting attention.
- With the panel at the top, then at the bottom, the popup is fully on the screen at the
  panel's right end, where the tray is.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.test_desktop import SHOTS, App, _need

pytestmark = pytest.mark.desktop

TYPED = ("space", "Return", "KP_Enter", "l", "s", "c", "h", "space", "Return")
"""Keys that, landing on a button of the window, would press it."""


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    _need("sni")
    with Desktop("sni", panel="top") as desktop, tray_up(desktop, tmp_path / "data") as running:
        yield running


@contextlib.contextmanager
def tray_up(desktop: Desktop, data: Path) -> Iterator[App]:
    """The app started on ``desktop``, once its window and its tray icon are up."""
    with App(desktop, data) as app:
        wait_for(lambda: desktop.window_ids("Heat Timer"), 30, "the window")
        wait_for(lambda: "/StatusNotifierItem" in desktop.tray_items(), 20, "the tray icon")
        yield app


def nothing_was_done(app: App) -> None:
    status = app.status()
    assert status["session"] is None, status
    assert status["today"]["sessions"] == 0, status
    listed = app.cli("injury", "list")
    assert listed.returncode == 0 and "No injuries" in listed.stdout, listed.stdout


def test_keys_typed_at_launch_press_nothing(app: App) -> None:
    desktop = app.desktop
    window = desktop.window_ids("Heat Timer")[0]
    wait_for(lambda: desktop.active_window() == window, 10, "the new window to be focused")
    desktop.type_keys(*TYPED)
    nothing_was_done(app)


def test_the_alarm_leaves_the_keyboard_with_the_app_being_typed_in(
    app: App, tmp_path: Path
) -> None:
    desktop = app.desktop
    typed = tmp_path / "typed.txt"
    typist = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("typist.py")), str(typed)], env=desktop.env
    )
    try:
        editor = wait_for(lambda: desktop.window_ids("Typing here"), 20, "the other app")[0]  # type: ignore[index]
        desktop.run("xdotool", "windowactivate", "--sync", str(editor))
        assert app.cli("start").returncode == 0
        desktop.type_keys("a")
        app.move_clock(15 * 60 + 1)
        window = desktop.window_ids("Heat Timer")[0]
        wait_for(lambda: "DEMANDS_ATTENTION" in desktop.window_states(window), 10, "the alarm")
        desktop.type_keys(*TYPED)  # the person goes on typing
        wanted = "a lsch "  # every key reached the other app (Return: none in one line)
        wait_for(lambda: typed.exists() and typed.read_text() == wanted, 5, "the typing")
        assert desktop.active_window() == editor
        desktop.screenshot(SHOTS / "alarm-while-typing.png")
        status = app.status()
        assert status["unconfirmed"] is not None  # no key said the heat is off
        listed = app.cli("injury", "list")
        assert "No injuries" in listed.stdout
    finally:
        typist.terminate()
        typist.wait(timeout=10)


@pytest.mark.parametrize("edge", ["top", "bottom"])
def test_the_popup_is_beside_the_tray_on_the_screen_and_off_the_taskbar(
    edge: str, tmp_path: Path
) -> None:
    _need("sni")
    with (
        Desktop("sni", panel=edge, size="1280x800") as desktop,
        tray_up(desktop, tmp_path / "data") as app,
    ):
        panel = next(
            w for w in desktop.window_ids("xfce4-panel") if desktop.window_geometry(w)[2] > 600
        )
        _, panel_y, _, panel_h = desktop.window_geometry(panel)
        assert app.cli("break", "now").returncode == 0
        popup = wait_for(lambda: desktop.window_ids("Posture break"), 10, "the popup")[0]  # type: ignore[index]

        def placed() -> bool:  # (once the window manager has framed it, it may move once)
            x, y, width, height = desktop.window_geometry(popup)
            beside = panel_y + panel_h <= y <= panel_y + panel_h + 40  # under a top panel
            if edge == "bottom":
                beside = panel_y - 40 <= y + height <= panel_y
            return beside and 1280 - (x + width) <= 40  # the right end, where the tray is

        wait_for(placed, 5, f"the popup beside the tray on the {edge} panel")
        x, y, width, height = desktop.window_geometry(popup)
        desktop.screenshot(SHOTS / f"popup-{edge}-panel.png")
        assert x >= 0 and x + width <= 1280 and y >= 0 and y + height <= 800  # all on screen
        assert "_NET_WM_STATE_SKIP_TASKBAR" in desktop.window_states(popup)


def test_the_window_keeps_its_size_and_place_when_it_comes_back_from_the_tray(
    app: App,
) -> None:
    desktop = app.desktop
    window = desktop.window_ids("Heat Timer")[0]
    desktop.run("xdotool", "windowsize", str(window), "500", "580")
    desktop.run("xdotool", "windowmove", str(window), "300", "140")
    placed = wait_for(lambda: geometry(app, window), 5, "the window to be moved")
    desktop.close_window(window)  # hidden in the tray
    wait_for(lambda: not desktop.window_ids("Heat Timer"), 10, "the window to hide")
    second = app.cli()  # launched again: the running app's window comes back
    assert second.returncode == 0, second.stderr
    wait_for(lambda: desktop.window_ids("Heat Timer"), 10, "the window to come back")
    assert geometry(app, window) == placed


def geometry(app: App, window: int) -> tuple[str, str] | None:
    """Where the window is and how big, once it is where the test put it."""
    shown = app.desktop.run("xdotool", "getwindowgeometry", str(window)).stdout.split("\n")
    place, size = (line.split(":")[1].split("(")[0].strip() for line in shown[1:3])
    return (place, size) if size == "500x580" else None
