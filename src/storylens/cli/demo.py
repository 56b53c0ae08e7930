"""`storylens demo`: analyse the bundled sample corpus and show what storylens finds."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

import click

from ..analyze import analyze
from ..errors import StorylensError
from ..report.document import write_document
from ..report.render import write_reports
from ..report.summary import summary_text
from ..settings import Settings
from ..store.sqlite import SQLiteStore
from .errors import fail
from .progress import RunDisplay


def sample_corpus() -> Path:
    with as_file(files("storylens") / "sample" / "corpus") as path:
        return Path(path)


@click.command("demo")
@click.option(
    "--out",
    default="storylens-demo",
    show_default=True,
    metavar="DIR",
    help="Where to put the database, the JSON document and the report.",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def command(out: str, quiet: bool) -> None:
    """Analyse the bundled sample corpus (fictional outlets and events) and summarise it."""
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / "demo.sqlite"
    display = RunDisplay(quiet)
    try:
        with SQLiteStore(db) as store:
            with display.bar(None) as progress:
                report = analyze(
                    [str(sample_corpus())],
                    store,
                    Settings(quiet=quiet),
                    on_skip=display.skip,
                    progress=progress,
                )
            write_document(store, out_dir / "demo.json")
            write_reports(store, out_dir / "report")
            click.echo(summary_text(store))
    except StorylensError as exc:
        fail(exc)
    click.echo(
        f"\n{report.read} articles read ({report.new} new, {report.known} already stored)."
        f"\nDatabase: {db}\nJSON:     {out_dir / 'demo.json'}"
        f"\nReport:   {out_dir / 'report' / 'index.md'} (one .md and one .html per event)"
    )
