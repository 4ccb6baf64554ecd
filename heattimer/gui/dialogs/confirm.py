"""A question before an action that lifts a safety hold: Cancel is the default, so Enter or
Escape leaves everything as it was; only the named button (clicked, or Tab and Space) acts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from heattimer import APP_NAME


def confirm(parent: QWidget | None, title: str, text: str, act: str) -> bool:
    """Ask ``text``; True only if the person chose the button labelled ``act``."""
    box = QMessageBox(parent)
    box.setWindowTitle(f"{title} — {APP_NAME}")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(text)
    yes = box.addButton(act, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(QMessageBox.StandardButton.Cancel)
    for button in (yes, no):
        button.setAutoDefault(False)
    yes.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click on it that misses keeps no keyboard
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
