"""Bring the translation catalogues up to date with the code (README, "Translations").

    python tools/translations.py [--check]

The GUI's strings: pyside6-lupdate reads heattimer/gui/ and updates
heattimer/locale/heattimer_<language>.ts (new strings come in unfinished, ones no longer
used are marked obsolete); pyside6-lrelease compiles the .qm the app loads. Translate the
.ts with Qt Linguist (``pyside6-linguist``) or any text editor, then run this again.
With ``--check`` nothing is written: it fails if a catalogue is not up to date
(the test suite runs it).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "heattimer" / "locale"


def languages() -> list[str]:
    """The languages the GUI has a catalogue for: heattimer/locale/heattimer_<language>.ts
    (a new one: copy a .ts, empty its translations, set its language, and run this)."""
    return sorted(p.stem.removeprefix("heattimer_") for p in LOCALE.glob("heattimer_*.ts"))


def tool(name: str) -> str:
    """A PySide6 tool beside this Python (a virtualenv's bin), or on PATH."""
    found = Path(sys.executable).with_name(name)
    return str(found) if found.exists() else shutil.which(name) or name


def gui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "heattimer" / "gui").rglob("*.py"))


def update(ts: Path, language: str) -> None:
    """Run lupdate on the GUI's sources into ``ts``, then lrelease beside it."""
    subprocess.run(
        [tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete",
         *gui_sources(), "-ts", str(ts), "-source-language", "en", "-target-language", language],
        cwd=ROOT, check=True,
    )  # fmt: skip
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
        cwd=ROOT,
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail if stale")
    args = parser.parse_args()
    stale = []
    for language in languages():
        ts = LOCALE / f"heattimer_{language}.ts"
        if not args.check:
            update(ts, language)
            continue
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / ts.name
            shutil.copy(ts, copy)
            update(copy, language)
            for made in (copy, copy.with_suffix(".qm")):
                if made.read_bytes() != (LOCALE / made.name).read_bytes():
                    stale.append(made.name)
    if stale:
        print(f"not up to date: {', '.join(stale)} (run python tools/translations.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
