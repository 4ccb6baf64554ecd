"""Where things live: the data folder and the resources shipped with the app."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "HEATTIMER_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--data-dir``, else $HEATTIMER_DATA_DIR, else the platform's own."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("heattimer", appauthor=False))


def resources_dir() -> Path:
    """The resources folder: inside the installed package, or at the top of a checkout."""
    here = Path(__file__).resolve().parent.parent  # the heattimer package
    for candidate in (here / "resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Heat Timer's resources folder is missing from this installation")
