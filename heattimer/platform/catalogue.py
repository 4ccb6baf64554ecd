"""The exercise catalogue shipped in resources/exercises.json, read once, in the person's
language: its names, steps and reasons are looked up in the translations (they are
extracted from the JSON by ``extract_exercises``, README: Translations)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

from heattimer.core.exercises import Exercise, parse_catalogue
from heattimer.i18n import _
from heattimer.platform.paths import resources_dir


@cache
def catalogue() -> tuple[Exercise, ...]:
    """Every exercise, in the catalogue's order, its words translated."""
    with open(resources_dir() / "exercises.json", encoding="utf-8") as file:
        exercises = parse_catalogue(json.load(file))
    return tuple(
        e._replace(
            name=_(e.name), steps=tuple(_(step) for step in e.steps), why=_(e.why) if e.why else ""
        )
        for e in exercises
    )


def extract_exercises(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extraction method for the catalogue (babel.cfg): each exercise's name, steps
    and reason, with the line it is on."""
    text = fileobj.read().decode("utf-8")
    for exercise in parse_catalogue(json.loads(text)):
        for words in (exercise.name, *exercise.steps, exercise.why):
            if words:
                line = text[: text.find(json.dumps(words, ensure_ascii=False))].count("\n") + 1
                yield line, "_", words, [f"exercise {exercise.id}"]


def picture_svg(exercise: Exercise) -> str:
    """Where the exercise's picture is drawn (an SVG)."""
    return str(resources_dir() / exercise.picture)


def picture_png(exercise: Exercise, scale: int = 1) -> str:
    """Where the exercise's picture is, rendered (tools/render_pngs.py) for screens of
    ``scale`` (1, or 2 for HiDPI ones: ``name@2x.png``)."""
    stem = exercise.picture.rsplit("/", 1)[-1].removesuffix(".svg")
    suffix = "" if scale == 1 else f"@{scale}x"
    return str(resources_dir() / "exercises" / "png" / f"{stem}{suffix}.png")
