"""Render the icons' SVGs (resources/icons) to the PNGs the app loads (resources/icons/png).

Run after changing an SVG; tests/gui/test_drawing.py fails until you do:

    python tools/render_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from heattimer.gui import drawing
from heattimer.gui.icons import NAMES, SIZES, png_path
from heattimer.paths import resources_dir


def main() -> int:
    app = QApplication(sys.argv[:1])  # noqa: F841  (pixmaps need one)
    Path(png_path(NAMES[0], SIZES[0])).parent.mkdir(exist_ok=True)
    for name in NAMES:
        svg = str(resources_dir() / "icons" / f"{name}.svg")
        for size in SIZES:
            if not drawing.render_file(svg, size, size).save(png_path(name, size), "PNG"):
                print(f"could not write {png_path(name, size)}", file=sys.stderr)
                return 1
    print(f"{len(NAMES) * len(SIZES)} icons written to {Path(png_path(NAMES[0], 16)).parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
