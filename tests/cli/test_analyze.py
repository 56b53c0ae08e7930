"""`storylens analyze` end to end, through the CLI runner, on the real seed articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storylens.cli import cli
from storylens.report.validate import problems

FURNITURE = (
    "Your Comment",
    "Back to top button",
    "Advertisment",
    "READ:",
    "MNA/6056690",
    "Creating new perspectives since 2009",
    "North AmericaIranMiddle East",
)


@pytest.fixture(scope="module")
def seeds_run(
    seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], Path]:
    tmp = tmp_path_factory.mktemp("seeds")
    db, out = tmp / "seeds.sqlite", tmp / "out.json"
    result = CliRunner().invoke(
        cli, ["analyze", str(seeds_dir), "--db", str(db), "--json", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8")), db


def _by_file(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(a["source"]).name[:3]: a for a in doc["articles"]}


def test_the_seeds_give_five_articles_in_a_valid_storylens_v1_document(
    seeds_run: tuple[dict[str, Any], Path],
) -> None:
    doc, _ = seeds_run
    assert doc["schema"] == "storylens/v1"
    assert len(doc["articles"]) == 5
    assert problems(doc) == []


def test_no_page_furniture_is_left_in_any_article_text(
    seeds_run: tuple[dict[str, Any], Path],
) -> None:
    doc, _ = seeds_run
    for art in doc["articles"]:
        for bit in FURNITURE:
            assert bit not in art["text"], (art["source"], bit)


def test_every_sentence_of_the_meeting_reports_is_kept(
    seeds_run: tuple[dict[str, Any], Path], seeds_dir: Path
) -> None:
    doc, _ = seeds_run
    arts = _by_file(doc)
    for path in sorted(seeds_dir.glob("*.txt")):
        text = " ".join(arts[path.name[:3]]["text"].split())
        for line in path.read_text(encoding="utf-8").splitlines():
            line = " ".join(line.split())
            if len(line) > 80 and line.endswith((".", "”", '"')) and "date 20" not in line:
                assert line in text, (path.name, line[:60])


def test_the_two_dated_seeds_are_published_on_17_march_2024(
    seeds_run: tuple[dict[str, Any], Path],
) -> None:
    arts = _by_file(seeds_run[0])
    assert (arts["000"]["published"], arts["000"]["published_basis"]) == ("2024-03-17", "header")
    assert (arts["002"]["published"], arts["002"]["published_basis"]) == ("2024-03-17", "dateline")


def test_outlets_are_named_only_where_the_text_says_so_and_with_evidence(
    seeds_run: tuple[dict[str, Any], Path],
) -> None:
    arts = _by_file(seeds_run[0])
    assert arts["001"]["outlet"] == "Mehr News Agency"
    assert "MNA/6056690" in arts["001"]["outlet_evidence"]
    assert arts["002"]["outlet"] == "Middle East Monitor"
    assert "slogan" in arts["002"]["outlet_evidence"]
    for art in arts.values():
        assert (art["outlet"] is None) == (art["outlet_evidence"] is None)


def test_removed_furniture_is_listed_with_its_reason(
    seeds_run: tuple[dict[str, Any], Path],
) -> None:
    arts = _by_file(seeds_run[0])
    removed = {r["text"]: r["reason"] for r in arts["001"]["removed"]}
    assert "Your Comment" in removed
    assert any("MNA/6056690" in t for t in removed)


def test_reading_the_same_input_again_stores_nothing_twice(
    seeds_run: tuple[dict[str, Any], Path], seeds_dir: Path
) -> None:
    _, db = seeds_run
    result = CliRunner().invoke(cli, ["analyze", str(seeds_dir), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "0 new, 5 already stored" in result.output
    from storylens.store.sqlite import SQLiteStore

    with SQLiteStore(db) as store:
        assert store.count("articles") == 5


def test_bad_inputs_are_reported_once_each_and_the_rest_is_analysed(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(
        "date 2025-02-03 The harbour of Port Salen reopened on Monday after a week of repairs, "
        "the port authority said.\n\nShips began to unload cargo in the afternoon.\n",
        encoding="utf-8",
    )
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (corpus / "empty.txt").write_text("")
    (corpus / "lines.jsonl").write_text(
        '{"text": "A fine article about the ferry that sailed on time."}\n{oops\n'
    )
    result = CliRunner().invoke(
        cli, ["analyze", str(corpus), "--db", str(tmp_path / "x.sqlite"), "--quiet"]
    )
    assert result.exit_code == 1
    skipped = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 3, result.output
    assert any("image.txt" in s for s in skipped)
    assert any("empty.txt" in s for s in skipped)
    assert any("lines.jsonl:2" in s for s in skipped)
    from storylens.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "x.sqlite") as store:
        assert store.count("articles") == 2


def test_json_lines_can_come_from_standard_input(tmp_path: Path) -> None:
    line = json.dumps(
        {
            "text": "The ferry to Brannock left on time on Friday, its operator said.",
            "outlet": "Harbor Wire",
            "published": "2025-03-07",
        }
    )
    result = CliRunner().invoke(
        cli,
        [
            "analyze",
            "-",
            "--db",
            str(tmp_path / "s.sqlite"),
            "--json",
            str(tmp_path / "s.json"),
            "--quiet",
        ],
        input=line + "\n",
    )
    assert result.exit_code == 0, result.output
    (art,) = json.loads((tmp_path / "s.json").read_text())["articles"]
    assert art["source"] == "<stdin>:1"
    assert art["outlet"] == "Harbor Wire"


def test_an_unknown_option_is_a_usage_error_with_exit_status_2() -> None:
    result = CliRunner().invoke(cli, ["analyze", "x", "--no-such-option"])
    assert result.exit_code == 2


def test_a_100_mb_file_is_refused_with_its_size_and_the_rest_is_analysed(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    with (corpus / "huge.txt").open("wb") as fh:
        line = b"The council met again and talked for a long time about the harbour.\n"
        fh.write(line * (100_000_000 // len(line) + 1))
    (corpus / "fine.txt").write_text(
        "The ferry to Kessa left on time on Friday, its operator said.\n"
    )
    result = CliRunner().invoke(
        cli, ["analyze", str(corpus), "--db", str(tmp_path / "b.sqlite"), "--quiet"]
    )
    assert result.exit_code == 1
    (skip,) = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert "huge.txt" in skip
    assert "MB" in skip
    assert "0 skipped" not in result.output
