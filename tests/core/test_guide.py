"""What the welcome and the help say is what the rules keep: the limits come from the
rules and the person's settings, so a changed rule changes the words."""

from __future__ import annotations

from heattimer.core import guide
from heattimer.core.model import RED_FLAG_WORDING
from heattimer.core.settings import Settings


def everything(settings: Settings) -> str:
    topics = guide.help_topics(settings)
    return "\n".join(
        [*guide.safety_rules(settings), *(p for t in topics for p in (t.title, *t.paragraphs))]
    )


def test_the_safety_rules_say_the_person_s_own_cap_and_cool_down() -> None:
    text = everything(Settings(daily_cap=2, cool_down_minutes=90, break_interval_minutes=45))
    assert "yours: 2" in text and "yours: 90 minutes" in text
    assert "At most 2 heat sessions a day" in text  # the help, with the setting
    assert "After 45 minutes of sitting" in text
    assert "15 to 20 minutes" in text and "48 hours" in text


def test_every_red_flag_and_the_professional_are_named() -> None:
    rules = " ".join(guide.safety_rules(Settings())).lower()
    for wording in RED_FLAG_WORDING.values():
        assert wording.lower() in rules
    assert "physical therapist or physician" in guide.SEE_A_PROFESSIONAL
    assert "numbness or tingling" in guide.SEE_A_PROFESSIONAL


def test_the_disclaimer_is_in_the_help_and_says_not_medical_advice() -> None:
    assert guide.DISCLAIMER.startswith("Heat Timer is not medical advice.")
    assert guide.help_topics(Settings())[-1].paragraphs == (guide.DISCLAIMER,)


def test_the_recovery_phases_start_on_the_days_the_guide_gives() -> None:
    injury = next(t for t in guide.help_topics(Settings()) if t.title == "After an injury")
    text = injury.paragraphs[0]
    assert "subacute (low heat, soft stretches, core activation) from day 3" in text  # days 3-7
    assert "rebuilding (glute bridges, hip hinges, posture work) from day 8" in text  # week 2+
