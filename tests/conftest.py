"""pytest-qt is loaded only where Qt's libraries are (pyproject.toml turns its automatic
loading off): on a machine without them it would stop the whole run before the first test,
and the core, store and CLI tests need no Qt."""

import os

# English, whatever the developer's desktop speaks: gettext reads these once, when
# heattimer.i18n is first imported (here, before any test), and every subprocess a test
# starts inherits them. The German tests set their own (tests/test_translations.py).
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

from tests.needs import qt_missing  # noqa: E402

pytest_plugins = [] if qt_missing() else ["pytestqt.plugin"]


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _own_xdg_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """No test writes into the real home's menu or autostart folders, nor the real login
    items of macOS or Windows: each has its own XDG_CONFIG_HOME and XDG_DATA_HOME (the
    app's data folder is chosen by each test)."""
    home = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    # On every platform the XDG entry, in that folder: not the real Run key or LaunchAgent.
    from heattimer.platform import autostart

    monkeypatch.setattr(autostart, "autostart", lambda platform="": autostart.XdgAutostart())
