"""One app per data folder: a second launch brings the first one forward and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from heattimer.gui.desktop.watch import StoreWatcher
from heattimer.platform.single_instance import AppLock, app_running
from heattimer.service import Service
from tests.gui.conftest import FakeNotifier, FakeSound, make_app


def test_second_launch_brings_the_window_forward_and_exits_0(
    qtbot: QtBot, service: Service, notifier: FakeNotifier, sound: FakeSound
) -> None:
    lock = AppLock(service.store.data_dir)
    assert lock.acquire()
    app = make_app(service, service.clock, notifier, sound, tray_available=True)
    qtbot.addWidget(app.window)
    watcher = StoreWatcher(service.store)
    watcher.changed.connect(app.controller.data_changed)
    app.start()
    app.window.hide()
    env = {**os.environ, "HEATTIMER_DATA_DIR": str(service.store.data_dir)}
    second = subprocess.run(
        [sys.executable, "-m", "heattimer"], env=env, capture_output=True, text=True, timeout=60
    )
    assert second.returncode == 0
    assert "already running" in second.stderr
    qtbot.waitUntil(app.window.isVisible, timeout=2000)
    lock.release()


def test_a_crashed_app_never_blocks_the_next_start(tmp_path: Path) -> None:
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from heattimer.platform.single_instance import AppLock\n"
        f"assert AppLock(Path({str(tmp_path)!r})).acquire()\n"
        "os._exit(9)  # dies holding the lock, as a crash would\n"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 9
    assert (tmp_path / "app.lock").exists()
    assert not app_running(tmp_path)
    assert AppLock(tmp_path).acquire()


def test_the_cli_sees_the_running_app(tmp_path: Path) -> None:
    lock = AppLock(tmp_path)
    assert not app_running(tmp_path)
    assert lock.acquire()
    assert app_running(tmp_path)
    lock.release()
    assert not app_running(tmp_path)
