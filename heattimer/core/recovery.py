"""Recovery phases after an injury, and what the seed document advises in each.

From the newest injury that is not removed:
- acute, the first 48 h: cold, rest, gentle mobility (pelvic tilts, walking);
- subacute, days 3-7: low heat, soft stretches (child's pose, cat-camel),
  core activation (dead bug, bird dog);
- rebuilding, week 2 on (days 8-28): glute bridges, hip hinges, resisted posture work;
- maintenance, after that: warm-ups before workouts, strengthening, posture breaks.
Pain lasting past two weeks should be seen by a professional: once 14 days
have passed, and until maintenance begins, the recovery says so.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from heattimer.core.model import Injury
from heattimer.i18n import _


class Phase(StrEnum):
    """Where the person is in recovering from their latest injury."""

    NONE = "none"
    ACUTE = "acute"
    SUBACUTE = "subacute"
    REBUILDING = "rebuilding"
    MAINTENANCE = "maintenance"


PHASE_STARTS: tuple[tuple[Phase, timedelta], ...] = (
    (Phase.ACUTE, timedelta(0)),
    (Phase.SUBACUTE, timedelta(hours=48)),
    (Phase.REBUILDING, timedelta(days=7)),
    (Phase.MAINTENANCE, timedelta(days=28)),
)
"""Each phase and how long after the injury it starts."""

SEE_PROFESSIONAL_AFTER = timedelta(days=14)

PROFESSIONAL_NOTE = _(
    "Pain that lasts beyond two weeks despite care should be seen by a "
    "physical therapist or physician."
)

TITLES: dict[Phase, str] = {
    Phase.NONE: _("No injury logged"),
    Phase.ACUTE: _("Acute phase (first 48 hours)"),
    Phase.SUBACUTE: _("Subacute phase (days 3 to 7)"),
    Phase.REBUILDING: _("Functional rebuilding (week 2 on)"),
    Phase.MAINTENANCE: _("Maintenance"),
}

PHASE_NAMES: dict[Phase, str] = {
    Phase.NONE: _("no injury logged"),
    Phase.ACUTE: _("acute phase (first 48 hours)"),
    Phase.SUBACUTE: _("subacute phase (days 3 to 7)"),
    Phase.REBUILDING: _("functional rebuilding (week 2 on)"),
    Phase.MAINTENANCE: _("maintenance"),
}
"""Each phase as it reads inside a sentence ("Now: maintenance"): German keeps a noun's
capital, so this is not ``TITLES`` lowered."""

SHORT_NAMES: dict[Phase, str] = {
    Phase.NONE: _("none"),
    Phase.ACUTE: _("acute"),
    Phase.SUBACUTE: _("subacute"),
    Phase.REBUILDING: _("rebuilding"),
    Phase.MAINTENANCE: _("maintenance"),
}
"""Each phase in one word, as a person reads it ("Next phase: subacute from ...")."""

THERAPY: dict[Phase, str] = {
    Phase.NONE: "heat",
    Phase.ACUTE: "cold",
    Phase.SUBACUTE: "low heat",
    Phase.REBUILDING: "heat",
    Phase.MAINTENANCE: "heat",
}
"""What the seed's summary table recommends in each phase: cold first, heat after."""

ADVICE: dict[Phase, str] = {
    Phase.NONE: _(
        "Heat eases stiffness: 15-20 minutes at low to medium, up to 3 times a day. "
        "Warm up before workouts and break up long sitting."
    ),
    Phase.ACUTE: _(
        "Use cold packs, rest, and gentle mobility such as pelvic tilts and walking. "
        "No heat yet: in the first 48 hours cold is safer to limit swelling."
    ),
    Phase.SUBACUTE: _(
        "Bring in low-grade heat, soft stretching (child's pose, cat-camel) and core "
        "activation (dead bug, bird dog). Pair the heat with gentle stretches or walking."
    ),
    Phase.REBUILDING: _(
        "Progress to glute bridges, hip hinges and resisted posture exercises. "
        "Stay active: heat plus light movement works best."
    ),
    Phase.MAINTENANCE: _(
        "Keep warming up before workouts (5-10 minutes of dynamic movement), foam rolling, "
        "strengthening twice a week (planks, glute bridges, face pulls) and posture breaks."
    ),
}


class Recovery(NamedTuple):
    """Where the person stands after their newest injury."""

    phase: Phase
    injury: Injury | None
    day: int | None
    next_phase: Phase | None
    next_phase_at: datetime | None
    see_professional: bool

    @property
    def title(self) -> str:
        """The phase as a heading."""
        return TITLES[self.phase]

    @property
    def advice(self) -> str:
        """What the seed advises in this phase."""
        return ADVICE[self.phase]

    @property
    def therapy(self) -> str:
        """Cold or heat, as the seed recommends for this phase."""
        return THERAPY[self.phase]


def newest_injury(injuries: Iterable[Injury], now: datetime) -> Injury | None:
    """The most recent injury that has happened and was not removed."""
    active = [i for i in injuries if i.active(now)]
    return max(active, key=lambda i: i.at) if active else None


def phase_at(age: timedelta) -> Phase:
    """The phase an injury ``age`` old is in."""
    current = Phase.ACUTE
    for phase, start in PHASE_STARTS:
        if age >= start:
            current = phase
    return current


def recovery(now: datetime, injuries: Iterable[Injury]) -> Recovery:
    """The recovery phase at ``now``, from the newest active injury."""
    injury = newest_injury(injuries, now)
    if injury is None:
        return Recovery(Phase.NONE, None, None, None, None, False)
    age = now - injury.at
    phase = phase_at(age)
    upcoming = [(p, injury.at + start) for p, start in PHASE_STARTS if start > age]
    next_phase, next_at = upcoming[0] if upcoming else (None, None)
    return Recovery(
        phase=phase,
        injury=injury,
        day=age.days + 1,
        next_phase=next_phase,
        next_phase_at=next_at,
        see_professional=SEE_PROFESSIONAL_AFTER <= age < PHASE_STARTS[-1][1],
    )
