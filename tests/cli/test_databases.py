"""`--db` takes a SQLite file or a postgresql:// URL, and every command works on both."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storylens.cli import cli
from storylens.report.validate import problems

from .test_export import ARTICLES

UNREACHABLE = "postgresql://storylens:hunter2@127.0.0.1:1/storylens"


def _jsonl() -> str:
    return "".join(json.dumps(a) + "\n" for a in ARTICLES)


def test_analyze_report_and_export_round_trip(db_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["analyze", "-", "--db", db_url, "--quiet"], input=_jsonl())
    assert first.exit_code == 0, first.output
    again = runner.invoke(cli, ["analyze", "-", "--db", db_url], input=_jsonl())
    assert again.exit_code == 0, again.output
    assert "0 new, 2 already stored" in again.output

    report = runner.invoke(cli, ["report", "--db", db_url, "--out", str(tmp_path / "r")])
    assert report.exit_code == 0, report.output
    assert (tmp_path / "r" / "index.md").is_file()
    assert len(list((tmp_path / "r").glob("*.html"))) >= 1

    doc = json.loads(runner.invoke(cli, ["export", "--db", db_url, "--format", "json"]).output)
    assert problems(doc) == []
    assert len(doc["articles"]) == 2
    assert sorted(a for ev in doc["events"] for a in ev["articles"]) == sorted(
        a["id"] for a in doc["articles"]
    )
    table = runner.invoke(cli, ["export", "--db", db_url, "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(table)))
    assert {r["outlet"] for r in rows} == {"Harbor Wire", "Northgate Observer"}


def test_both_engines_give_the_same_analysis_of_the_seeds(
    seeds_dir: Path, tmp_path: Path, pg_url: str
) -> None:
    docs = []
    for db in (str(tmp_path / "seeds.sqlite"), pg_url):
        out = tmp_path / f"{len(docs)}.json"
        result = CliRunner().invoke(
            cli, ["analyze", str(seeds_dir), "--db", db, "--quiet", "--json", str(out)]
        )
        assert result.exit_code == 0, result.output
        doc = json.loads(out.read_text("utf-8"))
        doc.pop("generated_at", None)
        docs.append(doc)
    assert docs[0] == docs[1]


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "-", "--db", UNREACHABLE],
        ["report", "--db", UNREACHABLE, "--out", "unused"],
        ["export", "--db", UNREACHABLE, "--format", "json"],
        ["serve", "--db", UNREACHABLE],
    ],
)
def test_an_unreachable_database_is_one_line_without_the_password(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args, input="")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: postgresql://storylens:***@127.0.0.1:1/storylens: ")
    assert "cannot connect" in lines[0]
    assert "hunter2" not in result.output
    assert "Traceback" not in result.output
