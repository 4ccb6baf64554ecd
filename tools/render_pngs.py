"""Render the SVGs the app shows to the PNGs it loads: the icons (resources/icons/png, at
the sizes trays use) and the exercise pictures (resources/exercises/png, 1x and 2x).
PNGs, so that Qt's SVG renderer (a megabyte) never loads in the app.

Run after changing an SVG; tests/gui/test_drawing.py fails until you do:

    python tools/render_pngs.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from heattimer.gui.break_popup import PICTURE
from heattimer.gui.widgets import drawing
from heattimer.gui.widgets.icons import NAMES, SIZES, png_path
from heattimer.platform.catalogue import catalogue, picture_png, picture_svg
from heattimer.platform.paths import resources_dir


def main() -> int:
    app = QApplication(sys.argv[:1])  # noqa: F841  (pixmaps need one)
    jobs = [
        (str(resources_dir() / "icons" / f"{name}.svg"), png_path(name, size), size, size)
        for name in NAMES
        for size in SIZES
    ]
    jobs += [
        (picture_svg(exercise), picture_png(exercise, scale), *(PICTURE * scale).toTuple())
        for exercise in catalogue()
        for scale in (1, 2)
    ]
    for svg, png, width, height in jobs:
        Path(png).parent.mkdir(exist_ok=True)
        if not drawing.render_file(svg, width, height).save(png, "PNG"):
            print(f"could not write {png}", file=sys.stderr)
            return 1
    print(f"{len(jobs)} pictures written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
