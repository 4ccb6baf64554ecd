"""The floor for the GUI benchmark: a bare PySide6 app with one small window and a tray icon."""

import sys

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon

app = QApplication(sys.argv)
app.setQuitOnLastWindowClosed(False)
pixmap = QPixmap(22, 22)
pixmap.fill(QColor("#e8590c"))
tray = QSystemTrayIcon(QIcon(pixmap))
tray.show()
window = QLabel("A bare PySide6 window")
window.setWindowTitle("Bare PySide6 app")
window.resize(400, 300)
window.show()
sys.exit(app.exec())
