"""Our X11 client against servers that are not simple. One that wants a cookie, as a
desktop's display manager sets it up: Xvfb started with ``-auth``, the cookie written by
the real ``xauth`` tool, and the client finding it through ``$XAUTHORITY``. One that
hangs; one that talks nonsense. Plus the display names people have."""

from __future__ import annotations

import _socket
import os
import secrets
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from heattimer.idle import X11Idle
from heattimer.x11 import (
    FAMILY_INTERNET,
    FAMILY_INTERNET6,
    FAMILY_LOCAL,
    FAMILY_WILD,
    RETRY_S,
    TIMEOUT_S,
    XA_ATOM,
    X11Probe,
    XConnection,
    auth_address,
    parse_display,
    read_cookie,
)
from tests.platform.conftest import Processes, need, start_xvfb, wait_for

pytestmark = pytest.mark.desktop


def xauth(path: Path, *args: str) -> None:
    subprocess.run(["xauth", "-f", str(path), *args], check=True, capture_output=True, timeout=10)


@pytest.fixture(scope="module")
def guarded_display(
    processes: Processes, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """An Xvfb that lets in only clients with its cookie; its name and the clients'
    authority file (the server takes every cookie in its own file, whatever display)."""
    need("Xvfb", "xauth")
    folder = tmp_path_factory.mktemp("xauth")
    cookie = secrets.token_hex(16)
    xauth(folder / "server", "add", ":0", ".", cookie)
    display = start_xvfb(processes, "-auth", str(folder / "server"))
    xauth(folder / "client", "add", display, ".", cookie)
    return display, folder / "client"


def test_with_the_cookie_from_xauthority_the_idle_time_is_read(
    guarded_display: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    display, authority = guarded_display
    monkeypatch.setenv("XAUTHORITY", str(authority))
    wait_for(lambda: X11Idle(display).idle_seconds() is not None, 10, "the server to let us in")
    probe = X11Probe(display)
    assert probe.connection.ok and probe.connection.root > 0
    probe.close()


def test_without_the_right_cookie_the_server_refuses_and_nothing_raises(
    guarded_display: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    display, _ = guarded_display
    wrong = tmp_path / "wrong"
    xauth(wrong, "add", display, ".", secrets.token_hex(16))
    monkeypatch.setenv("XAUTHORITY", str(wrong))
    assert X11Idle(display).idle_seconds() is None
    assert X11Probe(display).fullscreen_window_active() is None
    monkeypatch.setenv("XAUTHORITY", str(tmp_path / "missing"))
    assert X11Idle(display).idle_seconds() is None


def test_the_cookie_is_the_one_for_the_address_connected_to(tmp_path: Path) -> None:
    # As libxcb chooses: this host's name for a local server, the IP address for another;
    # a cookie is never sent to a server it was not written for.
    need("xauth")
    authority = str(tmp_path / "Xauthority")
    host = socket.gethostname().encode()
    mine, other_display, remote, elsewhere = (secrets.token_hex(16) for _ in range(4))
    xauth(Path(authority), "add", f"{host.decode()}/unix:7", ".", other_display)
    xauth(Path(authority), "add", "elsewhere.example/unix:3", ".", elsewhere)
    xauth(Path(authority), "add", f"{host.decode()}/unix:3", ".", mine)
    xauth(Path(authority), "add", "192.0.2.7:0", ".", remote)
    assert read_cookie(authority, 3, FAMILY_LOCAL, host) == bytes.fromhex(mine)
    assert read_cookie(authority, 7, FAMILY_LOCAL, host) == bytes.fromhex(other_display)
    assert read_cookie(authority, 0, FAMILY_INTERNET, bytes([192, 0, 2, 7])) == bytes.fromhex(
        remote
    )
    assert read_cookie(authority, 0, FAMILY_LOCAL, host) is None  # not the remote one
    assert read_cookie(authority, 3, FAMILY_INTERNET, bytes([192, 0, 2, 7])) is None
    assert read_cookie(authority, 5, FAMILY_LOCAL, host) is None
    assert read_cookie(str(tmp_path / "none"), 3, FAMILY_LOCAL, host) is None


def test_a_wildcard_cookie_fits_any_host_and_the_first_fitting_record_wins(
    tmp_path: Path,
) -> None:
    def record(family: int, address: bytes, number: bytes, cookie: bytes) -> bytes:
        fields = (address, number, b"MIT-MAGIC-COOKIE-1", cookie)
        return struct.pack(">H", family) + b"".join(struct.pack(">H", len(f)) + f for f in fields)

    authority = tmp_path / "Xauthority"
    authority.write_bytes(
        record(FAMILY_LOCAL, b"other-host", b"0", b"A" * 16)
        + record(FAMILY_WILD, b"", b"0", b"B" * 16)
        + record(FAMILY_LOCAL, b"this-host", b"0", b"C" * 16)
    )
    assert read_cookie(str(authority), 0, FAMILY_LOCAL, b"this-host") == b"B" * 16
    assert read_cookie(str(authority), 0, FAMILY_INTERNET, b"\x0a\x00\x00\x01") == b"B" * 16
    assert read_cookie(str(authority), 1, FAMILY_LOCAL, b"this-host") is None


class PeerSocket:
    """Just enough of a connected socket for auth_address."""

    def __init__(self, family: int, peer: str) -> None:
        self.family, self.peer = family, peer

    def getpeername(self) -> tuple[str, int]:
        return self.peer, 6000


@pytest.mark.parametrize(
    ("family", "peer", "expected"),
    [
        (_socket.AF_UNIX, "", "local"),
        (_socket.AF_INET, "127.0.0.1", "local"),
        (_socket.AF_INET, "127.0.1.1", (FAMILY_INTERNET, bytes([127, 0, 1, 1]))),
        (_socket.AF_INET, "192.0.2.7", (FAMILY_INTERNET, bytes([192, 0, 2, 7]))),
        (_socket.AF_INET6, "::1", "local"),
        (_socket.AF_INET6, "::ffff:192.0.2.7", (FAMILY_INTERNET, bytes([192, 0, 2, 7]))),
        (_socket.AF_INET6, "fe80::1", (FAMILY_INTERNET6, bytes([0xFE, 0x80]) + bytes(13) + b"\1")),
    ],
)
def test_the_server_is_named_as_libxcb_names_it(family: int, peer: str, expected: object) -> None:
    if expected == "local":
        expected = (FAMILY_LOCAL, socket.gethostname().encode())
    assert auth_address(PeerSocket(family, peer)) == expected  # type: ignore[arg-type]


def test_a_damaged_authority_file_reads_as_no_cookie(tmp_path: Path) -> None:
    damaged = tmp_path / "Xauthority"
    damaged.write_bytes(b"\x01\x00\x00\x05ab")  # a record cut short
    assert read_cookie(str(damaged), 0, FAMILY_LOCAL, b"host") is None
    whole = struct.pack(">H", FAMILY_WILD) + b"".join(
        struct.pack(">H", len(f)) + f for f in (b"", b"0", b"MIT-MAGIC-COOKIE-1", b"A" * 16)
    )
    damaged.write_bytes(whole[:-12])  # the cookie itself cut short
    assert read_cookie(str(damaged), 0, FAMILY_LOCAL, b"host") is None


@pytest.mark.parametrize(
    "display", [":\u00b2", ":0.\u00b2", "a..b:0", "x" * 300 + ":0", ":99999", ":" + "9" * 5000]
)
def test_no_display_name_makes_it_raise(display: str) -> None:
    # The idle probe runs before every tick of the session clock: it must never raise.
    assert X11Idle(display).idle_seconds() is None
    assert X11Probe(display).fullscreen_window_active() is None


def test_when_sockets_cannot_be_made_it_answers_none(
    xvfb: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_more_files(*args: object) -> object:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(_socket, "socket", no_more_files)  # what heattimer.x11 calls
    assert X11Idle(xvfb).idle_seconds() is None


def test_a_connection_that_stalled_is_opened_again_later(
    processes: Processes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One second of a frozen X server must not blind the app (idle time, full screen) for
    # the rest of the day: the connection is opened again RETRY_S later.
    need("Xvfb")
    display = start_xvfb(processes)  # with -noreset, as every test's server
    server = processes.started[-1]
    now = [0.0]
    connection = XConnection(display, clock=lambda: now[0])
    probe = X11Probe(display)  # the full-screen check, on a connection of the same kind
    probe.connection = XConnection(display, clock=lambda: now[0])
    assert connection.idle_ms() is not None
    assert probe.connection.atom("_NET_ACTIVE_WINDOW")
    os.kill(server.pid, signal.SIGSTOP)
    try:
        assert connection.idle_ms() is None  # after TIMEOUT_S
        assert probe.connection.property_values(probe.connection.root, "X", XA_ATOM) is None
    finally:
        os.kill(server.pid, signal.SIGCONT)
    assert connection.idle_ms() is None  # not yet: it tries again after a while
    assert not probe.connection.ok
    now[0] += RETRY_S
    assert connection.idle_ms() is not None
    probe.active_window()  # no window manager here: "cannot tell", but it asked again
    assert probe.connection.ok
    probe.close()
    connection.close()
    now[0] += RETRY_S
    assert connection.idle_ms() is None  # closed by its owner: for good


@pytest.mark.parametrize(
    ("display", "parsed"),
    [
        (":0", ("", 0, 0)),
        (":1.0", ("", 1, 0)),
        (":12.1", ("", 12, 1)),
        ("unix:3", ("unix", 3, 0)),
        ("localhost:10.0", ("localhost", 10, 0)),
        ("", None),
        (":", None),
        (":x", None),
        ("0", None),
        (":1.y", None),
        (":\u00b2", None),
    ],
)
def test_display_names(display: str, parsed: tuple[str, int, int] | None) -> None:
    assert parse_display(display) == parsed


def test_a_server_that_never_answers_is_given_up_on_within_the_timeout(tmp_path: Path) -> None:
    # A hung X server must not hang the app's GUI thread: a second, then "cannot tell".
    path = tmp_path / "X"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(f"{path}:0")
    listener.listen(1)
    try:
        started = time.monotonic()
        connection = XConnection(f"{path}:0")
        assert not connection.ok
        assert time.monotonic() - started < TIMEOUT_S + 1
    finally:
        listener.close()


def test_a_server_that_talks_nonsense_reads_as_no_server(tmp_path: Path) -> None:
    path = tmp_path / "X"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(f"{path}:0")
    listener.listen(1)

    def babble() -> None:
        peer, _ = listener.accept()
        peer.recv(64)
        peer.sendall(b"\x01\x00\x0b\x00\x00\x00\x02\x00" + b"\xff" * 8)  # "success", cut short
        peer.close()

    thread = threading.Thread(target=babble)
    thread.start()
    try:
        connection = XConnection(f"{path}:0")
        assert not connection.ok
    finally:
        thread.join(5)
        listener.close()


def test_asking_the_server_loads_neither_ctypes_nor_the_socket_module(xvfb: str) -> None:
    # The idle app's memory (benchmarks/bench_gui.py): ctypes with Xlib cost half a
    # megabyte, and the socket module's enums another 0.4 MB.
    code = (
        "import sys\n"
        "from heattimer.idle import X11Idle\n"
        "from heattimer.x11 import fullscreen_window_active\n"
        f"assert X11Idle({xvfb!r}).idle_seconds() is not None\n"
        "fullscreen_window_active()\n"
        "print(sorted({'ctypes', 'socket'} & set(sys.modules)))\n"
    )
    env = {**os.environ, "DISPLAY": xvfb}
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
