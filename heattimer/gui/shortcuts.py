"""The keyboard shortcuts, one place for the window's and the menus': each has a modifier, so
that no single key typed into the window by mistake starts heat or logs an injury."""

from __future__ import annotations

from typing import TYPE_CHECKING

from heattimer.core.offers import Act

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

START = "Ctrl+H"
"""Starts a heat session of the person's default length (if the rules allow it now)."""
BY_ACT = {Act.STOP: "Ctrl+E", Act.LOG_INJURY: "Ctrl+I", Act.INJURY_LOG: "Ctrl+L"}
SETTINGS = "Ctrl+,"
QUIT = "Ctrl+Q"
HELP = "F1"


def shown(keys: str) -> str:
    """``keys`` as this desktop writes them (a tooltip's "Ctrl+E")."""
    from PySide6.QtGui import QKeySequence

    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def give(action: QAction, keys: str) -> None:
    """Give ``action`` the shortcut ``keys`` ("" for none). (setShortcuts: PySide6 picking among
    setShortcut's overloads builds the whole Qt namespace, see gui/widgets/drawing.py.)"""
    from PySide6.QtGui import QKeySequence

    action.setShortcuts([QKeySequence(keys)] if keys else [])
