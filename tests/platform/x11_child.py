"""A real Qt app on an X display, asking heattimer/platform/x11.py what its parent test asks.

Run as ``python x11_child.py`` with DISPLAY set: Qt opens the display (xcb) as the app
does, and the probe is built on Qt's own connection. Commands on stdin, one answer per
line on stdout: ``idle``, ``fullscreen``, ``active``, ``state WINDOW`` (that window's
_NET_WM_STATE atoms), ``quit``.
"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtGui import QGuiApplication, QNativeInterface

from heattimer.platform.x11 import XA_ATOM, X11Desktop


def main() -> None:
    app = QGuiApplication(sys.argv[:1])
    native = app.nativeInterface()
    assert isinstance(native, QNativeInterface.QX11Application)
    desktop = X11Desktop(native.display())
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "idle":
            answer: object = desktop.idle_seconds()
        elif command == "fullscreen":
            answer = desktop.fullscreen_window_active()
        elif command == "active":
            answer = desktop.active_window()
        elif command == "state":
            answer = desktop._property(int(argument), b"_NET_WM_STATE", XA_ATOM)
        else:
            return
        print(answer, flush=True)


if __name__ == "__main__":
    main()
