"""Notifications on a real desktop, clicked as a person clicks them: the real dunst draws them,
xdotool clicks them (dunst: the middle button runs a notification's action, the left one
closes it), and what the server got is read from dbus-monitor's log.

No test sends a signal the server would not send: every ActionInvoked and NotificationClosed
here comes from dunst, to the connection that sent the notification.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, Notify, wait_for
from tests.e2e.test_desktop import App, _need, window_up

pytestmark = pytest.mark.desktop

ALARM = "Time is up: turn the heat off"


def alarm_calls(desktop: Desktop) -> list[Notify]:
    return [call for call in desktop.notify_calls() if call.title == ALARM]


def start(app: App, *argv: str) -> None:
    """Start a session from the command line, and wait until the app shows it running."""
    assert app.cli("start", *argv).returncode == 0
    wait_for(
        lambda: any(" · Heat Timer" in t for t in app.desktop.window_names("Heat Timer")),
        10,
        "the app to show the session",
    )


def ring(app: App, minutes: int = 15) -> Notify:
    """Start a heat session and move the clock past its end: the alarm's notification."""
    start(app, "--minutes", str(minutes))
    before = len(alarm_calls(app.desktop))
    app.move_clock(minutes * 60 + 1)
    wait_for(lambda: len(alarm_calls(app.desktop)) > before, 15, "the alarm's notification")
    wait_for(app.desktop.shown_notifications, 5, "dunst to show it")
    return alarm_calls(app.desktop)[-1]


def shown_ids(desktop: Desktop) -> dict[str, int]:
    """The ids the app keeps of its notifications on the screen (in the runtime folder)."""
    saved = Path(desktop.env["XDG_RUNTIME_DIR"]) / "heattimer" / "notifications.json"
    return dict(json.loads(saved.read_text())["ids"])


@pytest.fixture(params=["sni", "xembed", "none"])
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[App]:
    """The app on a desktop with a StatusNotifierItem tray, an XEmbed one, and none."""
    _need(request.param)
    with Desktop(request.param) as desktop, window_up(desktop, tmp_path / "data") as running:
        yield running


def test_the_alarms_button_confirms_the_heat_off_and_closing_it_does_not(app: App) -> None:
    desktop = app.desktop
    first = ring(app)
    assert first.urgency == 2, "the alarm must be critical: desktops keep it on the screen"
    assert first.timeout == 0, "the alarm must not expire"
    assert first.actions == ["heat-off", "Heat is off"]
    assert app.status()["unconfirmed"] is not None

    desktop.click_notification(1)  # the left button closes it: that answers nothing
    wait_for(lambda: desktop.shown_notifications() == 0, 5, "the notification to close")
    assert app.status()["unconfirmed"] is not None

    app.move_clock(15 * 60 + 1 + 61)  # a minute on, the alarm rings again
    wait_for(lambda: len(alarm_calls(desktop)) == 2, 15, "the alarm to ring again")
    wait_for(desktop.shown_notifications, 5, "dunst to show it")
    assert desktop.shown_notifications() == 1

    desktop.click_notification(2)  # the middle button runs "Heat is off"
    wait_for(lambda: app.status()["unconfirmed"] is None, 10, "the heat-off confirmation")
    wait_for(lambda: desktop.shown_notifications() == 0, 5, "the notification to go")
    assert app.completed_heat_sessions() == 1


def test_a_repeat_replaces_the_alarm_on_the_screen_also_after_a_relaunch(
    tmp_path: Path,
) -> None:
    _need("sni")
    with Desktop("sni") as desktop:
        with window_up(desktop, tmp_path / "data") as first:
            ring(first)
            app_id = shown_ids(desktop)["alarm"]
        # (stopped mid-alarm: its notification stays on the screen)
        assert desktop.shown_notifications() == 1
        with App(desktop, tmp_path / "data") as again:
            again.move_clock(15 * 60 + 1)  # (the same offset: the clock file is rewritten)
            wait_for(lambda: len(alarm_calls(desktop)) == 2, 30, "the relaunched app's alarm")
            assert alarm_calls(desktop)[-1].replaces == app_id
            assert desktop.shown_notifications() == 1, "the alarm is shown twice"
            desktop.click_notification(2)
            wait_for(lambda: again.status()["unconfirmed"] is None, 10, "the confirmation")


def test_after_the_server_restarted_the_app_replaces_none_of_its_new_notifications(
    tmp_path: Path,
) -> None:
    # A new server hands out ids from 1 again: an id kept from the old one may be another
    # app's notification now, and must not be replaced.
    _need("sni")
    with Desktop("sni") as desktop:
        with window_up(desktop, tmp_path / "data") as first:
            ring(first)
        desktop.restart_notification_server()
        other = desktop.run(  # another app's notification: the new server's first id
            "gdbus", "call", "--session", "--dest", "org.freedesktop.Notifications",
            "--object-path", "/org/freedesktop/Notifications",
            "--method", "org.freedesktop.Notifications.Notify", "--",
            "Other", "0", "", "Another app", "its own", "[]", "{}", "0",
        )  # fmt: skip
        assert other.returncode == 0, other.stderr
        with App(desktop, tmp_path / "data") as again:
            again.move_clock(15 * 60 + 1)
            wait_for(lambda: len(alarm_calls(desktop)) == 2, 30, "the relaunched app's alarm")
            assert alarm_calls(desktop)[-1].replaces == 0
            wait_for(lambda: desktop.shown_notifications() == 2, 5, "both notifications")


def test_every_kind_of_notification_arrives_with_the_urgency_that_matches_it(app: App) -> None:
    desktop = app.desktop
    start(app, "--cold", "--minutes", "15")
    app.move_clock(15 * 60 + 1)
    wait_for(
        lambda: any(c.title == "Cold session done" for c in desktop.notify_calls()),
        15,
        "the cold session's notification",
    )
    cold = next(c for c in desktop.notify_calls() if c.title == "Cold session done")
    assert (cold.urgency, cold.timeout, cold.actions) == (1, -1, []), "an information"

    assert app.cli("injury", "add", "--area", "lower-back").returncode == 0
    app.move_clock(15 * 60 + 1 + 48 * 3600 + 60)
    assert app.cli("start", "--cold", "--minutes", "10").returncode == 0  # the app looks again
    wait_for(
        lambda: any("unlocked" in c.title.lower() for c in desktop.notify_calls()),
        15,
        "the heat-unlocked notification",
    )
    unlocked = next(c for c in desktop.notify_calls() if "unlocked" in c.title.lower())
    assert (unlocked.urgency, unlocked.timeout) == (1, -1)
    assert all(c.app == "Heat Timer" for c in desktop.notify_calls())
