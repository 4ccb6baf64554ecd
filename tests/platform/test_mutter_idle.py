"""GNOME's idle time over D-Bus: MutterIdle against a stand-in Mutter on a private bus.

The stand-in (fake_mutter.py) serves the same name, path, interface and method
as GNOME Shell; the app's code talks to it through QtDBus exactly as it would
to Mutter. The desktop's own session bus is never touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.needs import require_qt

require_qt("the Mutter idle tests")

from PySide6.QtDBus import QDBusConnection  # noqa: E402

from heattimer.gui.desktop.mutter_idle import MutterIdle  # noqa: E402
from heattimer.gui.desktop.presence import pick_idle_monitor  # noqa: E402
from heattimer.platform.idle import NullIdle  # noqa: E402
from tests.platform.conftest import Processes, start_fake_mutter, wait_for  # noqa: E402


@pytest.fixture(scope="module")
def bus(bus_address: str) -> Iterator[QDBusConnection]:
    name = "heattimer-test-bus"
    connection = QDBusConnection.connectToBus(bus_address, name)
    assert connection.isConnected()
    yield connection
    QDBusConnection.disconnectFromBus(name)


@pytest.fixture
def wayland_without_x(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.delenv("DISPLAY", raising=False)


def test_no_mutter_on_the_bus_means_no_mutter_monitor(
    qapp: object, bus: QDBusConnection, wayland_without_x: None
) -> None:
    assert MutterIdle(bus).idle_seconds() is None
    assert MutterIdle.available(bus) is None
    assert isinstance(pick_idle_monitor(bus), NullIdle)


def test_no_bus_at_all_means_no_mutter_monitor(qapp: object) -> None:
    name = "heattimer-test-nowhere"
    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/heattimer-bus", name)
    try:
        assert not nowhere.isConnected()
        assert MutterIdle.available(nowhere) is None
    finally:
        QDBusConnection.disconnectFromBus(name)


def test_mutter_idle_time_is_read_in_seconds_and_picked_on_wayland(
    qapp: object,
    bus: QDBusConnection,
    bus_address: str,
    processes: Processes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    wayland_without_x: None,
) -> None:
    idle_ms = tmp_path / "idle-ms"
    idle_ms.write_text("4321")
    start_fake_mutter(processes, bus_address, idle_ms)
    monitor = wait_for(lambda: MutterIdle.available(bus), 15, "the stand-in Mutter")
    assert isinstance(monitor, MutterIdle)
    assert monitor.idle_seconds() == 4.321

    idle_ms.write_text(str(2**40))  # a uint64 beyond 32 bits survives the trip
    assert monitor.idle_seconds() == 2**40 / 1000

    idle_ms.write_text("0")
    chosen = pick_idle_monitor(bus)
    assert isinstance(chosen, MutterIdle)
    assert chosen.idle_seconds() == 0.0
    assert "Mutter" in chosen.name

    # Not on Wayland: Mutter is not asked; heattimer.platform.idle decides (no $DISPLAY: nothing).
    monkeypatch.delenv("WAYLAND_DISPLAY")
    assert isinstance(pick_idle_monitor(bus), NullIdle)
