"""What the Shelly and Tasmota simulators share: a ThreadingHTTPServer on 127.0.0.1 and a free
port, and the knobs that make a device misbehave as real ones do on a home network.

- `delay_seconds`: the device answers that many real seconds late (the request is handled after
  the delay: a slow device, for the client's timeouts).
- `unreachable = True`: the device leaves the network: its socket closes and connections are
  refused; `False` brings it back on the same port. The device itself keeps running (its off
  timer too), as a plug whose Wi-Fi dropped still switches off on time.
- `garbage = b"..."`: every answer is these bytes (status 200, JSON content type) instead of
  the documented JSON.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Request:
    """One HTTP request as the device sees it."""

    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]  # names in lower case
    body: bytes
    target: str  # the request-target as sent (path and query), for digest's uri


@dataclass
class Reply:
    """What the device answers."""

    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


class HttpDevice:
    """Serves `handle(Request) -> Reply` over HTTP; subclasses are the devices."""

    def __init__(self) -> None:
        self.delay_seconds = 0.0
        self.garbage: bytes | None = None
        self.requests: list[Request] = []  # every request that reached the device, in order
        self._server: ThreadingHTTPServer | None = None
        self._port = 0
        self._unreachable = False

    def handle(self, request: Request) -> Reply:
        """Answer one request (the device's own logic)."""
        raise NotImplementedError

    @property
    def port(self) -> int:
        """The port the device listens on (the same after it comes back)."""
        return self._port

    @property
    def url(self) -> str:
        """http://127.0.0.1:<port>, the device's address."""
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> HttpDevice:
        """Start serving (on a free port the first time, on the same port after that)."""
        device = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                device._serve(self)

            def do_POST(self) -> None:
                device._serve(self)

            def log_message(self, format: str, *args: object) -> None:
                pass  # a quiet device: pytest shows failures, not every request

        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), Handler)
        self._server.daemon_threads = True
        self._port = self._server.server_address[1]
        # A short poll, so that stop() (and going unreachable) takes milliseconds, not 0.5 s.
        serve = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)
        serve.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> HttpDevice:
        return self.start() if self._server is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def unreachable(self) -> bool:
        """True while the device is off the network (connections refused)."""
        return self._unreachable

    @unreachable.setter
    def unreachable(self, value: bool) -> None:
        if value and not self._unreachable:
            self.stop()
        elif not value and self._unreachable:
            self.start()
        self._unreachable = value

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        if self.delay_seconds > 0:
            time.sleep(self.delay_seconds)  # the simulated slowness itself, not a test's wait
        parts = urlsplit(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        request = Request(
            method=handler.command,
            path=parts.path,
            query=parse_qsl(parts.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in handler.headers.items()},
            body=handler.rfile.read(length) if length else b"",
            target=handler.path,
        )
        self.requests.append(request)
        reply = self.handle(request)
        if self.garbage is not None:
            reply = Reply(200, self.garbage)
        try:
            handler.send_response(reply.status)
            handler.send_header("Content-Type", reply.content_type)
            handler.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a slow device): the answer goes nowhere
