"""X11, spoken directly over the X server's socket: no Xlib, no ctypes, no Qt.

The app asks an X server two things (the idle time, and whether the window in
front is full screen), a handful of requests from the core protocol and the
MIT-SCREEN-SAVER extension. Speaking them is a few struct packs; loading Xlib
through ctypes for them cost the app half a megabyte (benchmarks/bench_gui.py).

Rules:
- Nothing here raises. A missing display, a refused connection, an X error (a
  window closed between two requests), a server that stops answering for a
  second, a reply that makes no sense: each reads as None, "cannot tell". (A
  host name is looked up without a timeout, as Xlib does.)
- An ``XConnection`` is a connection of our own (Qt keeps its own), kept for
  reuse, from one thread (the GUI's). When it breaks, it is opened again on the
  first request after RETRY_S, so one stall does not blind the app for the day.
- Authentication: the MIT-MAGIC-COOKIE-1 for the display from ``$XAUTHORITY``
  (default ``~/.Xauthority``), chosen as libxcb does: by the address actually
  connected to (this host's name for a local server); else none (a server that
  lets local users in).
"""

from __future__ import annotations

import _socket  # not socket: its enums cost the app 0.4 MB (benchmarks/bench_gui.py)
import os
import struct
import sys
import time
from collections.abc import Callable

XA_ATOM = 4  # predefined atoms (X11/Xatom.h): they need no round trip to the server
XA_WINDOW = 33
TIMEOUT_S = 1.0  # a local X server answers in microseconds; a stuck one must not hang the app
RETRY_S = 30.0  # after a connection breaks, or could not be opened
MAX_REPLY = 1 << 20  # bytes: far more than any answer we ask for; more is a broken stream
COOKIE = b"MIT-MAGIC-COOKIE-1"
FAMILY_INTERNET, FAMILY_INTERNET6, FAMILY_LOCAL, FAMILY_WILD = 0, 6, 256, 65535
_GENERIC_EVENT = 35  # the one event longer than 32 bytes

_INTERN_ATOM, _GET_PROPERTY, _GET_INPUT_FOCUS, _QUERY_EXTENSION = 16, 20, 43, 98
_SCREEN_SAVER_QUERY_INFO = 1  # minor opcode in MIT-SCREEN-SAVER


def _pad(n: int) -> int:
    return -n % 4


def parse_display(display: str) -> tuple[str, int, int] | None:
    """``[host]:number[.screen]`` as (host, number, screen); None if it is not one."""
    host, colon, rest = display.rpartition(":")
    if not colon:
        return None
    number, _, screen = rest.partition(".")
    if not (number.isascii() and number.isdigit() and len(number) <= 5):
        return None
    if screen and not (screen.isascii() and screen.isdigit() and len(screen) <= 5):
        return None
    return host, int(number), int(screen or 0)


def read_cookie(path: str, number: int, family: int, address: bytes) -> bytes | None:
    """The MIT-MAGIC-COOKIE-1 for display ``number`` at ``address`` (of Xauthority ``family``)
    in the Xauthority file at ``path``, or None.

    Records are a 16-bit family, then four big-endian, length-prefixed fields:
    address, display number, auth name, auth data. The first record for this
    family and address, or for any host (Wild), and for this display or any
    display (empty number), is the one.
    """
    try:
        with open(path, "rb") as file:
            data = file.read(1 << 20)
    except OSError:
        return None
    at = 0
    while at + 2 <= len(data):
        record_family = struct.unpack_from(">H", data, at)[0]
        at += 2
        fields = []
        for _ in range(4):
            if at + 2 > len(data):
                return None  # cut short
            size = struct.unpack_from(">H", data, at)[0]
            if at + 2 + size > len(data):
                return None  # cut short
            fields.append(data[at + 2 : at + 2 + size])
            at += 2 + size
        record_address, display, name, cookie = fields
        if name != COOKIE or display not in (b"", str(number).encode()):
            continue
        if record_family == FAMILY_WILD or (record_family, record_address) == (family, address):
            return cookie
    return None


def auth_address(sock: _socket.socket) -> tuple[int, bytes]:
    """The Xauthority family and address that name the server ``sock`` is connected to:
    this host's name for a local one (a unix socket, 127.0.0.1 or ::1), else its IP
    address (libxcb's rule)."""
    local = (FAMILY_LOCAL, _socket.gethostname().encode())
    if sock.family == _socket.AF_INET:
        packed = _socket.inet_aton(sock.getpeername()[0])
    elif sock.family == _socket.AF_INET6:
        packed = _socket.inet_pton(_socket.AF_INET6, sock.getpeername()[0])
        if packed == bytes(15) + b"\1":
            return local
        if packed.startswith(bytes(10) + b"\xff\xff"):  # an IPv4 address, mapped
            packed = packed[12:]
        else:
            return FAMILY_INTERNET6, packed
    else:
        return local
    return local if packed == b"\x7f\0\0\x01" else (FAMILY_INTERNET, packed)


def _connect(host: str, number: int) -> _socket.socket | None:
    places: list[tuple[int, str | tuple[object, ...]]]
    if host in ("", "unix") or host.startswith("/"):  # the file, then Linux's abstract name
        path = f"{host}:{number}" if host.startswith("/") else f"/tmp/.X11-unix/X{number}"
        places = [(_socket.AF_UNIX, address) for address in (path, "\0" + path)]
    else:  # TCP
        try:
            found = _socket.getaddrinfo(host, 6000 + number, 0, _socket.SOCK_STREAM)
        except (OSError, UnicodeError, ValueError):  # unknown host, or no valid name at all
            return None
        places = [(family, address) for family, _, _, _, address in found]
    for family, address in places:
        try:
            sock = _socket.socket(family, _socket.SOCK_STREAM)
        except OSError:  # out of file descriptors, or IPv6 switched off
            continue
        sock.settimeout(TIMEOUT_S)
        try:
            sock.connect(address)
            return sock
        except OSError:
            sock.close()
    return None


def _root_window(setup: bytes, screen: int) -> int | None:
    """The root window of ``screen`` in the server's connection setup reply (after its
    8-byte header), or None if it has no such screen."""
    vendor, screens, formats = struct.unpack_from("<HxxBB", setup, 16)
    at = 32 + vendor + _pad(vendor) + 8 * formats
    for index in range(screens):
        if index == screen:
            return int(struct.unpack_from("<I", setup, at)[0])
        depths = setup[at + 39]
        at += 40
        for _ in range(depths):
            visuals = struct.unpack_from("<H", setup, at + 2)[0]
            at += 8 + 24 * visuals
    return None


class XConnection:
    """A connection to an X server (``$DISPLAY`` unless named); ``ok`` says if it is open.

    ``clock`` (seconds, monotonic) times the wait before a broken connection is
    opened again; tests pass their own."""

    def __init__(
        self, display: str | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.display = display if display is not None else os.environ.get("DISPLAY", "")
        self.root = 0
        self._clock = clock
        self._sock: _socket.socket | None = None
        self._retry_at: float | None = None  # None: never (no display, or closed by its owner)
        self._sequence = 0
        self._atoms: dict[str, int] = {}
        self._extensions: dict[str, int | None] = {}
        self._failed: int | None = None  # the sequence number of the last error seen
        self._open()

    def _open(self) -> None:
        parsed = parse_display(self.display)
        if parsed is None:
            return  # not a display name: nothing to try again
        self._retry_at = self._clock() + RETRY_S  # unless this works
        host, number, screen = parsed
        sock = _connect(host, number)
        if sock is None:
            return
        self._sock, self._sequence = sock, 0
        self._atoms.clear()  # another server, maybe: its own atoms and extensions
        self._extensions.clear()
        try:
            family, address = auth_address(sock)
            authority = os.environ.get("XAUTHORITY") or os.path.expanduser("~/.Xauthority")
            root = self._setup(read_cookie(authority, number, family, address), screen)
        except (OSError, ValueError):  # the peer went away while we asked who it is
            root = None
        if root is None:
            self._drop()
        else:
            self.root = root

    @property
    def ok(self) -> bool:
        """True while the connection is open."""
        return self._sock is not None

    def close(self) -> None:
        """Close the connection for good; every later request answers None."""
        self._drop()
        self._retry_at = None

    def _drop(self) -> None:
        if self._sock is not None:
            self._sock.close()
        self._sock = None

    def ready(self) -> bool:
        """Open, or opened again now that RETRY_S has passed since it broke."""
        if self._sock is None and self._retry_at is not None and self._clock() >= self._retry_at:
            self._open()
        return self._sock is not None

    # -- the wire ----------------------------------------------------------------

    def _read(self, size: int) -> bytes:
        assert self._sock is not None
        if size > MAX_REPLY:
            raise OSError("not an X server's answer")
        data = bytearray()
        while len(data) < size:
            chunk = self._sock.recv(min(size - len(data), 1 << 16))
            if not chunk:
                raise OSError("the X server closed the connection")
            data += chunk
        return bytes(data)

    def _setup(self, cookie: bytes | None, screen: int) -> int | None:
        """Send the connection setup; the root window of ``screen``, or None if refused."""
        name, data = (COOKIE, cookie) if cookie else (b"", b"")
        request = struct.pack("<BxHHHHxx", 0x6C, 11, 0, len(name), len(data))
        request += name + b"\0" * _pad(len(name)) + data + b"\0" * _pad(len(data))
        try:
            assert self._sock is not None
            self._sock.sendall(request)
            status, _, _, _, extra = struct.unpack("<BBHHH", self._read(8))
            body = self._read(extra * 4)
        except OSError:
            return None
        if status != 1:
            return None  # 0: refused, 2: more authentication wanted
        try:
            return _root_window(body, screen)
        except (struct.error, IndexError):  # a reply cut short: not an X server we can use
            return None

    def _write(self, request: bytes) -> bool:
        """Send one request (it gets the next sequence number); False if the connection is
        closed or breaks."""
        if not self.ready():
            return False
        assert self._sock is not None
        self._sequence = (self._sequence + 1) & 0xFFFF
        try:
            self._sock.sendall(request)
        except OSError:
            self._broken()
            return False
        return True

    def _broken(self) -> None:
        self._drop()
        self._retry_at = self._clock() + RETRY_S

    def _request(self, request: bytes) -> bytes | None:
        """Send one request that has a reply; its reply (32 bytes and more), or None on an X
        error. Breaks the connection when the server cannot be read."""
        if not self._write(request):
            return None
        try:
            while True:
                packet = self._read(32)
                kind, sequence = packet[0], struct.unpack_from("<H", packet, 2)[0]
                if kind == 1 or kind & 0x7F == _GENERIC_EVENT:  # then 4-byte units more
                    more = struct.unpack_from("<I", packet, 4)[0]
                    packet += self._read(more * 4)
                if kind in (0, 1) and sequence == self._sequence:
                    return packet if kind == 1 else None  # 0: an error, for this request
                if kind == 0:
                    self._failed = sequence  # an error for a request without a reply
                # Or an event (MappingNotify goes to every client): read past it.
        except OSError:  # also the timeout: a server that does not answer is no help
            self._broken()
            return None

    def send(self, request: bytes) -> bool:
        """Send one request that has no reply; True once the server has taken it without an
        error (a GetInputFocus round trip after it says so)."""
        if not self._write(request):
            return False
        sent, self._failed = self._sequence, None
        if self._request(struct.pack("<BxH", _GET_INPUT_FOCUS, 1)) is None:
            return False
        return self._failed != sent

    # -- requests ----------------------------------------------------------------

    def atom(self, name: str) -> int | None:
        """The atom called ``name`` (created if the server has none yet), or None."""
        if not self.ready():  # first: a reopened connection starts with empty caches
            return None
        if name not in self._atoms:
            raw = name.encode()
            length = 2 + (len(raw) + _pad(len(raw))) // 4
            reply = self._request(
                struct.pack("<BBHHxx", _INTERN_ATOM, 0, length, len(raw))
                + raw
                + b"\0" * _pad(len(raw))
            )
            value = 0 if reply is None else struct.unpack_from("<I", reply, 8)[0]
            if not value:
                return None
            self._atoms[name] = value
        return self._atoms[name]

    def property_values(self, window: int, name: str, kind: int) -> list[int] | None:
        """The 32-bit values of ``window``'s property ``name`` of type ``kind``.

        [] when the window has no such property; None when the window is gone, the
        property has another type or format, or the server cannot be asked.
        """
        prop = self.atom(name)  # (opens the connection again if it is due)
        if prop is None:
            return None
        reply = self._request(
            struct.pack("<BBHIIIII", _GET_PROPERTY, 0, 6, window, prop, kind, 0, 1024)
        )
        if reply is None:
            return None
        form, actual, count = reply[1], *struct.unpack_from("<IxxxxI", reply, 8)
        if actual == 0:  # None: the window has no such property
            return []
        if actual != kind or form != 32 or len(reply) < 32 + 4 * count:
            return None
        return list(struct.unpack_from(f"<{count}I", reply, 32))

    def extension(self, name: str) -> int | None:
        """The major opcode of the server's extension ``name``, or None without it."""
        if not self.ready():
            return None
        if name not in self._extensions:
            raw = name.encode()
            length = 2 + (len(raw) + _pad(len(raw))) // 4
            reply = self._request(
                struct.pack("<BxHHxx", _QUERY_EXTENSION, length, len(raw))
                + raw
                + b"\0" * _pad(len(raw))
            )
            if reply is None:
                return None  # not remembered: the server could not be asked
            self._extensions[name] = reply[9] if reply[8] else None
        return self._extensions[name]

    def idle_ms(self) -> int | None:
        """Milliseconds since the server last saw keyboard or pointer input (MIT-SCREEN-SAVER),
        or None."""
        opcode = self.extension("MIT-SCREEN-SAVER")
        if opcode is None:
            return None
        reply = self._request(struct.pack("<BBHI", opcode, _SCREEN_SAVER_QUERY_INFO, 2, self.root))
        return None if reply is None else int(struct.unpack_from("<I", reply, 16)[0])


class X11Probe:
    """Asks the X server and its window manager what the desktop is doing."""

    def __init__(self, display: str | None = None) -> None:
        self.connection = XConnection(display)

    @property
    def display(self) -> str:
        """The display this probe asks."""
        return self.connection.display

    def active_window(self) -> int | None:
        """The window the window manager calls active; 0 for none; None when it cannot tell."""
        conn = self.connection
        if not conn.ready():  # (opened again, if it broke a while ago)
            return None
        found = conn.property_values(conn.root, "_NET_ACTIVE_WINDOW", XA_WINDOW)
        if found is None:
            return None
        if found:
            return found[0]
        # Unset: a window manager that supports it has not focused anything yet (openbox
        # at start); with no such window manager there is no telling.
        supported = conn.property_values(conn.root, "_NET_SUPPORTED", XA_ATOM)
        return 0 if supported and conn.atom("_NET_ACTIVE_WINDOW") in supported else None

    def fullscreen_window_active(self) -> bool | None:
        """True if the active window is full screen, False if not, None when it cannot tell."""
        window = self.active_window()
        if window is None:
            return None
        if window == 0:
            return False  # nothing has the focus: nothing full screen is in front
        fullscreen = self.connection.atom("_NET_WM_STATE_FULLSCREEN")
        states = self.connection.property_values(window, "_NET_WM_STATE", XA_ATOM)
        if fullscreen is None or states is None:
            return None
        return fullscreen in states

    def close(self) -> None:
        """Close the probe's connection."""
        self.connection.close()


_probe: X11Probe | None = None


def fullscreen_window_active() -> bool | None:
    """Is the active window full screen on this X11 desktop? None when not on X11 or unknown."""
    global _probe
    if sys.platform in ("win32", "darwin"):
        return None  # on macOS, opening $DISPLAY would start XQuartz just to ask
    if os.environ.get("WAYLAND_DISPLAY"):
        return None  # XWayland sees only X clients' windows, not the one in front
    display = os.environ.get("DISPLAY", "")
    if not display:
        return None
    if _probe is None or _probe.display != display:
        if _probe is not None:
            _probe.close()
        _probe = X11Probe(display)
    return _probe.fullscreen_window_active()
