"""A repair swaps the restored file in with one rename: a program that looks at the path at
any moment finds a file there (one that found none would create a fresh, empty one, and
the injuries restored from the backup would be gone for it)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from heattimer.store import Store
from tests.store.helpers import Warnings, damaged_files, db_path
from tests.store.scenes import filled_folder

pytestmark = pytest.mark.slow

REPAIRS = 30

# Looks at the path as fast as it can until the stop file appears; prints how often it
# found nothing there, and how often it looked.
WATCHER = """
import os, sys
path, stop = sys.argv[1], sys.argv[2]
missing = looks = 0
print("ready", flush=True)
while not os.path.exists(stop):
    for _ in range(1000):
        looks += 1
        try:
            os.stat(path)
        except FileNotFoundError:
            missing += 1
print(missing, looks)
"""


def test_the_path_never_lacks_a_file_while_a_damaged_one_is_repaired(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    filled_folder(data_dir)
    path, stop = db_path(data_dir), tmp_path / "stop"
    watcher = subprocess.Popen(
        [sys.executable, "-c", WATCHER, str(path), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert watcher.stdout is not None and watcher.stdout.readline() == "ready\n"
    try:
        for _ in range(REPAIRS):
            path.write_bytes(b"damaged " * 4096)
            warnings = Warnings()
            Store(data_dir, warn=warnings).close()
            assert len(warnings) == 1  # it was repaired
    finally:
        stop.touch()
        out, _ = watcher.communicate(timeout=30)

    missing, looks = map(int, out.split())
    assert missing == 0, f"no file at the path {missing} times in {looks} looks"
    assert len([p for p in damaged_files(data_dir) if not p.name.endswith("-journal")]) == REPAIRS
