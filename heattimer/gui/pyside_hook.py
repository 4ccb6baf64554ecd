"""Keep PySide6 from reading the source of every module the app imports after it.

PySide6 hooks every import that follows its own: the first time a module is named in an
import statement, it reads the module's whole source to see whether it uses PySide6's
``__feature__`` switches (Heat Timer does not), and ``linecache`` keeps that source. For
this app that is some sixty modules, read at start-up. Entering each module in PySide6's
table first gives the answer PySide6 would have found, without reading a line: about
10 ms of the app's launch (README, Performance).

The table is private to PySide6, so this is done only for the versions it was written
against (KNOWN); tests/gui/test_footprint.py fails when the installed PySide6 no longer
has it, so that the next person updates KNOWN or drops this module.
"""

from __future__ import annotations

import os
import sys

KNOWN = ((6, 7), (6, 12))
"""PySide6 versions (from, to but not including) whose table this is written against."""


def register_modules(package: str, folder: str, qt_users: str) -> bool:
    """Enter in PySide6's table every module already imported, and every module of
    ``package`` under ``folder``: those under ``qt_users`` use PySide6 (0), the rest do not
    (-1). False if this PySide6 is not KNOWN."""
    import PySide6
    import PySide6.QtCore

    version = tuple(int(n) for n in PySide6.__version__.split(".")[:2])
    if not KNOWN[0] <= version < KNOWN[1]:
        return False
    # Looked up, not imported: an import statement would have the hook read a source.
    table = getattr(sys.modules.get("PySide6.support.feature"), "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return False

    def uses_qt(name: str) -> int:
        return 0 if name == qt_users or name.startswith(f"{qt_users}.") else -1

    for name in list(sys.modules):
        table.setdefault(name, uses_qt(name))
    for root, _folders, files in os.walk(folder):  # nothing to walk in a zip: no harm done
        prefix = os.path.relpath(root, folder).replace(os.sep, ".")
        base = package if prefix == "." else f"{package}.{prefix}"
        for file in files:
            if file.endswith(".py"):
                name = base if file == "__init__.py" else f"{base}.{file[:-3]}"
                table.setdefault(name, uses_qt(name))
    return True
