"""The app in the desktop's application menu: its desktop entry, its icon in the hicolor
theme's sizes and its AppStream metadata, in the person's own XDG data folder
(``$XDG_DATA_HOME``, by default ~/.local/share), as `heattimer install-desktop` puts them.

Rules:
- The entry starts the app by the full path of its installed script (a virtual
  environment's scripts are not on the menu's PATH); everything else is the shipped file.
- The entry's name is the app id (``heattimer.desktop``), which the notifications'
  ``desktop-entry`` hint and the Wayland app id name, so they find its icon.
- Installing writes each file whole (a temporary file, then a rename); uninstalling
  removes only what installing writes. Either says which files it touched.
- No Qt here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from heattimer import APP_ID
from heattimer.platform.autostart import desktop_exec
from heattimer.platform.paths import resources_dir

SIZES = (16, 22, 32, 48, 64)
"""The icon's PNG sizes shipped (resources/icons/png), each in its hicolor folder."""
METAINFO = "io.github.heattimer.metainfo.xml"


def data_home() -> Path:
    """The person's XDG data folder."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def targets(home: Path | None = None) -> dict[Path, Path | None]:
    """Each file installing writes, and the shipped file it copies (None: the entry,
    which is written with the app's command)."""
    home = home or data_home()
    shipped = resources_dir()
    files: dict[Path, Path | None] = {home / "applications" / f"{APP_ID}.desktop": None}
    for size in SIZES:
        folder = home / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        files[folder / f"{APP_ID}.png"] = shipped / "icons" / "png" / f"{APP_ID}-{size}.png"
    scalable = home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    files[scalable] = shipped / "icons" / f"{APP_ID}.svg"
    files[home / "metainfo" / METAINFO] = shipped / METAINFO
    return files


def entry_text(argv: list[str]) -> str:
    """The shipped desktop entry, starting ``argv``."""
    lines = (resources_dir() / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines()
    return "".join(
        (f"Exec={desktop_exec(argv)}" if line.startswith("Exec=") else line) + "\n"
        for line in lines
    )


def installed(home: Path | None = None) -> bool:
    """True if the app's desktop entry is in the person's application folder."""
    return next(iter(targets(home))).exists()


def install(argv: list[str], home: Path | None = None) -> list[Path]:
    """Write the entry (starting ``argv``), the icons and the metadata; the files written.
    Raises OSError when a folder cannot be written."""
    written = []
    for target, source in targets(home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.new")
        if source is None:
            temp.write_text(entry_text(argv), encoding="utf-8")
        else:
            shutil.copyfile(source, temp)
        os.replace(temp, target)
        written.append(target)
    return written


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what ``install`` writes; the files removed (none if it was not installed)."""
    removed = []
    for target in targets(home):
        if target.exists():
            target.unlink()
            removed.append(target)
    return removed
