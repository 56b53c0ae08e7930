"""`storylens export --db DB --format json|csv|parquet [--table T] [--out FILE]`."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from ..errors import StorylensError, UsageError
from ..report.document import write_document
from ..report.tables import TABLES, rows
from ..store import Store, is_postgres, open_store
from .errors import fail


@click.command("export")
@click.option(
    "--db",
    required=True,
    metavar="DB",
    help="The database `analyze` wrote: a SQLite file or a postgresql:// URL.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "parquet"]),
    required=True,
    help="json: the storylens/v1 document; csv/parquet: one flat table.",
)
@click.option(
    "--table",
    type=click.Choice(TABLES),
    default="articles",
    show_default=True,
    help="Which table for csv/parquet.",
)
@click.option(
    "--out",
    default=None,
    metavar="FILE",
    help="Where to write (default: stdout for json/csv; required for parquet).",
)
def command(db: str, fmt: str, table: str, out: str | None) -> None:
    """Export an analysis for scripts, spreadsheets and dataframes."""
    try:
        if not is_postgres(db) and not Path(db).exists():
            raise UsageError(
                f"no database at {db}; create one with `storylens analyze PATH --db {db}`"
            )
        with open_store(db) as store:
            if fmt == "json":
                write_document(store, out if out else sys.stdout)
            elif fmt == "csv":
                _write_csv(store, table, out)
            else:
                if not out:
                    raise UsageError("--format parquet needs --out FILE (parquet is binary)")
                _write_parquet(store, table, out)
    except StorylensError as exc:
        fail(exc)


def _write_csv(store: Store, table: str, out: str | None) -> None:
    fh = open(out, "w", newline="", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        writer: csv.DictWriter[str] | None = None
        for row in rows(store, table):
            if writer is None:
                writer = csv.DictWriter(fh, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
    finally:
        if out:
            fh.close()


def _write_parquet(store: Store, table: str, out: str) -> None:
    """Written in row groups of 5,000 so a large corpus never sits in memory whole."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer: pq.ParquetWriter | None = None
    batch: list[dict[str, object]] = []
    try:
        for row in rows(store, table):
            batch.append(row)
            if len(batch) >= 5000:
                tbl = pa.Table.from_pylist(batch)
                writer = writer or pq.ParquetWriter(out, tbl.schema)
                writer.write_table(tbl)
                batch = []
        if batch or writer is None:
            tbl = pa.Table.from_pylist(batch)
            writer = writer or pq.ParquetWriter(out, tbl.schema)
            writer.write_table(tbl)
    finally:
        if writer is not None:
            writer.close()
