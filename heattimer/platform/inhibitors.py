"""Is the session kept from going idle on purpose (a video plays, a presentation runs)? The
idle inhibitors that GNOME's session manager and KDE's power manager keep, over the session
bus: on GNOME and KDE under Wayland no client may read the other windows' state, and this
is what video players and presentation tools set instead.

- GNOME: ``org.gnome.SessionManager.IsInhibited(8)``, 8 being "the session idle" (what
  ``gnome-session-inhibit --inhibit idle``, the portal's Inhibit and GNOME's apps ask for).
- KDE: powerdevil's policy agent, ``HasInhibition(4)``, 4 being "change the screen
  settings" (dim, blank, lock): what a video player asks for through
  ``org.freedesktop.ScreenSaver.Inhibit``. (Not ``org.freedesktop.PowerManagement``'s
  ``HasInhibit``: that one counts what keeps the machine from suspending, as a music
  player or a download does, and a break would wait through an album.)

Rules:
- Typed messages by jeepney (IsInhibited takes a uint32, which QtDBus cannot send from
  Python); one connection of its own, opened at the first question and again after a
  failure.
- A question waits at most ``TIMEOUT_S`` in all, connecting included (it is asked on the
  GUI thread, when a break is due), and never raises: None when neither answers in time
  (the desktop cannot tell). A connection that failed is opened again at the next
  question, not within the same one.
- No Qt here.
"""

from __future__ import annotations

import contextlib
import time
from typing import NamedTuple

from jeepney import DBusAddress, Message, MessageType, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

TIMEOUT_S = 0.5
GNOME_IDLE = 8
"""IsInhibited's flag for "the session being marked idle"."""
KDE_SCREEN = 4
"""HasInhibition's policy ChangeScreenSettings (powerdevil's PolicyAgent::RequiredPolicy)."""


class Source(NamedTuple):
    """One desktop's answer to "is something keeping the session awake"."""

    name: str
    address: DBusAddress
    method: str
    signature: str
    arguments: tuple[int, ...]

    def question(self) -> Message:
        return new_method_call(self.address, self.method, self.signature, self.arguments)


GNOME = Source(
    "GNOME (session manager's idle inhibitors)",
    DBusAddress(
        "/org/gnome/SessionManager",
        bus_name="org.gnome.SessionManager",
        interface="org.gnome.SessionManager",
    ),
    "IsInhibited",
    "u",
    (GNOME_IDLE,),
)
KDE = Source(
    "KDE (power manager's screen inhibitors)",
    DBusAddress(
        "/org/kde/Solid/PowerManagement/PolicyAgent",
        bus_name="org.kde.Solid.PowerManagement.PolicyAgent",
        interface="org.kde.Solid.PowerManagement.PolicyAgent",
    ),
    "HasInhibition",
    "u",
    (KDE_SCREEN,),
)
SOURCES = (GNOME, KDE)


class SessionInhibited:
    """Callable as a FullScreenProbe: True while the session is kept awake on purpose."""

    def __init__(self, bus: str = "SESSION", sources: tuple[Source, ...] = SOURCES) -> None:
        """``bus``: the session bus, or a bus address (tests)."""
        self._bus = bus
        self._sources = sources
        self._connection: DBusConnection | None = None
        self.source: Source | None = None
        """The source that answered last."""

    @classmethod
    def available(cls, bus: str = "SESSION") -> SessionInhibited | None:
        """A probe if GNOME's or KDE's inhibitors answer on ``bus``, else None."""
        probe = cls(bus)
        if probe() is None:
            probe.close()
            return None
        return probe

    @property
    def name(self) -> str:
        return "none" if self.source is None else self.source.name

    def __call__(self) -> bool | None:
        """True if something keeps the session awake; None if no source answers in time."""
        deadline = time.monotonic() + TIMEOUT_S
        first = [self.source] if self.source else []
        connection = self._connect(deadline)
        for source in first + [s for s in self._sources if s is not self.source]:
            if connection is None:
                break
            answer = self._ask(connection, source, deadline)
            if answer is not None:
                self.source = source
                return answer
            connection = self._connection  # (None once it failed: not opened again now)
        self.source = None
        return None

    def _connect(self, deadline: float) -> DBusConnection | None:
        if self._connection is None:
            try:  # (the bus's handshake within the deadline; its Hello, jeepney's, unbounded:
                # the bus daemon answers both from one loop, so one that shook hands answers)
                self._connection = open_dbus_connection(self._bus, auth_timeout=_left(deadline))
            except (OSError, TimeoutError, ValueError, KeyError):  # no bus, or too slow
                return None
        return self._connection

    def _ask(self, connection: DBusConnection, source: Source, deadline: float) -> bool | None:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        try:
            reply = connection.send_and_get_reply(source.question(), timeout=left)
        except (OSError, TimeoutError, ValueError):  # gone, or too slow
            self.close()
            return None
        if reply.header.message_type is not MessageType.method_return:
            return None  # no such service here
        body = reply.body
        if len(body) != 1 or not isinstance(body[0], bool):
            return None
        return body[0]

    def close(self) -> None:
        """Close the connection (the next question opens one again)."""
        if self._connection is not None:
            with contextlib.suppress(OSError):
                self._connection.close()
            self._connection = None


def _left(deadline: float) -> float:
    return max(0.01, deadline - time.monotonic())
