"""The exercises in German (resources/exercises.de.json): every one, whole, laid over the
English catalogue by core's in_language; an exercise half translated stays English."""

from __future__ import annotations

import json
from pathlib import Path

from heattimer.core.exercises import in_language, parse_catalogue

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def load(name: str) -> dict:
    return json.loads((RESOURCES / name).read_text(encoding="utf-8"))


def test_every_exercise_has_its_german_name_steps_and_why() -> None:
    english = parse_catalogue(load("exercises.json"))
    german = load("exercises.de.json")
    assert set(german["exercises"]) == {e.id for e in english}
    translated = in_language(english, german)
    for before, after in zip(english, translated, strict=True):
        assert (after.id, after.phases, after.seconds, after.picture) == (
            before.id,
            before.phases,
            before.seconds,
            before.picture,
        )
        assert after.name != before.name or after.name in ("Dead Bug", "Bird Dog", "Face Pulls")
        assert len(after.steps) == len(before.steps)
        assert all(a != b for a, b in zip(after.steps, before.steps, strict=True))
        assert after.why and after.why != before.why


def test_an_exercise_translated_in_part_stays_english() -> None:
    english = parse_catalogue(load("exercises.json"))
    first = english[0]
    words = {"exercises": {first.id: {"name": "Halb", "steps": ["nur ein Schritt"]}}}
    assert in_language(english, words)[0] == first
    assert in_language(english, {})[0] == first
