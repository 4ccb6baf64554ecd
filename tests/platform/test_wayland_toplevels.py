"""Is a full-screen window in front, on wlroots: the foreign-toplevel protocol, from a real
sway (headless) with a real terminal (foot) made full screen and back by sway's own
command; KWin, which does not offer the protocol, gives no probe. And the bindings are
still what pywayland's scanner makes of the XML beside them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pywayland", reason="pywayland is installed only on x86-64 Linux")

from heattimer.platform.protocols import __file__ as protocols_init
from heattimer.platform.wayland_toplevels import WaylandFullScreen
from tests.e2e.kwin import KWin
from tests.e2e.wayland import WaylandDesktop, missing_programs
from tests.platform.conftest import need, wait_for
from tools.wayland_bindings import generate


def test_the_bindings_are_generated_from_the_xml(tmp_path: Path) -> None:
    shipped = Path(protocols_init).parent
    for module in generate(tmp_path):
        assert (shipped / module.name).read_bytes() == module.read_bytes(), (
            f"{module.name} differs from its XML: run python tools/wayland_bindings.py"
        )


@pytest.fixture
def sway() -> Iterator[WaylandDesktop]:
    if missing_programs():
        need(*missing_programs())
    with WaylandDesktop() as desktop:
        yield desktop


def test_sway_says_when_the_window_in_front_is_full_screen(sway: WaylandDesktop) -> None:
    probe = WaylandFullScreen.connect(sway.env["WAYLAND_DISPLAY"])
    assert probe is not None, "sway offers zwlr_foreign_toplevel_manager_v1"
    assert probe() is False  # no window at all
    sway.spawn("foot", "--title", "terminal", log="foot.log")
    wait_for(lambda: sway.focused() == "terminal", 20, "the terminal to have the keyboard")
    assert probe() is False
    sway.run("swaymsg", "[title=terminal]", "fullscreen", "enable")
    wait_for(probe, 10, "the full-screen terminal to be told")
    sway.run("swaymsg", "[title=terminal]", "fullscreen", "disable")
    wait_for(lambda: probe() is False, 10, "the terminal back in its tile")
    sway.run("swaymsg", "[title=terminal]", "fullscreen", "enable")
    wait_for(probe, 10, "full screen again")
    # Full screen, but not in front: on another workspace, it holds no break back.
    sway.run("swaymsg", "workspace", "2")
    wait_for(lambda: probe() is False, 10, "the other workspace to be told")
    sway.run("swaymsg", "workspace", "1")
    wait_for(probe, 10, "the full-screen window in front again")
    sway.run("swaymsg", "[title=terminal]", "kill")  # closed while full screen
    wait_for(lambda: probe() is False, 10, "the closed window to be forgotten")
    probe.close()
    assert probe() is None


def test_probes_on_one_compositor_share_the_app_s_one_connection(sway: WaylandDesktop) -> None:
    first = WaylandFullScreen.connect(sway.env["WAYLAND_DISPLAY"])
    second = WaylandFullScreen.connect(sway.env["WAYLAND_DISPLAY"])
    assert first is not None and second is not None
    assert first.fileno() == second.fileno()  # (a second connection would lose its windows)
    sway.spawn("foot", "--title", "terminal", log="foot.log")
    wait_for(lambda: sway.focused() == "terminal", 20, "the terminal")
    sway.run("swaymsg", "[title=terminal]", "fullscreen", "enable")
    wait_for(first, 10, "the first probe to be told")
    wait_for(second, 10, "the second probe to be told")
    first.close()  # the app's connection to this compositor ends, for both
    assert second() is None


def test_a_compositor_that_goes_away_is_cannot_tell(sway: WaylandDesktop) -> None:
    probe = WaylandFullScreen.connect(sway.env["WAYLAND_DISPLAY"])
    assert probe is not None
    sway.stop_compositor()
    wait_for(lambda: probe() is None, 15, "the lost connection to be noticed")


def test_no_compositor_or_one_without_the_protocol_gives_no_probe() -> None:
    assert WaylandFullScreen.connect("/nonexistent/wayland-9") is None
    with KWin() as kwin:  # KDE offers its own window list, to its own shell only
        assert WaylandFullScreen.connect(kwin.display) is None
