"""Desktop notifications as the freedesktop.org spec has them, over the session bus.

Rules:
- One long-lived connection, owned by the app: a notification server sends a button's
  ActionInvoked, and NotificationClosed, only to the connection that sent the notification
  (a helper process that exits cannot hear them).
- Typed messages, built by jeepney (a well-kept pure-Python D-Bus library): the spec's uint32
  id and byte urgency, which PySide6's QtDBus cannot send, and no text re-parsed by a tool.
- A server that hands an activation token with a click (the spec's ActivationToken, sent
  just before ActionInvoked; mako, KDE) has it passed on with the click: with it, a
  Wayland compositor lets the app's window take the keyboard, as the person asked.
- Nothing waits for the server after connecting: a call is sent, and its answer comes back
  through ``read()``, which the app calls when the socket has data (a QSocketNotifier).
- The ids shown, by tag, are kept in the runtime folder with the server's bus name, so that a
  repeat replaces the notification on the screen, also after a relaunch; a server started
  since then has other ids, and is given none of them.
- No Qt here (heattimer/gui/desktop/notify.py joins this to the event loop and the tray).
"""

from __future__ import annotations

import contextlib
import json
import os
from enum import IntEnum
from pathlib import Path
from typing import Any, NamedTuple

from jeepney import DBusAddress, HeaderFields, MatchRule, Message, MessageType, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

SERVER = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
ADDRESS = DBusAddress(PATH, bus_name=SERVER, interface=SERVER)
CONNECT_TIMEOUT_S = 1.0
"""The longest the app waits for the bus, once, when its first notification is due."""
NEVER_EXPIRES = 0
SERVER_DEFAULT = -1


class Urgency(IntEnum):
    """The spec's urgency levels (its ``urgency`` hint, a byte)."""

    LOW = 0
    NORMAL = 1
    CRITICAL = 2


class Note(NamedTuple):
    """A notification to show: one per ``tag`` on the screen at a time."""

    tag: str
    title: str
    body: str
    urgency: Urgency = Urgency.NORMAL
    actions: tuple[tuple[str, str], ...] = ()
    """Its buttons: for each, the key the app hears when it is clicked, and its label."""
    icon: str = ""
    """A file:// URI or an icon name; "" for none."""
    image: str = ""
    """A picture to show with it (the spec's ``image-path`` hint, a file:// URI); "" none."""


class Clicked(NamedTuple):
    """The person clicked the button ``key`` of the notification of ``tag``."""

    tag: str
    key: str
    token: str = ""
    """The activation token the server handed with the click, if any (Wayland)."""


class Failed(NamedTuple):
    """The server refused to show ``note`` (or there is none): show it another way."""

    note: Note
    reason: str


Event = Clicked | Failed


def notify_message(note: Note, app_name: str, app_id: str, replaces: int = 0) -> Message:
    """The Notify call for ``note``: critical ones never expire and ask for the alarm sound."""
    hints: dict[str, tuple[str, Any]] = {
        "urgency": ("y", int(note.urgency)),
        "desktop-entry": ("s", app_id),
        "category": ("s", "x-heattimer"),
    }
    if note.urgency is Urgency.CRITICAL:
        hints["sound-name"] = ("s", "alarm-clock-elapsed")
    if note.image:
        hints["image-path"] = ("s", note.image)
    timeout = NEVER_EXPIRES if note.urgency is Urgency.CRITICAL else SERVER_DEFAULT
    actions = [text for action in note.actions for text in action]
    return new_method_call(
        ADDRESS,
        "Notify",
        "susssasa{sv}i",
        (app_name, replaces, note.icon, note.title, note.body, actions, hints, timeout),
    )


class NotificationBus:
    """The app's connection to the notification server."""

    def __init__(
        self, conn: DBusConnection, app_name: str, app_id: str, ids_file: Path | None = None
    ) -> None:
        self.conn = conn
        self.app_name, self.app_id = app_name, app_id
        self.ids_file = ids_file
        self.server = ""
        """The unique bus name of the server that gave the ids (its process, in effect)."""
        self.ids: dict[str, int] = {}
        self._pending: dict[int, Note] = {}
        self._tokens: dict[int, str] = {}
        """Activation tokens, by notification id, until their click comes."""
        rule = MatchRule(type="signal", interface=SERVER, path=PATH)
        self._send(message_bus.AddMatch(rule))  # (signals sent to us arrive without it too)
        self._load()

    @classmethod
    def open(
        cls, app_name: str, app_id: str, ids_file: Path | None = None
    ) -> NotificationBus | None:
        """Connect to the session bus; None if there is none to connect to."""
        try:
            conn = open_dbus_connection("SESSION", auth_timeout=CONNECT_TIMEOUT_S)
        except (OSError, KeyError, ValueError, RuntimeError):  # no bus, or not ours to use
            return None
        return cls(conn, app_name, app_id, ids_file)

    def fileno(self) -> int:
        """The socket to watch for ``read()``."""
        return int(self.conn.sock.fileno())

    def show(self, note: Note) -> None:
        """Send ``note``; it replaces the one of the same tag on the screen, if any."""
        message = notify_message(note, self.app_name, self.app_id, self.ids.get(note.tag, 0))
        self._pending[self._send(message)] = note

    def close(self, tag: str) -> None:
        """Take the notification of ``tag`` off the screen (a no-op if it is gone)."""
        nid = self.ids.pop(tag, None)
        if nid is not None:
            self._send(new_method_call(ADDRESS, "CloseNotification", "u", (nid,)))
            self._save()

    def read(self) -> list[Event]:
        """Everything the server has said since the last call; raises ConnectionError when
        the bus went away (then open another)."""
        events: list[Event] = []
        while True:
            try:
                message = self.conn.receive(timeout=0)
            except TimeoutError:
                return events
            event = self._take(message)
            if event is not None:
                events.append(event)

    def disconnect(self) -> None:
        """Close the connection (the notifications stay; the ids are kept for the next)."""
        self.conn.close()

    def _send(self, message: Message) -> int:
        serial = int(next(self.conn.outgoing_serial))
        self.conn.send(message, serial=serial)
        return serial

    def _take(self, message: Message) -> Event | None:
        header = message.header
        kind, fields, body = header.message_type, header.fields, message.body
        if kind in (MessageType.method_return, MessageType.error):
            note = self._pending.pop(fields.get(HeaderFields.reply_serial, 0), None)
            if note is None:
                return None
            if kind is MessageType.error:
                return Failed(note, str(fields.get(HeaderFields.error_name, "an error")))
            self.ids[note.tag] = int(body[0])
            self.server = str(fields.get(HeaderFields.sender, ""))
            self._save()
            return None
        if kind is not MessageType.signal or fields.get(HeaderFields.interface) != SERVER:
            return None
        member = fields.get(HeaderFields.member)
        tag = next((t for t, nid in self.ids.items() if body and nid == body[0]), None)
        if tag is None:
            return None  # another app's notification
        if member == "ActivationToken" and len(body) == 2:
            self._tokens[body[0]] = str(body[1])
        if member == "ActionInvoked" and len(body) == 2:
            return Clicked(tag, str(body[1]), self._tokens.pop(body[0], ""))
        if member == "NotificationClosed":
            self._tokens.pop(body[0], None)
            del self.ids[tag]  # a later repeat is a new notification (closing is no answer)
            self._save()
        return None

    def _owner(self) -> str:
        """The unique name that owns the server's name now ("" if none does)."""
        try:
            reply = self.conn.send_and_get_reply(
                message_bus.GetNameOwner(SERVER), timeout=CONNECT_TIMEOUT_S
            )
        except (OSError, TimeoutError):
            return ""
        if reply.header.message_type is not MessageType.method_return:
            return ""
        return str(reply.body[0])

    def _load(self) -> None:
        if self.ids_file is None:
            return
        try:
            saved = json.loads(self.ids_file.read_text(encoding="utf-8"))
            server, ids = saved["server"], saved["ids"]
        except (OSError, ValueError, KeyError, TypeError):
            return  # none yet, or not ours: start afresh
        if not isinstance(server, str) or not isinstance(ids, dict):
            return
        if server and server == self._owner():
            self.server = server
            self.ids = {str(t): n for t, n in ids.items() if isinstance(n, int) and n > 0}

    def _save(self) -> None:
        if self.ids_file is None:
            return
        text = json.dumps({"server": self.server, "ids": self.ids})
        temp = self.ids_file.with_name(f".{self.ids_file.name}.{os.getpid()}")
        with contextlib.suppress(OSError):  # not worth a word: at worst, one shown twice
            self.ids_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            temp.write_text(text, encoding="utf-8")
            os.replace(temp, self.ids_file)
