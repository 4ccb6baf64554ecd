"""Which posture-break exercise comes next.

The catalogue is data (resources/exercises.json); each exercise lists the
recovery phases it suits. Breaks rotate through the current phase's list in
catalogue order, so the same exercise never comes twice in a row (unless it
is the phase's only one). With no injury logged, the maintenance list is used.
"""

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from heattimer.core.recovery import Phase


class Exercise(NamedTuple):
    """One exercise: what it is, how long it takes, its steps and picture."""

    id: str
    name: str
    phases: frozenset[str]
    seconds: int
    steps: tuple[str, ...]
    picture: str
    why: str = ""


def parse_catalogue(data: Mapping[str, object]) -> tuple[Exercise, ...]:
    """Exercises from the catalogue's JSON object; ValueError if it is malformed."""
    items = data.get("exercises")
    if not isinstance(items, list) or not items:
        raise ValueError("the exercise catalogue has no exercises")
    known = {phase.value for phase in Phase}
    exercises = []
    for item in items:
        try:
            exercise = Exercise(
                id=str(item["id"]),
                name=str(item["name"]),
                phases=frozenset(str(p) for p in item["phases"]),
                seconds=int(item["seconds"]),
                steps=tuple(str(step) for step in item["steps"]),
                picture=str(item["picture"]),
                why=str(item.get("why", "")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"bad exercise in the catalogue: {item!r} ({error})") from None
        if not exercise.phases <= known or not exercise.steps or exercise.seconds <= 0:
            raise ValueError(f"bad exercise in the catalogue: {exercise.id}")
        exercises.append(exercise)
    return tuple(exercises)


def for_phase(catalogue: Sequence[Exercise], phase: Phase) -> list[Exercise]:
    """The exercises that suit ``phase`` (maintenance's when no injury is logged)."""
    wanted = Phase.MAINTENANCE if phase is Phase.NONE else phase
    return [e for e in catalogue if wanted.value in e.phases]


def next_exercise(
    catalogue: Sequence[Exercise], phase: Phase, last_id: str | None
) -> Exercise | None:
    """The exercise after ``last_id`` in the phase's list (the first if it is not there)."""
    choices = for_phase(catalogue, phase)
    if not choices:
        return None
    ids = [e.id for e in choices]
    if last_id in ids:
        return choices[(ids.index(last_id) + 1) % len(choices)]
    return choices[0]
