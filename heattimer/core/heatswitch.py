"""The heat switch: a smart plug the belt is plugged into, whose own timer cuts the power at
the session's deadline, so that heat cannot outlast its session even when the computer
sleeps, crashes or loses the network, or Heat Timer is killed.

Rules:
- The plug is switched on only by a heat session the rules allowed (service.start, the one
  way in), and always with its own off timer set to that session's length, never longer.
- At the deadline, and at Stop, the app switches it off too and reads it back; the end
  alarm counts as confirmed only once the plug says it is off.
- A plug that cannot be reached, refuses the password or answers nonsense is a fault: said
  in one line, and the session does not start (nothing stored as if it had).
- Power draw tells the truth: drawing with no session running is switched off when heat is
  not allowed and otherwise asked about; a session running with nothing drawn is said.

This module is pure: the words, the timers and what a reading means. The clients that speak
to each kind of plug are in heattimer/platform/plugs/.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from typing import NamedTuple, Protocol

from heattimer.core.wording import when
from heattimer.i18n import _


class Kind(StrEnum):
    """What the belt is plugged into."""

    NONE = "none"
    SHELLY = "shelly"
    TASMOTA = "tasmota"
    TASMOTA_MQTT = "tasmota-mqtt"
    ZIGBEE2MQTT = "zigbee2mqtt"
    MQTT = "mqtt"

    @property
    def over_mqtt(self) -> bool:
        """Reached through a broker (its address), by a topic or a name on it."""
        return self in (Kind.TASMOTA_MQTT, Kind.ZIGBEE2MQTT, Kind.MQTT)


NAMES = {
    Kind.NONE: _("None: the belt is switched by hand"),
    Kind.SHELLY: "Shelly",
    Kind.TASMOTA: "Tasmota",
    Kind.TASMOTA_MQTT: _("Tasmota over MQTT"),
    Kind.ZIGBEE2MQTT: _("Zigbee2MQTT"),
    Kind.MQTT: _("MQTT, your own topics and payloads"),
}
"""Each kind as a person reads it."""


class Reading(NamedTuple):
    """What the plug says of itself."""

    on: bool
    watts: float | None = None
    """The power it measures, where it measures it (Shelly, most Tasmota plugs)."""
    off_in: float | None = None
    """Seconds left on its own off timer, while one runs."""


class Fault(StrEnum):
    """Why the plug did not do what it was asked."""

    UNREACHABLE = "unreachable"
    PASSWORD = "password"
    NONSENSE = "nonsense"
    SLOW = "slow"
    STILL_ON = "still_on"


FAULT_WORDING = {
    Fault.UNREACHABLE: _("The plug at {address} cannot be reached: is it on and on this network?"),
    Fault.PASSWORD: _("The plug at {address} refused the password: set it again."),
    Fault.NONSENSE: _("The plug at {address} answered something that makes no sense: {detail}."),
    Fault.SLOW: _("The plug at {address} did not answer within {seconds} seconds."),
    Fault.STILL_ON: _("The plug at {address} still says it is on: unplug the belt."),
}


class PlugFault(Exception):
    """A plug did not do what it was asked; ``str()`` is the line a person reads."""

    def __init__(self, fault: Fault, address: str, detail: str = "", seconds: float = 0) -> None:
        self.fault = fault
        words = FAULT_WORDING[fault].format(address=address, detail=detail, seconds=f"{seconds:g}")
        super().__init__(words)


GENERIC_ON = '{"state": "ON", "on_time": {seconds}}'
GENERIC_OFF = '{"state": "OFF"}'
"""A generic MQTT plug's payloads, unless set: Zigbee2MQTT's, ``{seconds}`` for its timer."""

NO_OWN_TIMER = _(
    "This plug's on payload has no {seconds}: it has no timer of its own, so the heat ends "
    "at the deadline only while Heat Timer runs."
)


def lacks_own_timer(kind: Kind, on_payload: str) -> bool:
    """A generic MQTT plug whose on payload sets no off timer of its own (NO_OWN_TIMER)."""
    return kind is Kind.MQTT and "{seconds}" not in on_payload


TIMEOUT_SECONDS = 4.0
"""How long a plug has to answer one request; the command line gives up on it then."""

TEST_SECONDS = 3
"""The settings' Test: on for this long, with the plug's own off timer."""

DRAWING_WATTS = 3.0
"""More than this is the belt drawing power (a plug's own standby reads a watt or less)."""

FIRST_CHECK = timedelta(seconds=30)
"""How long into a session the belt may take before it draws power."""


def off_timer_seconds(ends_at: datetime, now: datetime) -> int:
    """The plug's own off timer for a session ending at ``ends_at``: the whole seconds
    left, rounded down, so the plug cuts the power at the deadline or just before it."""
    return max(1, math.floor((ends_at - now).total_seconds()))


def shortened_timer(planned_end: datetime, stored_end: datetime, now: datetime) -> int | None:
    """The plug was switched on for a session planned to end at ``planned_end``; the rules
    stored it ending at ``stored_end``: the plug's own timer to set again where that is
    sooner (they shortened it meanwhile), else None."""
    return off_timer_seconds(stored_end, now) if stored_end < planned_end else None


def tasmota_pulse_time(seconds: int) -> int:
    """A Tasmota PulseTime value for ``seconds`` (1 to 111 are tenths of a second; 112 to
    64900 are the seconds plus 100: at most 64800 s, 18 hours)."""
    if seconds <= 11:
        return max(1, seconds * 10)
    return min(64900, seconds + 100)


class Advice(StrEnum):
    """What a reading of the plug asks of the app."""

    NOTHING = "nothing"
    SWITCH_OFF = "switch_off"
    """The belt draws power with no session running, and heat is not allowed now."""
    ASK_TO_COUNT = "ask_to_count"
    """The belt draws power with no session running; heat is allowed: count it? (The
    plug's own timer is set meanwhile, to a session's length: unanswered, it ends.)"""
    NOT_DRAWING = "not_drawing"
    """A session runs and the belt draws nothing (unplugged, or its own switch is off)."""


ADVICE_WORDING = {
    Advice.SWITCH_OFF: _(
        "The belt was drawing power with no session running, and heat is not allowed now: "
        "Heat Timer switched the plug off."
    ),
    Advice.ASK_TO_COUNT: _(
        "The belt is drawing power with no session running (its button, or a schedule). "
        "Count it as a heat session? Unanswered, the plug switches off by itself when a "
        "session would have ended."
    ),
    Advice.NOT_DRAWING: _(
        "The belt draws no power: is it plugged into the plug, and its own switch on?"
    ),
}


def switch_on(switch: HeatSwitch, seconds: int) -> Reading:
    """The plug on with its own off timer of ``seconds``, and seen to be so: on, its timer
    (where it tells it) no longer than asked. Anything else (a fault, even one after the
    plug may have switched on; off; a timer not set) switches it off again and raises
    PlugFault: the heat never runs without the plug's own timer."""
    try:
        reading = switch.switch_on(seconds)
        if not reading.on:
            raise PlugFault(Fault.NONSENSE, switch.address, _("it did not switch on"))
        if reading.off_in is not None and reading.off_in > seconds + 2:
            raise PlugFault(Fault.NONSENSE, switch.address, _("its own timer was not set"))
    except BaseException:
        off_quietly(switch)
        raise
    return reading


def off_quietly(switch: HeatSwitch) -> None:
    """Try to switch the plug off (a fault is said by whoever was failing already)."""
    with contextlib.suppress(Exception):  # (the first fault is the one to say)
        switch.switch_off()


def try_switch(switch: HeatSwitch, wait: Callable[[float], object]) -> str:
    """The settings' Test: on for TEST_SECONDS with the plug's own off timer, read back,
    ``wait`` out the timer, read again; what it showed, in a line (PlugFault if it did not
    switch on, or stayed on)."""
    first = switch_on(switch, TEST_SECONDS)
    wait(TEST_SECONDS + 1)
    if switch.read().on:
        off_quietly(switch)  # (its own timer failed: at least the app's off)
        raise PlugFault(Fault.STILL_ON, switch.address)
    said = _("The plug switched on, and off again by its own timer after {seconds} s.")
    said = said.format(seconds=TEST_SECONDS)
    if first.watts is not None:
        said += " " + _("It measured {watts} W.").format(watts=round(first.watts))
    return said


class HeatSwitch(Protocol):
    """A smart plug the belt is plugged into (heattimer/platform/plugs/). Each call gives
    what the plug says of itself afterwards, or raises PlugFault."""

    address: str

    def switch_on(self, seconds: int) -> Reading:
        """On, with the plug's own timer to switch off after ``seconds``."""
        ...

    def switch_off(self) -> Reading:
        """Off, now."""
        ...

    def read(self) -> Reading:
        """What the plug says: on or off, the power drawn, its timer."""
        ...


COUNT_ACTION = ("plug-count", _("Count it"))
OFF_ACTION = ("plug-off", _("Switch it off"))
"""The power-draw question's answers (a notification's buttons: key, label)."""
ASK_TITLE = _("The belt is on")


def reading_text(reading: Reading, read_at: datetime, zone: tzinfo) -> str:
    """What the plug said at ``read_at``, in a line: "Plug: on, 45 W; off by its own timer
    at 14:22"."""
    if not reading.on:
        return _("Plug: off")
    watts = None if reading.watts is None else round(reading.watts)
    if reading.off_in is None:
        return _("Plug: on") if watts is None else _("Plug: on, {watts} W").format(watts=watts)
    at = when(read_at + timedelta(seconds=reading.off_in), read_at, zone)
    if watts is None:
        return _("Plug: on; off by its own timer at {time}").format(time=at)
    return _("Plug: on, {watts} W; off by its own timer at {time}").format(watts=watts, time=at)


def advice(reading: Reading, running: bool, heat_allowed: bool, session_age: timedelta) -> Advice:
    """What ``reading`` means: with no session running, power drawn is switched off when
    heat is not allowed and asked about otherwise (a plug that measures nothing: its being
    on is taken for drawing); during a session (after FIRST_CHECK), none drawn is said."""
    if not running and reading.on and reading.watts is None:
        return Advice.ASK_TO_COUNT if heat_allowed else Advice.SWITCH_OFF
    if reading.watts is None:
        return Advice.NOTHING
    drawing = reading.on and reading.watts > DRAWING_WATTS
    if not running:
        if not drawing:
            return Advice.NOTHING
        return Advice.ASK_TO_COUNT if heat_allowed else Advice.SWITCH_OFF
    if session_age >= FIRST_CHECK and not drawing:
        return Advice.NOT_DRAWING
    return Advice.NOTHING
