"""A mouse for the Wayland tests: wlroots' virtual-pointer protocol, which sway takes as a
real pointer device (with it, a click on a notification carries an input serial, so the
notification server can ask for an activation token, as after a person's click). Its
bindings are generated, for the test run, from the XML in tests/e2e/protocols/ by
pywayland's scanner (tools/wayland_bindings.py)."""

from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from heattimer.platform.protocols import wayland as core_shim
from heattimer.platform.wayland_client import Connection
from tools.wayland_bindings import generate

HERE = Path(__file__).parent
BUTTON_LEFT = 0x110  # linux/input-event-codes.h: BTN_LEFT
PRESSED, RELEASED = 1, 0


def _bindings() -> Any:
    package = Path(tempfile.mkdtemp(prefix="heattimer-test-protocols-")) / "test_protocols"
    package.mkdir()
    (package / "__init__.py").write_text("")
    shutil.copy(core_shim.__file__, package / "wayland.py")
    generate(package, HERE / "protocols")
    sys.path.insert(0, str(package.parent))
    return importlib.import_module("test_protocols.wlr_virtual_pointer_unstable_v1")


class VirtualPointer:
    """``VirtualPointer(display, (width, height))``: clicks at output coordinates."""

    def __init__(self, display: str, size: tuple[int, int]) -> None:
        from pywayland.protocol.wayland import WlSeat

        bindings = _bindings()
        connection = Connection.open(display)
        assert connection is not None, "no compositor at " + display
        self._connection = connection
        seat = connection.bind(WlSeat, 1)
        manager = connection.bind(bindings.ZwlrVirtualPointerManagerV1)
        assert seat is not None and manager is not None, "no virtual pointer here"
        self._pointer = connection.objects.keep(manager.create_virtual_pointer(seat))
        self._size = size
        assert connection.roundtrip()

    def click(self, x: int, y: int) -> None:
        """Move to (x, y) and click the left button, as a hand does."""
        stamp = int(time.monotonic() * 1000) & 0xFFFFFFFF
        self._pointer.motion_absolute(stamp, x, y, *self._size)
        self._pointer.frame()
        for state in (PRESSED, RELEASED):
            self._pointer.button(stamp + 50, BUTTON_LEFT, state)
            self._pointer.frame()
        assert self._connection.roundtrip()

    def close(self) -> None:
        self._connection.close()
