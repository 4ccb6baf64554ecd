"""Another app the person is typing in: a window titled "Typing here" with one line of text,
written to the file named on the command line at each change."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit

app = QApplication(sys.argv[:1])
line = QLineEdit()
line.setWindowTitle("Typing here")
line.resize(500, 60)
line.textChanged.connect(lambda text: Path(sys.argv[1]).write_text(text))
line.show()
line.activateWindow()
app.exec()
