"""Is the app running? Asked without taking the app's lock, so a start never races a probe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from heattimer.platform.filelock import held_elsewhere
from heattimer.platform.single_instance import AppLock, app_running

linux_only = pytest.mark.skipif(not Path("/proc/locks").exists(), reason="Linux's /proc/locks")

HOLDER = """
import sys, time
from pathlib import Path
from heattimer.platform.single_instance import AppLock
lock = AppLock(Path(sys.argv[1]))
assert lock.acquire()
print("held", flush=True)
sys.stdin.readline()
"""


@linux_only
def test_an_app_holding_the_lock_is_seen_and_one_that_left_is_not(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert held_elsewhere(tmp_path / "app.lock") is True
        assert app_running(tmp_path)
    finally:
        holder.communicate("\n", timeout=10)
    assert held_elsewhere(tmp_path / "app.lock") is False
    assert not app_running(tmp_path)


@linux_only
def test_probing_never_takes_the_lock_from_an_app_starting_at_that_moment(tmp_path: Path) -> None:
    (tmp_path / "app.lock").touch()
    probe = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom pathlib import Path\n"
            "from heattimer.platform.single_instance import app_running\n"
            "print('go', flush=True)\n"
            "for _ in range(3000): app_running(Path(sys.argv[1]))\n",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert probe.stdout is not None and probe.stdout.readline() == "go\n"
    refused = 0
    while probe.poll() is None:  # every start while the probe runs, as fast as they come
        lock = AppLock(tmp_path)
        refused += not lock.acquire()
        lock.release()
    assert probe.returncode == 0
    assert refused == 0
