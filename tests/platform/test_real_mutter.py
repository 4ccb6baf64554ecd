"""GNOME's idle time from the real Mutter (Debian's, run headless on a private bus), not a
stand-in: MutterIdle reads it through QtDBus as the app does, it counts up while nobody
touches anything, and input (a pointer moved through Mutter's own RemoteDesktop API, as a
person's mouse would) starts it over.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator

import pytest

from tests.needs import require_qt

require_qt("the real-Mutter test")

from jeepney import DBusAddress, new_method_call  # noqa: E402
from jeepney.io.blocking import DBusConnection, open_dbus_connection  # noqa: E402
from PySide6.QtDBus import QDBusConnection  # noqa: E402

from heattimer.gui.desktop.mutter_idle import MutterIdle  # noqa: E402
from heattimer.gui.desktop.presence import pick_idle_monitor  # noqa: E402
from tests.platform.conftest import Processes, need, wait_for  # noqa: E402

REMOTE = "org.gnome.Mutter.RemoteDesktop"


@pytest.fixture(scope="module")
def mutter(processes: Processes, bus_address: str) -> str:
    """Mutter, headless with a virtual monitor, on the private bus; its bus address."""
    need("mutter")
    runtime = tempfile.mkdtemp(prefix="heattimer-mutter-")
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
        "DBUS_SESSION_BUS_ADDRESS": bus_address,
        "XDG_RUNTIME_DIR": runtime,
    }
    processes.start(
        "mutter", "--headless", "--wayland", "--no-x11", "--virtual-monitor", "1280x800", env=env
    )
    return bus_address


@pytest.fixture(scope="module")
def qt_bus(qapp: object, mutter: str) -> Iterator[QDBusConnection]:
    name = "heattimer-real-mutter"
    connection = QDBusConnection.connectToBus(mutter, name)
    assert connection.isConnected()
    yield connection
    QDBusConnection.disconnectFromBus(name)


@pytest.fixture(scope="module")
def hand(mutter: str) -> Iterator[DBusConnection]:
    """A connection that moves the pointer, through a RemoteDesktop session of its own."""
    conn = open_dbus_connection(mutter)
    yield conn
    conn.close()


def move_pointer(conn: DBusConnection) -> None:
    desktop = DBusAddress("/org/gnome/Mutter/RemoteDesktop", REMOTE, REMOTE)
    path = conn.send_and_get_reply(new_method_call(desktop, "CreateSession")).body[0]
    session = DBusAddress(path, REMOTE, f"{REMOTE}.Session")
    conn.send_and_get_reply(new_method_call(session, "Start"))
    conn.send_and_get_reply(new_method_call(session, "NotifyPointerMotionRelative", "dd", (7, 7)))
    conn.send_and_get_reply(new_method_call(session, "Stop"))


def test_the_real_mutter_s_idle_time_counts_up_and_input_starts_it_over(
    qt_bus: QDBusConnection, hand: DBusConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    idle = MutterIdle(qt_bus)
    wait_for(lambda: idle.idle_seconds() is not None, 30, "Mutter's idle monitor")
    first = idle.idle_seconds()
    assert first is not None and first >= 0
    wait_for(lambda: (idle.idle_seconds() or 0) > first + 0.5, 10, "the idle time to grow")
    before = idle.idle_seconds()
    assert before is not None
    move_pointer(hand)

    def started_over() -> bool:  # (a busy Mutter may miss the app's 0.5 s: "cannot tell")
        after = idle.idle_seconds()
        return after is not None and after < before

    wait_for(started_over, 10, "the input to reach Mutter")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert isinstance(pick_idle_monitor(qt_bus), MutterIdle)  # what the app picks on GNOME
