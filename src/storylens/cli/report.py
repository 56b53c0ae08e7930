"""`storylens report --db FILE --out DIR`."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import StorylensError, UsageError
from ..report.render import write_reports
from ..store.sqlite import SQLiteStore
from .errors import fail


@click.command("report")
@click.option("--db", required=True, metavar="FILE", help="The database `analyze` wrote.")
@click.option(
    "--out",
    required=True,
    metavar="DIR",
    help="Folder for one Markdown file and one self-contained HTML page per event.",
)
def command(db: str, out: str) -> None:
    """Write the story report of every event: coverage, single-source claims, figures, quotes, framing."""
    try:
        if not Path(db).exists():
            raise UsageError(
                f"no database at {db}; create one with `storylens analyze PATH --db {db}`"
            )
        with SQLiteStore(db) as store:
            paths = write_reports(store, out)
    except StorylensError as exc:
        fail(exc)
    click.echo(f"wrote {len(paths)} files to {out} (open {Path(out) / 'index.md'})")
