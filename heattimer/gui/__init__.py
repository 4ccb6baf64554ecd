"""The desktop app: the only place Qt is imported. It shows what the service answers.

PySide6 hooks every import that follows its own: the first time a module is
named in an import statement, it reads the module's whole source to see
whether it uses PySide6 (for its ``__feature__`` switches, which Heat Timer
does not use), and ``linecache`` keeps that source. For this app that was the
text of some fifty modules, over a megabyte held and then, once cleared, left
as holes in Python's memory (benchmarks/bench_gui.py). So the rest of Heat
Timer and the standard modules it needs are imported first, and every module
is entered in PySide6's table before it is looked at: the answer PySide6 would
have found, without reading a line.
"""

import functools  # noqa: F401
import math  # noqa: F401
import os
import re  # noqa: F401
import sys
import typing  # noqa: F401

import heattimer.catalogue
import heattimer.core.alarm
import heattimer.core.coach
import heattimer.core.exercises
import heattimer.core.offers
import heattimer.core.records
import heattimer.core.status
import heattimer.display
import heattimer.exits
import heattimer.idle
import heattimer.instance
import heattimer.localzone
import heattimer.paths
import heattimer.service
import heattimer.store  # noqa: F401


def _register_modules() -> None:
    """Tell PySide6 which modules use it: ours under gui/ do (0), the rest do not (-1)."""
    import PySide6.QtCore  # noqa: F401  (last: it installs the hook)

    # Looked up, not imported: an import statement would have the hook read a source.
    table = getattr(sys.modules.get("PySide6.support.feature"), "pyside_feature_dict", None)
    if not isinstance(table, dict):  # another PySide6: it reads the sources, no harm done
        return
    for name in list(sys.modules):
        table.setdefault(name, 0 if name.startswith(__name__) else -1)
    try:
        files = os.listdir(os.path.dirname(__file__))
    except OSError:  # packed in a zip or a frozen app: PySide6 then reads what it can
        files = []
    for file in files:
        if file.endswith(".py") and file != "__init__.py":
            table.setdefault(f"{__name__}.{file[:-3]}", 0)


_register_modules()
