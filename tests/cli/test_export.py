"""`storylens export`: the analysis as the storylens/v1 document, CSV or Parquet tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.cli import cli
from storylens.report.validate import problems

ARTICLES = [
    {
        "text": "A fire broke out at the fuel depot in Brannock on Monday, the fire service said. "
        "Nobody was hurt, officials said.",
        "outlet": "Harbor Wire",
        "published": "2025-06-03",
    },
    {
        "text": "Firefighters fought a blaze at a Brannock fuel depot on Monday for nine hours. "
        "The fire service said nobody was hurt.",
        "outlet": "Northgate Observer",
        "published": "2025-06-03",
    },
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "x.sqlite"
    lines = "".join(json.dumps(a) + "\n" for a in ARTICLES)
    result = CliRunner().invoke(cli, ["analyze", "-", "--db", str(path), "--quiet"], input=lines)
    assert result.exit_code == 0, result.output
    return path


def test_json_export_is_a_valid_storylens_v1_document(db: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert len(doc["articles"]) == 2
    assert problems(doc) == []


def test_csv_export_has_one_row_per_article_with_its_event(db: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["outlet"] for r in rows} == {"Harbor Wire", "Northgate Observer"}
    assert all(r["event"] for r in rows)


def test_parquet_export_of_claims_can_be_read_back(db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "claims.parquet"
    result = CliRunner().invoke(
        cli,
        ["export", "--db", str(db), "--format", "parquet", "--table", "claims", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows >= 1
    assert {"text", "status", "independent_sources", "outlets"} <= set(table.column_names)


def test_exporting_a_database_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", "--db", str(tmp_path / "nope.sqlite"), "--format", "json"]
    )
    assert result.exit_code == 2
    assert "storylens analyze" in result.output


def test_parquet_needs_an_output_file(db: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "parquet"])
    assert result.exit_code == 2
