"""What Heat Timer tells a person about itself: the welcome on the first run, the help
page, and the About box's disclaimer. Every limit is read from the rules (one source), so
the words can never promise what the rules do not keep.

Each text is a list of paragraphs (plain text, no markup); the GUI lays them out.
"""

from __future__ import annotations

from datetime import timedelta
from typing import NamedTuple

from heattimer.core.alarm import GIVE_UP_AFTER, REPEAT
from heattimer.core.model import ACCIDENTAL_START, RED_FLAG_WORDING
from heattimer.core.recovery import PHASE_STARTS, SEE_PROFESSIONAL_AFTER, Phase
from heattimer.core.rules import INJURY_BLOCK, SEE_PROFESSIONAL
from heattimer.core.settings import COOL_DOWN_FLOOR_MINUTES, DAILY_CAPS, HEAT_MINUTES, Settings

WHAT_IT_DOES = (
    "Heat Timer times your heating belt or pad: a session of "
    f"{HEAT_MINUTES[0]} to {HEAT_MINUTES[-1]} minutes, then an alarm that repeats until you "
    "confirm the heat is off. While you sit, it reminds you to take short posture breaks, "
    "each with a stretch that suits where you are in your recovery."
)

DISCLAIMER = (
    "Heat Timer is not medical advice. It keeps to the safety rules of a general article on "
    "back pain after working out; it does not know your body or your injury. If in doubt, "
    f"{SEE_PROFESSIONAL}."
)

TRAY_NOTE = (
    "Heat Timer keeps running in the system tray, as a small icon in the panel (usually "
    "near the clock). Closing the window hides it there: click the icon to bring the window "
    "back, and quit from the icon's menu. The alarm rings also while the window is hidden."
)
NO_TRAY_NOTE = (
    "This desktop shows no system tray (plain GNOME has none; its AppIndicator extension "
    "adds one), so Heat Timer lives in its window: closing it quits Heat Timer, and no "
    "alarm can ring after that. Keep the window open, or minimized, while the heat is on."
)
NO_TRAY_ON_CLOSE = (
    "There is no system tray on this desktop, so closing the window quits Heat Timer."
)

SEE_A_PROFESSIONAL = (
    "See a physical therapist or physician if you have sharp or radiating pain, numbness or "
    "tingling, pain that came on suddenly after a fall or accident, or symptoms that last "
    f"beyond 1 to {SEE_PROFESSIONAL_AFTER.days // 7} weeks despite care (the words of the "
    "article Heat Timer's rules come from; Heat Timer reminds you at two weeks)."
)


def _hours(hours: float) -> str:
    return f"{hours:g} hours"


def _span(delta: timedelta) -> str:
    """ "a minute", "10 minutes": how a fixed length of the rules reads in a sentence."""
    minutes = delta.total_seconds() / 60
    return "a minute" if minutes == 1 else f"{minutes:g} minutes"


def safety_rules(settings: Settings) -> list[str]:
    """The rules Heat Timer keeps, in plain words, with this person's settings."""
    flags = ", ".join(wording.lower() for wording in RED_FLAG_WORDING.values())
    return [
        f"Heat for {HEAT_MINUTES[0]} to {HEAT_MINUTES[-1]} minutes a session, at a low to "
        "medium setting; never an hour straight.",
        f"At most {DAILY_CAPS[-1]} heat sessions a day (yours: {settings.daily_cap}), with a "
        f"cool-down between them (yours: {settings.cool_down_minutes} minutes; never less "
        f"than {COOL_DOWN_FLOOR_MINUTES}).",
        f"Cold, not heat, for the first {_hours(INJURY_BLOCK.total_seconds() / 3600)} after an "
        "injury: log it, and heat stays blocked until then (a cold session is offered).",
        f"Red flags ({flags}) hold heat until a professional has cleared you: "
        f"{SEE_PROFESSIONAL}, then record it in the injury log.",
    ]


class Topic(NamedTuple):
    """One part of the help page: a heading and its paragraphs."""

    title: str
    paragraphs: tuple[str, ...]


def _phases() -> str:
    names = {
        Phase.ACUTE: "acute (cold, rest, gentle mobility)",
        Phase.SUBACUTE: "subacute (low heat, soft stretches, core activation)",
        Phase.REBUILDING: "rebuilding (glute bridges, hip hinges, posture work)",
        Phase.MAINTENANCE: "maintenance (warm-ups, strengthening, posture breaks)",
    }
    parts = []
    for phase, start in PHASE_STARTS:
        days = start.total_seconds() / 86400
        when = "from the injury" if not days else f"from day {days + 1:g}"  # (day 1: the first)
        parts.append(f"{names[phase]} {when}")
    return "; ".join(parts)


def help_topics(settings: Settings) -> list[Topic]:
    """The help page: how each rule works, and why."""
    return [
        Topic("What Heat Timer does", (WHAT_IT_DOES,)),
        Topic(
            "Heat sessions and the alarm",
            (
                f"A heat session lasts {HEAT_MINUTES[0]} to {HEAT_MINUTES[-1]} minutes: long "
                "enough to relax tight muscles, short enough not to overheat the skin. At the "
                f"end the alarm rings, and again every {_span(REPEAT).removeprefix('a ')} for "
                f"{_span(GIVE_UP_AFTER)}, and "
                "stays in the window until you say the heat is off: a belt left on is the "
                "danger it exists for.",
                "The time is kept from the session's own end, not from a timer that runs, so "
                "a suspend or a clock change does not make a session longer.",
            ),
        ),
        Topic(
            "How often",
            (
                f"At most {settings.daily_cap} heat sessions a day (the article says 2 to 3), "
                f"with {settings.cool_down_minutes} minutes of cool-down after each. A session "
                f"you stopped within {_span(ACCIDENTAL_START)} of starting does not count.",
            ),
        ),
        Topic(
            "After an injury",
            (
                "In the first "
                f"{_hours(INJURY_BLOCK.total_seconds() / 3600)} cold limits the swelling and "
                "heat would add to it, so Heat Timer blocks heat and offers a cold session. "
                "It then coaches you through the recovery phases: " + _phases() + ".",
                SEE_A_PROFESSIONAL,
            ),
        ),
        Topic(
            "Red flags",
            (
                "Some symptoms need a professional before any heat: "
                + ", ".join(w.lower() for w in RED_FLAG_WORDING.values())
                + ". Log one with the injury and heat stays on hold until you record that a "
                "physical therapist or physician cleared you.",
            ),
        ),
        Topic(
            "Posture breaks",
            (
                f"After {settings.break_interval_minutes} minutes of sitting, a short break "
                "with a stretch. It never takes the keyboard from what you are typing; it "
                "waits while a full-screen window or the alarm is up, and time away from the "
                f"keyboard ({settings.idle_reset_minutes} minutes or more) starts the sitting "
                "clock over.",
            ),
        ),
        Topic("Not medical advice", (DISCLAIMER,)),
    ]
