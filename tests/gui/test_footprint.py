"""The app stays light: guards for the PySide6 costs it once paid without anyone noticing.

Each check runs in a fresh interpreter, since this test process has long since
paid them (pytest-qt uses the ``Qt`` namespace). benchmarks/bench_gui.py has the
figures; these tests name the cause when a change brings one back.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_fresh(code: str, tmp_path: Path) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_importing_the_app_reads_no_module_source(tmp_path: Path) -> None:
    # PySide6's import hook reads each newly imported module's source and linecache keeps
    # it: over a megabyte for this app, and holes in Python's memory once dropped.
    out = run_fresh(
        "import linecache, heattimer.gui.app\n"
        "print('\\n'.join(f for f in linecache.cache if 'PySide6' not in f and 'shiboken' not in f"
        " and not f.endswith('/enum.py')))",
        tmp_path,
    )
    assert out == ""


def test_the_installed_pyside6_still_has_the_import_table_the_app_fills() -> None:
    # gui/pyside_hook.py writes into a private table of PySide6 for the versions it knows;
    # when PySide6 changes, this fails: update KNOWN there (and check the launch time in
    # benchmarks/bench_gui.py), or drop the module.
    import PySide6

    from heattimer.gui.pyside_hook import KNOWN, register_modules

    version = tuple(int(n) for n in PySide6.__version__.split(".")[:2])
    assert KNOWN[0] <= version < KNOWN[1], f"PySide6 {PySide6.__version__} is not in {KNOWN}"
    assert register_modules("heattimer", str(ROOT / "heattimer"), qt_users="heattimer.gui")


APP_THROUGH_ITS_STATES = """
import enum, gc, sys
from datetime import timedelta
from pathlib import Path
from PySide6.QtWidgets import QApplication
from heattimer.platform.clock import SystemClock
from heattimer.core.model import Kind
from heattimer.gui.app import HeatTimerApp, _make_qapp
from heattimer.gui.widgets.icons import tray_icon
from heattimer.platform.idle import FakeIdle
from heattimer.service import Service
from heattimer.store import Store

qapp = _make_qapp()
service = Service(Store(Path(sys.argv[1])), SystemClock())
app = HeatTimerApp(service, service.clock, tray_available=True, idle=FakeIdle(0.0),
                   fullscreen=lambda: False)
app.welcome_on_start = False  # every day's app (the welcome, once, may build the namespace)
app.start()

def paint():
    app.controller.tick()
    qapp.processEvents()
    app.window.grab()

paint()                                 # ready
service.start(Kind.HEAT, 15)
paint()                                 # the ring counting down
service.log_injury(service.clock.now() - timedelta(hours=1))
paint()                                 # blocked: cold, the advice banners
for state in ("ready", "running", "alarm", "blocked", "capped"):
    tray_icon(state, 0.4).pixmap(22, 22)
gc.collect()
print(sum(1 for o in gc.get_objects()
          if isinstance(o, type) and issubclass(o, enum.Enum) and o.__qualname__.startswith("Qt.")))
app.breaks.offer_now()                  # a posture break, with its exercise's picture
qapp.processEvents()
assert app.popup is not None
app.popup.grab()
print("PySide6.QtSvg" in sys.modules)
"""


@pytest.fixture(scope="module")
def through_its_states(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """What the app, taken through its states in a fresh interpreter, printed."""
    folder = tmp_path_factory.mktemp("states")
    code = APP_THROUGH_ITS_STATES.replace("sys.argv[1]", repr(str(folder / "data")))
    return run_fresh(code, folder).splitlines()


def test_drawing_the_app_never_builds_the_qt_namespace(through_its_states: list[str]) -> None:
    # The first touch of any enum in PySide6's ``Qt`` namespace builds all of them, about a
    # hundred: 1.3 MB and 16 ms. Overloads that take one (fill(0), setPen, QBrush(QColor))
    # touch it too, so the app draws without them. (A break popup's window flags need it.)
    assert through_its_states[-2] == "0"


def test_the_app_never_loads_the_svg_renderer(through_its_states: list[str]) -> None:
    # Qt's SVG renderer is a megabyte: icons and exercise pictures ship as PNGs.
    assert through_its_states[-1] == "False"
