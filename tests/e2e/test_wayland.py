"""The installed app on a real Wayland desktop (headless sway, mako: tests/e2e/wayland.py),
where every new window is given the keyboard:

- a posture break comes as a notification, so what the person is typing in (a terminal)
  keeps the keyboard and every key; its Snooze, pressed in mako, is recorded;
- the end alarm marks the window urgent without taking the keyboard, and its Heat is off,
  pressed in mako, confirms the heat off.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.e2e.desktop import wait_for, welcomed
from tests.e2e.test_desktop import BIN, SHOTS
from tests.e2e.wayland import WaylandDesktop, missing_programs
from tests.needs import qt_missing, require

pytestmark = pytest.mark.desktop


READY = ">"


class Typist:
    """A terminal (foot) the person types into; what reaches it is written to a file."""

    def __init__(self, desktop: WaylandDesktop, folder: Path) -> None:
        self.file = folder / "typed.txt"
        # Characters as they come (no line buffering), no echo: the file is what was typed,
        # after a mark that says the terminal was ready for them.
        script = f"stty -icanon -echo; printf '{READY}' > {self.file}; exec cat >> {self.file}"
        desktop.spawn("foot", "--title", "Typing here", "sh", "-c", script, log="foot.log")
        wait_for(
            lambda: desktop.focused() == "Typing here", 20, "the terminal to have the keyboard"
        )
        wait_for(
            lambda: self.file.exists() and self.file.read_text().startswith(READY),
            20,
            "the terminal to be ready",
        )

    def typed(self) -> str:
        """What was typed (the Escape that leads each of the test's typing taken out)."""
        return self.file.read_text().removeprefix(READY).replace("\x1b", "")

    def wait_for(self, text: str) -> None:
        """Wait until ``text``, all of it and only it, has reached the terminal."""
        try:
            wait_for(lambda: self.typed() == text, 5, "the typing to reach the terminal")
        except TimeoutError:
            raise AssertionError(f"the terminal got {self.typed()!r}, not {text!r}") from None


@pytest.fixture
def wayland(tmp_path: Path) -> Iterator[tuple[WaylandDesktop, dict[str, str]]]:
    require([*qt_missing(), *missing_programs()], "the Wayland desktop test")
    with WaylandDesktop() as desktop:
        clock = tmp_path / "clock-offset"
        clock.write_text("0")
        env = {
            "HEATTIMER_DATA_DIR": str(welcomed(tmp_path / "data")),
            "HEATTIMER_TEST_CLOCK_FILE": str(clock),
        }
        app = subprocess.Popen(
            [str(BIN / "heattimer")],
            env={**desktop.env, **env},
            stdout=open(tmp_path / "app.log", "wb"),  # noqa: SIM115 - the child keeps it
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: desktop.window("Heat Timer"), 30, "the window")
            yield desktop, env
        finally:
            app.terminate()
            app.wait(timeout=10)


def cli(desktop: WaylandDesktop, env: dict[str, str], *argv: str) -> str:
    done = desktop.run(str(BIN / "heattimer"), *argv, **env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def status(desktop: WaylandDesktop, env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    import json

    return json.loads(cli(desktop, env, "status", "--json"))


def test_a_break_leaves_the_keyboard_with_the_terminal_and_its_snooze_is_recorded(
    wayland: tuple[WaylandDesktop, dict[str, str]], tmp_path: Path
) -> None:
    desktop, env = wayland
    typist = Typist(desktop, tmp_path)
    desktop.type_text("ab")
    before = status(desktop, env)["breaks"]["next_at"]
    cli(desktop, env, "break", "now")
    wait_for(
        lambda: any("posture break" in n["summary"] for n in desktop.notifications()),
        10,
        "the break's notification",
    )
    desktop.type_text("c d")  # the person goes on typing, a space among the keys
    typist.wait_for("abc d")
    assert desktop.focused() == "Typing here"
    assert not any("Posture break" in w["name"] for w in desktop.windows())  # no window
    desktop.screenshot(SHOTS / "wayland-break.png")

    desktop.press("posture break", "break-snoozed")
    wait_for(lambda: status(desktop, env)["breaks"]["next_at"] != before, 5, "the snooze")
    next_at = datetime.fromisoformat(status(desktop, env)["breaks"]["next_at"])
    assert next_at - datetime.now(next_at.tzinfo) <= timedelta(minutes=10)
    wait_for(lambda: desktop.notifications() == [], 5, "the answered break to go")


def test_the_alarm_marks_the_window_urgent_and_mako_s_button_confirms_the_heat_off(
    wayland: tuple[WaylandDesktop, dict[str, str]], tmp_path: Path
) -> None:
    desktop, env = wayland
    typist = Typist(desktop, tmp_path)
    cli(desktop, env, "start")
    Path(env["HEATTIMER_TEST_CLOCK_FILE"]).write_text(str(15 * 60 + 1))
    wait_for(
        lambda: (desktop.window("Heat Timer") or {}).get("urgent"), 15, "the window marked urgent"
    )
    desktop.type_text("x y")
    typist.wait_for("x y")
    assert desktop.focused() == "Typing here"
    assert status(desktop, env)["unconfirmed"] is not None
    desktop.screenshot(SHOTS / "wayland-alarm.png")

    wait_for(
        lambda: any("Time is up" in n["summary"] for n in desktop.notifications()),
        10,
        "the alarm's notification",
    )
    desktop.press("Time is up", "heat-off")
    wait_for(lambda: status(desktop, env)["unconfirmed"] is None, 5, "the heat-off confirmation")
