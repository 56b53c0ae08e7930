"""`storylens analyze PATH... [--db DB] [--json FILE] [--quiet] [--engine single|spark]`."""

from __future__ import annotations

import sys

import click

from ..analyze import RunReport, analyze
from ..errors import StorylensError
from ..report.document import write_document
from ..settings import Settings
from ..store import open_store
from .errors import fail
from .progress import RunDisplay, estimate_inputs

DEFAULT_DB = "storylens.sqlite"


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--db",
    "db",
    default=DEFAULT_DB,
    show_default=True,
    metavar="DB",
    help="SQLite file (created if missing) or postgresql:// URL of an existing database"
    " to store into; re-runs add to it.",
)
@click.option(
    "--json",
    "json_out",
    default=None,
    metavar="FILE",
    help="Also write the storylens/v1 JSON document of the whole database to FILE.",
)
@click.option("--quiet", is_flag=True, help="No progress bar; skipped inputs are still reported.")
@click.option(
    "--batch-size",
    default=64,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Articles per transaction (a killed run resumes after the last batch).",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes for the language model stage (use the number of cores).",
)
@click.option(
    "--max-file-mb",
    default=50,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Larger files (and larger JSON lines or WARC records) are skipped, not read into memory.",
)
@click.option(
    "--engine",
    type=click.Choice(["single", "spark"]),
    default="single",
    show_default=True,
    help="single: this process (and --workers); spark: pyspark, local or under spark-submit.",
)
@click.option(
    "--spark-master",
    default=None,
    metavar="URL",
    help="Spark master for --engine spark, e.g. local[2] (default: spark-submit's, else local[*]).",
)
@click.option(
    "--checkpoint",
    default=None,
    metavar="DIR",
    help="Where --engine spark keeps finished partitions so a killed run resumes "
    "(default: DB.checkpoint next to the database; must be shared by every executor).",
)
@click.option(
    "--partition-size",
    default=128,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Articles per Spark task (--engine spark): the unit of parallelism and of resume.",
)
@click.option(
    "--window-days",
    default=30,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Days per event window (--engine spark); windows are clustered independently.",
)
def command(
    paths: tuple[str, ...],
    db: str,
    json_out: str | None,
    quiet: bool,
    batch_size: int,
    workers: int,
    max_file_mb: int,
    engine: str,
    spark_master: str | None,
    checkpoint: str | None,
    partition_size: int,
    window_days: int,
) -> None:
    """Read news articles from PATHS (files, directories, or - for JSON Lines on stdin).

    Exit status: 0 when every input was read, 1 when something was skipped (each skip is
    reported once on stderr with its file, line and reason), 2 on usage errors.
    """
    settings = Settings(
        quiet=quiet, batch_size=batch_size, workers=workers, max_file_bytes=max_file_mb * 1_000_000
    )
    display = RunDisplay(quiet)
    try:
        with open_store(db) as store:
            if engine == "spark":
                from ..spark import SparkOptions, analyze_spark

                options = SparkOptions(
                    master=spark_master,
                    checkpoint=checkpoint,
                    partition_size=partition_size,
                    window_days=window_days,
                )
                with display.stages() as stage_progress:
                    report = analyze_spark(
                        list(paths),
                        store,
                        settings,
                        options,
                        stdin=sys.stdin.buffer,
                        on_skip=display.skip,
                        progress=stage_progress,
                    )
                if json_out:
                    write_document(store, json_out)
                _summary(display, quiet, report, store.source)
                sys.exit(1 if report.skipped else 0)
            total = estimate_inputs(paths)
            with display.bar(total) as progress:
                report = analyze(
                    list(paths),
                    store,
                    settings,
                    stdin=sys.stdin.buffer,
                    on_skip=display.skip,
                    progress=progress,
                )
            if json_out:
                write_document(store, json_out)
            where = store.source
    except StorylensError as exc:
        fail(exc)
    _summary(display, quiet, report, where)
    sys.exit(1 if report.skipped else 0)


def _summary(display: RunDisplay, quiet: bool, report: RunReport, where: str) -> None:
    if not quiet:
        display.console.print(
            f"{report.read} articles read: {report.new} new, {report.known} already stored, "
            f"{len(report.skipped)} skipped; {report.events_touched} events updated in {where}"
        )
