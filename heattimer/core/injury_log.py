"""The injury log as a person reads it: each injury's state, and what is asked before an
injury is removed or a professional's clearance is recorded, saying what each one lifts.

Rules:
- An injury logged in the last UNDO_FOR can be undone in one click (it was logged by mistake,
  moments ago); later, removing it asks first.
- Removing an injury ("logged by mistake") lifts its 48-hour block and its red-flag hold; it
  stays on file, marked removed.
- A professional's clearance lifts red-flag holds only: the 48-hour block after an injury
  still runs its course, and the questions say so.
The app and the command line both read these (the CLI's table, the app's injury log).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from heattimer.core.model import AREA_WORDING, RED_FLAG_WORDING, Injury, RecoveryHold
from heattimer.core.rules import INJURY_BLOCK, injury_block_until
from heattimer.core.wording import when
from heattimer.i18n import _

UNDO_FOR = timedelta(minutes=5)
NONE_LOGGED = _("No injuries logged.")


class State(StrEnum):
    """Where an injury stands."""

    ACTIVE = "active"
    CLEARED = "cleared"
    REMOVED = "removed"


def state(injury: Injury) -> State:
    """Removed (logged by mistake), cleared by a professional, or active."""
    if injury.removed_at is not None:
        return State.REMOVED
    return State.CLEARED if injury.cleared_at is not None else State.ACTIVE


def state_text(injury: Injury, now: datetime, zone: tzinfo) -> str:
    """Where it stands, as the log says it: "holds heat", "active", "cleared Tue 14:06",
    "removed 14:06"."""
    found = state(injury)
    if found is State.REMOVED:
        return _("removed {time}").format(time=when(injury.removed_at or now, now, zone))
    if found is State.CLEARED:
        return _("cleared {time}").format(time=when(injury.cleared_at or now, now, zone))
    return _("holds heat") if injury.holds_heat(now) else _("active")


def flags_text(injury: Injury) -> str:
    """Its red flags, as they read ("" for none)."""
    return "; ".join(RED_FLAG_WORDING[flag] for flag in sorted(injury.red_flags))


def describe(injury: Injury, now: datetime, zone: tzinfo) -> str:
    """ "Lower back, yesterday 18:05 (Numbness or tingling)"."""
    flags = flags_text(injury)
    area, at = AREA_WORDING[injury.area], when(injury.at, now, zone)
    if flags:
        return _("{area}, {time} ({red_flags})").format(area=area, time=at, red_flags=flags)
    return _("{area}, {time}").format(area=area, time=at)


def just_logged(injuries: Iterable[Injury], now: datetime) -> Injury | None:
    """The injury logged in the last UNDO_FOR, not removed, that an Undo would take back."""
    recent = [
        i
        for i in injuries
        if i.removed_at is None and i.logged_at is not None and now - UNDO_FOR < i.logged_at <= now
    ]
    return max(recent, key=lambda i: i.logged_at or i.at, default=None)


def undo_line(injury: Injury, now: datetime, zone: tzinfo) -> str:
    """What the banner says while an Undo is offered."""
    return _("Injury logged at {time}.").format(time=when(injury.logged_at or injury.at, now, zone))


def removal_question(injury: Injury, now: datetime, zone: tzinfo) -> str:
    """Asked before an injury is removed as logged by mistake."""
    ends = injury.at + INJURY_BLOCK
    blocks, holds = ends > now, injury.holds_heat(now)
    until = when(ends, now, zone)
    if blocks and holds:
        lifted = _(
            "Only remove an injury that did not happen. This lifts its block on heat until "
            "{time} and its hold for red flags. It stays on file, marked removed."
        ).format(time=until)
    elif blocks:
        lifted = _(
            "Only remove an injury that did not happen. This lifts its block on heat until "
            "{time}. It stays on file, marked removed."
        ).format(time=until)
    elif holds:
        lifted = _(
            "Only remove an injury that did not happen. This lifts its hold for red flags. It "
            "stays on file, marked removed."
        )
    else:
        lifted = _("Only remove an injury that did not happen. It stays on file, marked removed.")
    return _("Remove this injury as logged by mistake?\n\n{injury}\n\n{lifted}").format(
        injury=describe(injury, now, zone), lifted=lifted
    )


def clearance_question(
    injuries: Iterable[Injury], now: datetime, zone: tzinfo, only: Injury | None = None
) -> str:
    """Asked before a professional's clearance is recorded for the red flags holding heat
    (or for ``only`` that injury's); ``injuries`` are all of them, since the 48-hour block
    that still runs is the latest injury's, red flags or not."""
    injuries = list(injuries)
    holding = [only] if only is not None else [i for i in injuries if i.holds_heat(now)]
    listed = "\n".join(f"• {describe(i, now, zone)}" for i in holding) or _("• none")
    ends = injury_block_until(injuries, now)
    if ends is not None and ends > now:
        record = _(
            "Record it only after a professional has seen you. The 48-hour block after an "
            "injury still applies: heat stays off until {time}."
        ).format(time=when(ends, now, zone))
    else:
        record = _("Record it only after a professional has seen you.")
    return _(
        "Has a physical therapist or physician cleared you to use heat?\n\n"
        "This lifts the hold on heat for the red flags of:\n{injuries}\n\n{record}"
    ).format(injuries=listed, record=record)


def log_check_question(hold: RecoveryHold, now: datetime, zone: tzinfo) -> str:
    """Asked before the hold after a restored state file is lifted."""
    if hold.backup_at is None:
        return _(
            "Have you checked your injury log?\n\n"
            "The state file was restored from a backup, so injuries, red flags or clearances "
            "logged at all may be missing. Log any that are missing first; then confirming "
            "here lifts the hold on heat."
        )
    return _(
        "Have you checked your injury log?\n\n"
        "The state file was restored from a backup, so injuries, red flags or clearances "
        "logged since {time} may be missing. Log any that are missing first; then confirming "
        "here lifts the hold on heat."
    ).format(time=when(hold.backup_at, now, zone))
