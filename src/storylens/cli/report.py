"""`storylens report --db DB --out DIR`."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import StorylensError, UsageError
from ..report.render import write_reports
from ..store import is_postgres, open_store
from .errors import fail


@click.command("report")
@click.option(
    "--db",
    required=True,
    metavar="DB",
    help="The database `analyze` wrote: a SQLite file or a postgresql:// URL.",
)
@click.option(
    "--out",
    required=True,
    metavar="DIR",
    help="Folder for one Markdown file and one self-contained HTML page per event.",
)
def command(db: str, out: str) -> None:
    """Write the story report of every event: coverage, single-source claims, figures, quotes, framing."""
    try:
        if not is_postgres(db) and not Path(db).exists():
            raise UsageError(
                f"no database at {db}; create one with `storylens analyze PATH --db {db}`"
            )
        with open_store(db) as store:
            paths = write_reports(store, out)
    except StorylensError as exc:
        fail(exc)
    click.echo(f"wrote {len(paths)} files to {out} (open {Path(out) / 'index.md'})")
