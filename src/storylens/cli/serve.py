"""`storylens serve --db FILE [--host H] [--port N] [--token TOKEN]`: the web UI and API."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import StorylensError, UsageError
from ..store import is_postgres, redact
from .errors import fail


@click.command("serve")
@click.option(
    "--db",
    "db",
    required=True,
    metavar="DB",
    help="The SQLite file or postgresql:// URL `storylens analyze` wrote.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (the default answers this machine only).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on.",
)
@click.option(
    "--token",
    default=None,
    envvar="STORYLENS_TOKEN",
    metavar="TOKEN",
    help="Accept articles at POST /api/articles from clients that send"
    " 'Authorization: Bearer TOKEN' (also $STORYLENS_TOKEN). Without it the"
    " server is read-only.",
)
@click.option(
    "--max-upload-mb",
    default=10,
    show_default=True,
    type=click.IntRange(1, 1024),
    help="Largest request body POST /api/articles accepts, in MiB.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (read-only servers only: ingest needs one writer).",
)
def command(
    db: str, host: str, port: int, token: str | None, max_upload_mb: int, workers: int
) -> None:
    """Browse the events, claims, quotes and outlets of DB in a web browser.

    Pages are at http://HOST:PORT/, the JSON API under /api (OpenAPI document at
    /api/openapi.json). Read-only unless --token is given.
    """
    import uvicorn

    from ..web import app as web
    from ..web.security import LOOPBACK_NAMES

    max_upload = max_upload_mb * 1024 * 1024
    # on a loopback address, answer loopback names only (no DNS rebinding)
    hosts = LOOPBACK_NAMES if host in LOOPBACK_NAMES else None
    try:
        if not is_postgres(db) and not Path(db).is_file():
            raise UsageError(f"--db {db}: the file does not exist; run `storylens analyze` first")
        if token and workers > 1:
            raise UsageError("--token needs --workers 1: analysis runs in one writer process")
        app = web.create_app(db, token=token, max_upload=max_upload, hosts=hosts)
    except StorylensError as exc:
        fail(exc)
    click.echo(
        f"storylens: serving {redact(db)} on http://{host}:{port}/"
        + (" (accepting articles with the token)" if token else " (read-only)")
    )
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
        return
    web.close(app)
    os.environ[web.DB_ENV] = db if is_postgres(db) else str(Path(db).resolve())
    os.environ[web.MAX_UPLOAD_ENV] = str(max_upload)
    os.environ[web.HOSTS_ENV] = ",".join(sorted(hosts or ()))
    uvicorn.run(
        "storylens.web.app:from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )
