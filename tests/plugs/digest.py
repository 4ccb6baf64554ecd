"""HTTP Digest authentication, the server's side, as RFC 7616 defines it and Shelly's Gen2+
devices use it: SHA-256, qop "auth", user "admin", realm the device id
(https://shelly-api-docs.shelly.cloud/gen2/General/Authentication,
https://www.rfc-editor.org/rfc/rfc7616#section-3.4).

    response = H( H(user ":" realm ":" password) ":" nonce ":" nc ":" cnonce ":" qop ":"
                  H(method ":" uri) )

A nonce is a number (Shelly: "random or pseudo-random number"), valid for an hour of the
device's clock, and may be reused with a growing nonce count (firmware 2.0.0 and later, as RFC
7616 allows); a count that does not grow is a replay and is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Callable

ALGORITHM = "SHA-256"
NONCE_LIFETIME = 3600.0
_PARAM = re.compile(r'(\w+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)')


def sha256_hex(text: str) -> str:
    """H() of RFC 7616 for SHA-256: the lower-case hex digest of the UTF-8 bytes."""
    return hashlib.sha256(text.encode()).hexdigest()


def parse_params(header: str) -> dict[str, str]:
    """The auth-params of a `Digest ...` header, quotes and escapes removed."""
    params = {}
    for name, value in _PARAM.findall(header.partition(" ")[2]):
        if value.startswith('"'):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        params[name.lower()] = value
    return params


class DigestAuth:
    """Challenges and checks for one realm and one password (user "admin")."""

    user = "admin"

    def __init__(self, realm: str, password: str, now: Callable[[], float]) -> None:
        self.realm = realm
        self._ha1 = sha256_hex(f"{self.user}:{realm}:{password}")
        self._now = now
        self._nonces: dict[str, tuple[float, int]] = {}  # nonce -> (issued at, last nc)
        self._lock = threading.Lock()

    def challenge(self, stale: bool = False) -> str:
        """A WWW-Authenticate value with a fresh nonce."""
        nonce = str(secrets.randbelow(10**10))
        with self._lock:
            self._nonces[nonce] = (self._now(), 0)
        extra = ", stale=true" if stale else ""
        return (
            f'Digest qop="auth", realm="{self.realm}", nonce="{nonce}", '
            f"algorithm={ALGORITHM}{extra}"
        )

    def check(self, method: str, target: str, authorization: str | None) -> str | None:
        """None if `authorization` proves the password for this request, else why not (one of
        "missing", "malformed", "stale", "replay", "wrong")."""
        if not authorization or not authorization.lower().startswith("digest "):
            return "missing"
        p = parse_params(authorization)
        needed = ("username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce")
        if any(k not in p for k in needed) or p.get("algorithm", "MD5").upper() != ALGORITHM:
            return "malformed"
        if p["username"] != self.user or p["realm"] != self.realm or p["qop"] != "auth":
            return "wrong"
        if p["uri"] != target:
            return "malformed"  # RFC 7616 3.4.6: the uri must be the request-target
        try:
            nc = int(p["nc"], 16)
        except ValueError:
            return "malformed"
        ha2 = sha256_hex(f"{method}:{p['uri']}")
        expected = sha256_hex(f"{self._ha1}:{p['nonce']}:{p['nc']}:{p['cnonce']}:auth:{ha2}")
        if not hmac.compare_digest(expected, p["response"].lower()):
            return "wrong"
        with self._lock:
            issued = self._nonces.get(p["nonce"])
            if issued is None or self._now() - issued[0] > NONCE_LIFETIME:
                return "stale"
            if nc <= issued[1]:
                return "replay"
            self._nonces[p["nonce"]] = (issued[0], nc)
        return None
