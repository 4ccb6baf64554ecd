"""The exercise catalogue shipped in resources/exercises.json, read once."""

from __future__ import annotations

import json
from functools import cache

from heattimer.core.exercises import Exercise, parse_catalogue
from heattimer.paths import resources_dir


@cache
def catalogue() -> tuple[Exercise, ...]:
    """Every exercise, in the catalogue's order."""
    with open(resources_dir() / "exercises.json", encoding="utf-8") as file:
        return parse_catalogue(json.load(file))


def picture_path(exercise: Exercise) -> str:
    """Where the exercise's picture (an SVG) is."""
    return str(resources_dir() / exercise.picture)
