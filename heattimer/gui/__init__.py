"""The desktop app: the only place Qt is imported. It shows what the service answers.

The rest of Heat Timer and the standard modules it needs are imported before PySide6, and
every module is entered in PySide6's import-hook table before PySide6 looks at it
(gui/pyside_hook.py: PySide6 would read every module's source at start-up).
"""

import functools  # noqa: F401
import math  # noqa: F401
import os
import re  # noqa: F401
import typing  # noqa: F401

import heattimer.core.alarm
import heattimer.core.coach
import heattimer.core.exercises
import heattimer.core.offers
import heattimer.core.status
import heattimer.core.validation
import heattimer.exits
import heattimer.platform.catalogue
import heattimer.platform.display
import heattimer.platform.idle
import heattimer.platform.paths
import heattimer.platform.ports
import heattimer.platform.single_instance
import heattimer.platform.zone
import heattimer.service
import heattimer.store  # noqa: F401
from heattimer.gui.pyside_hook import register_modules

register_modules(__name__, os.path.dirname(__file__))
