"""Our X11 client against servers that are not simple. One that wants a cookie, as a
desktop's display manager sets it up: Xvfb started with ``-auth``, the cookie written by
the real ``xauth`` tool, and the client finding it through ``$XAUTHORITY``. One that
hangs; one that talks nonsense. Plus the display names people have."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from heattimer.idle import X11Idle
from heattimer.x11 import TIMEOUT_S, X11Probe, XConnection, parse_display, read_cookie
from tests.platform.conftest import Processes, need, wait_for

pytestmark = pytest.mark.desktop


def free_display() -> int:
    for number in range(150, 400):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


def xauth(path: Path, *args: str) -> None:
    subprocess.run(["xauth", "-f", str(path), *args], check=True, capture_output=True, timeout=10)


@pytest.fixture(scope="module")
def guarded_display(
    processes: Processes, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """An Xvfb that lets in only clients with its cookie; its name and the authority file."""
    need("Xvfb", "xauth")
    folder = tmp_path_factory.mktemp("xauth")
    authority = folder / "Xauthority"
    number = free_display()
    xauth(authority, "add", f":{number}", ".", secrets.token_hex(16))
    processes.start("Xvfb", f":{number}", "-auth", str(authority), "-nolisten", "tcp")
    wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 10, "Xvfb's socket")
    return f":{number}", authority


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


def test_the_cookie_for_this_host_and_display_is_picked(tmp_path: Path) -> None:
    need("xauth")
    authority = tmp_path / "Xauthority"
    host = socket.gethostname()
    mine, other_display, other_host = (secrets.token_hex(16) for _ in range(3))
    xauth(authority, "add", f"{host}/unix:7", ".", other_display)
    xauth(authority, "add", "elsewhere.example/unix:3", ".", other_host)
    xauth(authority, "add", f"{host}/unix:3", ".", mine)
    assert read_cookie(str(authority), 3, host) == bytes.fromhex(mine)
    assert read_cookie(str(authority), 7, host) == bytes.fromhex(other_display)
    assert read_cookie(str(authority), 5, host) is None
    assert read_cookie(str(tmp_path / "none"), 3, host) is None


def test_a_damaged_authority_file_reads_as_no_cookie(tmp_path: Path) -> None:
    damaged = tmp_path / "Xauthority"
    damaged.write_bytes(b"\x01\x00\x00\x05ab")  # a record cut short
    assert read_cookie(str(damaged), 0, "host") is None
    os.chmod(damaged, 0)
    assert read_cookie(str(damaged), 0, "host") is None or os.geteuid() == 0


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
