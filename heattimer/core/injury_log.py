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

UNDO_FOR = timedelta(minutes=5)
NONE_LOGGED = "No injuries logged."


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
        return f"removed {when(injury.removed_at or now, now, zone)}"
    if found is State.CLEARED:
        return f"cleared {when(injury.cleared_at or now, now, zone)}"
    return "holds heat" if injury.holds_heat(now) else "active"


def flags_text(injury: Injury) -> str:
    """Its red flags, as they read ("" for none)."""
    return "; ".join(RED_FLAG_WORDING[flag] for flag in sorted(injury.red_flags))


def describe(injury: Injury, now: datetime, zone: tzinfo) -> str:
    """ "Lower back, yesterday 18:05 (Numbness or tingling)"."""
    flags = flags_text(injury)
    text = f"{AREA_WORDING[injury.area]}, {when(injury.at, now, zone)}"
    return f"{text} ({flags})" if flags else text


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
    return f"Injury logged at {when(injury.logged_at or injury.at, now, zone)}."


def _block_ends(injury: Injury, now: datetime, zone: tzinfo) -> str:
    ends = injury.at + INJURY_BLOCK
    return f"until {when(ends, now, zone)}" if ends > now else ""


def removal_question(injury: Injury, now: datetime, zone: tzinfo) -> str:
    """Asked before an injury is removed as logged by mistake."""
    lifts = []
    if injury.at + INJURY_BLOCK > now:
        lifts.append(f"its block on heat {_block_ends(injury, now, zone)}")
    if injury.holds_heat(now):
        lifts.append("its hold for red flags")
    lifted = f" This lifts {' and '.join(lifts)}." if lifts else ""
    return (
        f"Remove this injury as logged by mistake?\n\n{describe(injury, now, zone)}\n\n"
        f"Only remove an injury that did not happen.{lifted} It stays on file, marked removed."
    )


def clearance_question(
    injuries: Iterable[Injury], now: datetime, zone: tzinfo, only: Injury | None = None
) -> str:
    """Asked before a professional's clearance is recorded for the red flags holding heat
    (or for ``only`` that injury's); ``injuries`` are all of them, since the 48-hour block
    that still runs is the latest injury's, red flags or not."""
    injuries = list(injuries)
    holding = [only] if only is not None else [i for i in injuries if i.holds_heat(now)]
    listed = "\n".join(f"• {describe(i, now, zone)}" for i in holding) or "• none"
    ends = injury_block_until(injuries, now)
    still = (
        f" The 48-hour block after an injury still applies: heat stays off "
        f"until {when(ends, now, zone)}."
        if ends is not None and ends > now
        else ""
    )
    return (
        "Has a physical therapist or physician cleared you to use heat?\n\n"
        f"This lifts the hold on heat for the red flags of:\n{listed}\n\n"
        f"Record it only after a professional has seen you.{still}"
    )


def log_check_question(hold: RecoveryHold, now: datetime, zone: tzinfo) -> str:
    """Asked before the hold after a restored state file is lifted."""
    since = f"since {when(hold.backup_at, now, zone)}" if hold.backup_at is not None else "at all"
    return (
        "Have you checked your injury log?\n\n"
        f"The state file was restored from a backup, so injuries, red flags or clearances "
        f"logged {since} may be missing. Log any that are missing first; then confirming "
        "here lifts the hold on heat."
    )
