"""pytest-qt is loaded only where Qt's libraries are (pyproject.toml turns its automatic
loading off): on a machine without them it would stop the whole run before the first test,
and the core, store and CLI tests need no Qt."""

from tests.needs import qt_missing

pytest_plugins = [] if qt_missing() else ["pytestqt.plugin"]
