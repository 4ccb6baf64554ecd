"""What Heat Timer tells a person about itself: the welcome on the first run, the help
page, and the About box's disclaimer. Every limit is read from the rules (one source), so
the words can never promise what the rules do not keep.

Each text is a list of paragraphs (plain text, no markup); the GUI lays them out.
"""

from __future__ import annotations

from datetime import timedelta
from typing import NamedTuple

from heattimer.core.alarm import GIVE_UP_AFTER, REPEAT
from heattimer.core.model import ACCIDENTAL_START, RED_FLAG_IN_SENTENCE
from heattimer.core.recovery import PHASE_STARTS, SEE_PROFESSIONAL_AFTER, Phase
from heattimer.core.rules import INJURY_BLOCK
from heattimer.core.settings import COOL_DOWN_FLOOR_MINUTES, DAILY_CAPS, HEAT_MINUTES, Settings
from heattimer.i18n import _, ngettext

_LOW, _HIGH = HEAT_MINUTES[0], HEAT_MINUTES[-1]

WHAT_IT_DOES = _(
    "Heat Timer times your heating belt or pad: a session of {low} to {high} minutes, then "
    "an alarm that repeats until you confirm the heat is off. While you sit, it reminds you "
    "to take short posture breaks, each with a stretch that suits where you are in your "
    "recovery."
).format(low=_LOW, high=_HIGH)

DISCLAIMER = _(
    "Heat Timer is not medical advice. It keeps to the safety rules of a general article on "
    "back pain after working out; it does not know your body or your injury. If in doubt, "
    "see a physical therapist or physician."
)

TRAY_NOTE = _(
    "Heat Timer keeps running in the system tray, as a small icon in the panel (usually "
    "near the clock). Closing the window hides it there: click the icon to bring the window "
    "back, and quit from the icon's menu. The alarm rings also while the window is hidden."
)
NO_TRAY_NOTE = _(
    "This desktop shows no system tray (plain GNOME has none; its AppIndicator extension "
    "adds one), so Heat Timer lives in its window: closing it quits Heat Timer, and no "
    "alarm can ring after that. Keep the window open, or minimized, while the heat is on."
)
NO_TRAY_ON_CLOSE = _(
    "There is no system tray on this desktop, so closing the window quits Heat Timer."
)

SEE_A_PROFESSIONAL = _(
    "See a physical therapist or physician if you have sharp or radiating pain, numbness or "
    "tingling, pain that came on suddenly after a fall or accident, or symptoms that last "
    "beyond 1 to {weeks} weeks despite care (the words of the article Heat Timer's rules "
    "come from; Heat Timer reminds you at two weeks)."
).format(weeks=SEE_PROFESSIONAL_AFTER.days // 7)


def _hours(hours: float) -> str:
    return ngettext("{hours} hour", "{hours} hours", int(hours)).format(hours=f"{hours:g}")


def _span(delta: timedelta) -> str:
    """ "a minute", "10 minutes": how a fixed length of the rules reads in a sentence."""
    minutes = delta.total_seconds() / 60
    if minutes == 1:
        return _("a minute")
    return ngettext("{minutes} minute", "{minutes} minutes", int(minutes)).format(
        minutes=f"{minutes:g}"
    )


def _red_flags() -> str:
    return ", ".join(RED_FLAG_IN_SENTENCE.values())


def safety_rules(settings: Settings) -> list[str]:
    """The rules Heat Timer keeps, in plain words, with this person's settings."""
    return [
        _(
            "Heat for {low} to {high} minutes a session, at a low to medium setting; never an "
            "hour straight."
        ).format(low=_LOW, high=_HIGH),
        _(
            "At most {most} heat sessions a day (yours: {cap}), with a cool-down between them "
            "(yours: {cool_down} minutes; never less than {floor})."
        ).format(
            most=DAILY_CAPS[-1],
            cap=settings.daily_cap,
            cool_down=settings.cool_down_minutes,
            floor=COOL_DOWN_FLOOR_MINUTES,
        ),
        _(
            "Cold, not heat, for the first {hours} after an injury: log it, and heat stays "
            "blocked until then (a cold session is offered)."
        ).format(hours=_hours(INJURY_BLOCK.total_seconds() / 3600)),
        _(
            "Red flags ({red_flags}) hold heat until a professional has cleared you: see a "
            "physical therapist or physician, then record it in the injury log."
        ).format(red_flags=_red_flags()),
    ]


class Topic(NamedTuple):
    """One part of the help page: a heading and its paragraphs."""

    title: str
    paragraphs: tuple[str, ...]


def _phases() -> str:
    names = {
        Phase.ACUTE: _("acute (cold, rest, gentle mobility)"),
        Phase.SUBACUTE: _("subacute (low heat, soft stretches, core activation)"),
        Phase.REBUILDING: _("rebuilding (glute bridges, hip hinges, posture work)"),
        Phase.MAINTENANCE: _("maintenance (warm-ups, strengthening, posture breaks)"),
    }
    parts = []
    for phase, start in PHASE_STARTS:
        days = start.total_seconds() / 86400
        if not days:
            parts.append(_("{phase} from the injury").format(phase=names[phase]))
        else:  # (day 1: the first)
            parts.append(
                _("{phase} from day {day}").format(phase=names[phase], day=f"{days + 1:g}")
            )
    return "; ".join(parts)


def help_topics(settings: Settings) -> list[Topic]:
    """The help page: how each rule works, and why."""
    return [
        Topic(_("What Heat Timer does"), (WHAT_IT_DOES,)),
        Topic(
            _("Heat sessions and the alarm"),
            (
                _(
                    "A heat session lasts {low} to {high} minutes: long enough to relax tight "
                    "muscles, short enough not to overheat the skin. At the end the alarm "
                    "rings, and again every {repeat} for {give_up}, and stays in the window "
                    "until you say the heat is off: a belt left on is the danger it exists for."
                ).format(
                    low=_LOW,
                    high=_HIGH,
                    repeat=_every(REPEAT),
                    give_up=_span(GIVE_UP_AFTER),
                ),
                _(
                    "The time is kept from the session's own end, not from a timer that runs, "
                    "so a suspend or a clock change does not make a session longer."
                ),
            ),
        ),
        Topic(
            _("How often"),
            (
                ngettext(
                    "At most {cap} heat sessions a day (the article says 2 to 3), with "
                    "{cool_down} minutes of cool-down after each. A session you stopped within "
                    "{accidental} of starting does not count.",
                    "At most {cap} heat sessions a day (the article says 2 to 3), with "
                    "{cool_down} minutes of cool-down after each. A session you stopped within "
                    "{accidental} of starting does not count.",
                    settings.daily_cap,
                ).format(
                    cap=settings.daily_cap,
                    cool_down=settings.cool_down_minutes,
                    accidental=_span(ACCIDENTAL_START),
                ),
            ),
        ),
        Topic(
            _("After an injury"),
            (
                _(
                    "In the first {hours} cold limits the swelling and heat would add to it, so "
                    "Heat Timer blocks heat and offers a cold session. It then coaches you "
                    "through the recovery phases: {phases}."
                ).format(hours=_hours(INJURY_BLOCK.total_seconds() / 3600), phases=_phases()),
                SEE_A_PROFESSIONAL,
            ),
        ),
        Topic(
            _("Red flags"),
            (
                _(
                    "Some symptoms need a professional before any heat: {red_flags}. Log one "
                    "with the injury and heat stays on hold until you record that a physical "
                    "therapist or physician cleared you."
                ).format(red_flags=_red_flags()),
            ),
        ),
        Topic(
            _("Posture breaks"),
            (
                _(
                    "After {interval} minutes of sitting, a short break with a stretch. It "
                    "never takes the keyboard from what you are typing; it waits while a "
                    "full-screen window or the alarm is up, and time away from the keyboard "
                    "({idle} minutes or more) starts the sitting clock over."
                ).format(
                    interval=settings.break_interval_minutes, idle=settings.idle_reset_minutes
                ),
            ),
        ),
        Topic(_("Not medical advice"), (DISCLAIMER,)),
    ]


def _every(delta: timedelta) -> str:
    """ "minute", "2 minutes": the interval after "every" in a sentence."""
    minutes = delta.total_seconds() / 60
    if minutes == 1:
        return _("minute")
    return _span(delta)
