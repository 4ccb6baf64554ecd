"""A real Mosquitto for the MQTT plug simulators and their clients: `mosquitto -c <conf>` with
its own config, on a free loopback port (never 1883, where Debian's packaged service may run),
no persistence, and optionally a password file made with `mosquitto_passwd -b`. The fixture
waits until the broker accepts connections (attempts with a deadline) and stops it after.
Without mosquitto the tests skip with one line (or fail under HEATTIMER_REQUIRE_DESKTOP=1).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.needs import require

START_DEADLINE = 10.0


@dataclass(frozen=True)
class Broker:
    """Where a running broker listens, and the one user it knows (if it has a password file)."""

    host: str
    port: int
    username: str | None = None
    password: str | None = None


def _program(name: str) -> str | None:
    # Debian puts the broker in /usr/sbin, which a non-root PATH often lacks.
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


@contextmanager
def running_mosquitto(folder: Path, user: tuple[str, str] | None = None) -> Iterator[Broker]:
    """Start a Mosquitto whose files live in `folder`; with `user`, only that user may connect."""
    mosquitto = _program("mosquitto")
    needed = [] if mosquitto else ["mosquitto (Debian's mosquitto package)"]
    if user and not _program("mosquitto_passwd"):
        needed.append("mosquitto_passwd")
    require(needed, "the MQTT plug tests need a real broker")
    assert mosquitto is not None
    lines = [
        "persistence false",
        # Run as root, mosquitto would switch to the user 'mosquitto', who cannot read the
        # test's folder; it keeps the user it is started by.
        f"user {pwd.getpwuid(os.getuid()).pw_name}",
        "log_dest stderr",
    ]
    if user:
        passwords = folder / "passwords"
        subprocess.run(
            [_program("mosquitto_passwd"), "-b", "-c", str(passwords), *user],
            check=True,
            capture_output=True,
        )
        lines += ["allow_anonymous false", f"password_file {passwords}"]
    else:
        lines.append("allow_anonymous true")
    for _attempt in range(3):  # another program may take the free port before mosquitto does
        port = _free_port()
        config = folder / "mosquitto.conf"
        config.write_text("\n".join([f"listener {port} 127.0.0.1", *lines]) + "\n")
        log = folder / "mosquitto.log"
        with log.open("wb") as out:
            process = subprocess.Popen([mosquitto, "-c", str(config)], stdout=out, stderr=out)
        deadline = time.monotonic() + START_DEADLINE
        while process.poll() is None and not _accepts(port) and time.monotonic() < deadline:
            time.sleep(0.05)  # a poll interval while waiting on a deadline, not a fixed wait
        if process.poll() is None and _accepts(port):
            break
        process.kill()
        process.wait()
    else:
        raise RuntimeError(f"mosquitto did not start: {log.read_text()[-2000:]}")
    try:
        yield Broker("127.0.0.1", port, *(user or (None, None)))
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def mosquitto(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker]:
    """One anonymous broker for the session; each test uses its own topics."""
    with running_mosquitto(tmp_path_factory.mktemp("mosquitto")) as broker:
        yield broker


@pytest.fixture(scope="module")
def mosquitto_with_password(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker]:
    """A broker that lets in only the user 'heattimer' with the password 'belt-secret'."""
    folder = tmp_path_factory.mktemp("mosquitto-auth")
    with running_mosquitto(folder, ("heattimer", "belt-secret")) as broker:
        yield broker
