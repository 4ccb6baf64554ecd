"""The desktop app: the only place Qt is imported. It shows what the service answers.

PySide6 hooks every import that follows its own and reads the new module's
source (looking for its ``__feature__`` switches), keeping it in memory. So the
rest of Heat Timer, and the standard modules the app uses, are imported here
first, before any gui module imports PySide6: start-up is faster and the app
about 2 MB lighter (benchmarks/bench_gui.py).
"""

import functools  # noqa: F401
import math  # noqa: F401
import re  # noqa: F401
import typing  # noqa: F401

import heattimer.core.alarm
import heattimer.core.records
import heattimer.core.status
import heattimer.instance
import heattimer.paths
import heattimer.service
import heattimer.store  # noqa: F401
