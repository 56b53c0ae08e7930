"""Headers that make hostile article text harmless, and the static files we ship.

Article text comes from anywhere, so besides escaping everything (Jinja autoescape) the
browser is told to run no script but our own file (`script-src 'self'`, no inline
script, no eval) and to load nothing from elsewhere. Static files are served from a
fixed allow-list read from the package at start-up: no part of a request URL is ever
turned into a file-system path.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_body

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

STATIC_FILES = {"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"}


LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware on every request).

    With `hosts`, a request naming any other host is refused: a server on 127.0.0.1
    must not answer a web page that rebinds its own domain name to 127.0.0.1 (DNS
    rebinding) and so reads the analysis from the user's browser.
    """

    def __init__(self, app: ASGIApp, hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.hosts is not None and _host(scope) not in self.hosts:
            body = json.dumps(
                error_body(400, "bad_host", "this server answers its own address only")
            )
            await send(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [(b"content-type", b"application/json"), *HEADERS],
                }
            )
            await send({"type": "http.response.body", "body": body.encode()})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _host(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"host":
            host = str(value.decode("latin-1")).lower()
            return host if host.endswith("]") else host.rsplit(":", 1)[0]
    return ""


class StaticFiles:
    """The package's static files, read once; looked up by name in a fixed table."""

    def __init__(self) -> None:
        root = resources.files("storylens.web") / "static"
        self.files: dict[str, tuple[bytes, str, str]] = {}
        for name, media in STATIC_FILES.items():
            body = (root / name).read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            self.files[name] = (body, media, etag)

    def get(self, name: str) -> tuple[bytes, str, str] | None:
        return self.files.get(name)

    def version(self, name: str) -> str:
        """For cache-busting URLs (`app.css?v=...`)."""
        return self.files[name][2].strip('"')
