"""One JSON shape for every API error, and one HTML page for every page error.

Clients (and the tests that pin this) can rely on `{"error": {"status", "code",
"message"}}` whatever failed: a missing event, a bad parameter, a refused upload, or a
bug. `StorylensError` subclasses carry their own HTTP status, so the library decides
what a failure means and the web layer only renders it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from ..errors import StorylensError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class Unauthorized(StorylensError):
    """A write was attempted without the server's bearer token."""

    http_status = 401


class Forbidden(StorylensError):
    """The server was started read-only: there is nothing a token could unlock."""

    http_status = 403


class PayloadTooLarge(StorylensError):
    http_status = 413


class UnsupportedMediaType(StorylensError):
    http_status = 415


class Busy(StorylensError):
    """The analysis queue is full; the client should retry later."""

    http_status = 503


def code_for(exc: StorylensError) -> str:
    """`NotFound` -> `not_found`: the code names the library's own error class."""
    name = type(exc).__name__
    if name == "StorylensError":
        return CODES.get(exc.http_status, "error")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def render_error(request: Request, status: int, code: str, message: str) -> Response:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if _wants_json(request):
        return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)
    templates = request.app.state.templates
    html = templates.get_template("error.html").render(
        status=status, code=code, message=message, request=request
    )
    return HTMLResponse(html, status_code=status, headers=headers)


async def on_storylens_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StorylensError)
    if exc.http_status >= 500:
        log.error("request %s failed: %s", request.url.path, exc)
    return render_error(request, exc.http_status, code_for(exc), exc.message)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    detail = exc.detail if isinstance(exc.detail, str) else CODES.get(status, "error")
    return render_error(request, status, CODES.get(status, "error"), detail)


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return render_error(request, 422, "invalid_request", "; ".join(parts) or "invalid request")


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return render_error(
        request, 500, "internal_error", "the server failed to answer; the error was logged"
    )
