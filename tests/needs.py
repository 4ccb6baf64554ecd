"""What a test needs from the machine (Qt's system libraries, desktop programs), and what it
does when they are missing: skip with one line naming them, or, under
HEATTIMER_REQUIRE_DESKTOP=1 (as `.ci/run` sets), fail.

Without Qt's libraries the core, store and CLI tests still run: nothing here imports Qt
unless asked, and pytest-qt is loaded only where Qt can be (tests/conftest.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import cache

REQUIRE_ENV = "HEATTIMER_REQUIRE_DESKTOP"


@cache
def qt_missing() -> list[str]:
    """[] if PySide6's widgets load here, else a one-item list saying what is missing."""
    try:
        import PySide6.QtWidgets  # noqa: F401  (loads Qt's libraries and their system ones)
    except ImportError as error:
        library = re.search(r"([\w.+-]+\.so[\d.]*)", str(error))
        name = library.group(1) if library else str(error)
        return [f"Qt's system libraries ({name} not found)"]
    return []


def require(
    missing: Sequence[str], what: str, remedy: str = ".ci/run installs it all on Debian"
) -> None:
    """Skip the calling test (or a whole module or folder, at import) naming what is missing
    and how to get it; under HEATTIMER_REQUIRE_DESKTOP=1 fail instead."""
    import pytest

    if not missing:
        return
    message = f"{what}: missing {', '.join(missing)} ({remedy})"
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)


def require_qt(what: str) -> None:
    """Skip (or fail, in CI) unless Qt's libraries load."""
    require(qt_missing(), what)
