"""The desktop app: the only place Qt is imported. It shows what the service answers.

The standard modules the app needs are imported first, and every module of Heat Timer
is entered in PySide6's import-hook table before PySide6 looks at it (gui/pyside_hook.py:
PySide6 would read every module's source at start-up).
"""

import functools  # noqa: F401
import json  # noqa: F401
import math  # noqa: F401
import os
import re  # noqa: F401
import typing  # noqa: F401
import zoneinfo  # noqa: F401

import heattimer.service  # noqa: F401  (with it, the standard modules the rest uses)
from heattimer.gui.pyside_hook import register_modules

register_modules("heattimer", os.path.dirname(os.path.dirname(__file__)), qt_users=__name__)
