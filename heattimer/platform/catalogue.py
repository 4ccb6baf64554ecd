"""The exercise catalogue shipped in resources/exercises.json, read once."""

from __future__ import annotations

import json
from functools import cache

from heattimer.core.exercises import Exercise, in_language, parse_catalogue
from heattimer.i18n import language
from heattimer.platform.paths import resources_dir


@cache
def catalogue() -> tuple[Exercise, ...]:
    """Every exercise, in the catalogue's order, in the person's language where
    resources/exercises.<language>.json has it (in English otherwise)."""
    with open(resources_dir() / "exercises.json", encoding="utf-8") as file:
        exercises = parse_catalogue(json.load(file))
    translated = resources_dir() / f"exercises.{language()}.json"
    if language() != "en" and translated.exists():
        with open(translated, encoding="utf-8") as file:
            exercises = in_language(exercises, json.load(file))
    return exercises


def picture_svg(exercise: Exercise) -> str:
    """Where the exercise's picture is drawn (an SVG)."""
    return str(resources_dir() / exercise.picture)


def picture_png(exercise: Exercise, scale: int = 1) -> str:
    """Where the exercise's picture is, rendered (tools/render_pngs.py) for screens of
    ``scale`` (1, or 2 for HiDPI ones: ``name@2x.png``)."""
    stem = exercise.picture.rsplit("/", 1)[-1].removesuffix(".svg")
    suffix = "" if scale == 1 else f"@{scale}x"
    return str(resources_dir() / "exercises" / "png" / f"{stem}{suffix}.png")
