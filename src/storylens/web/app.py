"""The web application: one explicit object per database, closed when the server stops.

`create_app` builds everything a server needs (read-only readers, templates, static
files, and the ingest worker only when a token is given) and nothing happens at import
time, so tests can build as many independent apps as they like.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException

from ..errors import StorylensError
from ..settings import Settings
from ..store import open_store
from . import api, errors, models, pages, views
from .cache import PageCache
from .ingest import IngestWorker
from .reader import MARK_END, MARK_START, open_reader
from .security import SecurityHeaders, StaticFiles

DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024
DB_ENV, MAX_UPLOAD_ENV, HOSTS_ENV = (
    "STORYLENS_WEB_DB",
    "STORYLENS_WEB_MAX_UPLOAD",
    "STORYLENS_WEB_HOSTS",
)


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    hosts: frozenset[str] | None = None,
    page_cache: int = 512,
) -> FastAPI:
    """A server over `db`; it accepts articles only when `token` is given.

    `hosts`, when given, are the only host names requests may address (see
    `SecurityHeaders`); `storylens serve` on a loopback address passes the loopback names.
    `page_cache` is how many rendered pages are kept until the database changes (0: none).
    """
    settings = settings or Settings(quiet=True)
    reader = open_reader(db)  # refuses a missing file instead of creating an empty database
    open_store(db).close()  # bring the schema (search index) up to date once

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        close(app)

    app = FastAPI(
        title="storylens",
        summary="Events, claims, quotes and figures across news outlets (storylens/v1).",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN: not here
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.reader = reader
    app.state.token = token or None
    app.state.settings = settings
    app.state.max_upload = max_upload
    app.state.static = StaticFiles()
    app.state.templates = _templates(app.state.static)
    app.state.profiles = {}
    app.state.pages = PageCache(reader, page_cache)
    app.state.worker = IngestWorker(db, settings) if token else None
    app.add_middleware(SecurityHeaders, hosts=hosts)
    app.add_exception_handler(StorylensError, errors.on_storylens_error)
    app.add_exception_handler(HTTPException, errors.on_http_error)
    app.add_exception_handler(RequestValidationError, errors.on_validation_error)
    app.add_exception_handler(Exception, errors.on_unexpected)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def from_environment() -> FastAPI:
    """The app of one worker process when `storylens serve --workers N` runs several.

    uvicorn starts worker processes from an import string, so the read-only options
    reach them through the environment; a server that accepts articles runs one process
    (one writer), so no token is ever passed this way.
    """
    hosts = os.environ.get(HOSTS_ENV)
    return create_app(
        os.environ[DB_ENV],
        max_upload=int(os.environ.get(MAX_UPLOAD_ENV, DEFAULT_MAX_UPLOAD)),
        hosts=frozenset(hosts.split(",")) if hosts else None,
    )


def close(app: FastAPI) -> None:
    """Finish the running ingest job and close every connection (reopened on demand)."""
    if app.state.worker is not None:
        app.state.worker.close()  # a later job starts a new writer process
    app.state.reader.close()


def _templates(static: StaticFiles) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storylens.web", "templates"),
        autoescape=True,  # every page shows text from hostile inputs
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["outlet_label"] = views.outlet_label
    env.globals["outlet"] = views.outlet_html
    env.globals["article_href"] = views.article_href
    env.globals["event_href"] = views.event_href
    env.globals["static_url"] = lambda name: f"/static/{name}?v={static.version(name)}"
    env.filters["snippet"] = _snippet
    env.filters["num"] = _num
    return env


def _num(value: object) -> str:
    """30000.0 -> "30,000"; anything that is not a number is shown as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def _snippet(text: str) -> Markup:
    """Escape a search snippet, then turn only our own match markers into <mark>."""
    escaped = str(escape(text))
    return Markup(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, with our one error shape on every error answer."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    error_schema = models.ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(error_schema.pop("$defs", {}))
    schemas["ErrorBody"] = error_schema
    ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
    for path, ops in doc.get("paths", {}).items():
        for method, op in ops.items():
            responses = op.setdefault("responses", {})
            codes = ["404", "422", "500"] if "{" in path or method != "get" else ["422", "500"]
            if method == "post":
                codes += ["401", "403", "413", "415", "503"]
            for code in codes:
                responses[code] = {"description": errors.CODES[int(code)], **ref}
    app.openapi_schema = doc
    return doc
