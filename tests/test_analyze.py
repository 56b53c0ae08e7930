"""The `analyze` library call: the same result in one process or with a pool of workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.analyze import analyze
from storylens.report.document import build_document
from storylens.settings import Settings
from storylens.store.sqlite import SQLiteStore

STORIES = [
    (
        "Harbor Wire",
        "2025-03-03",
        "The ferry Aster capsized off Brannock on Monday, killing 23 people, "
        "the Kestrel coast guard said. About 40 passengers were rescued.",
    ),
    (
        "Northgate Observer",
        "2025-03-04",
        "At least 26 people died when the ferry Aster capsized off "
        "Brannock on Monday, the coast guard said. Some 40 people were pulled from the sea.",
    ),
    (
        "Coastline Daily",
        "2025-05-20",
        "Dockworkers in Port Salen walked out on Monday, halting the "
        "harbour, union leader Lisa Farrow said. Some 3,000 workers joined the strike.",
    ),
]


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(
        "".join(json.dumps({"outlet": o, "published": p, "text": t}) + "\n" for o, p, t in STORIES),
        encoding="utf-8",
    )
    return path


def _result(db: Path) -> tuple[list[tuple[str, str | None]], list[list[str]]]:
    with SQLiteStore(db) as store:
        doc = build_document(store)
    articles = sorted((a["id"], a["outlet"]) for a in doc["articles"])
    events = sorted(sorted(e["articles"]) for e in doc["events"])
    return articles, events


@pytest.mark.slow
def test_a_pool_of_two_workers_gives_the_same_analysis_as_one_process(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    for workers in (1, 2):
        with SQLiteStore(tmp_path / f"w{workers}.sqlite") as store:
            report = analyze([str(corpus)], store, Settings(workers=workers, batch_size=1))
        assert report.new == 3
        assert report.skipped == []
    assert _result(tmp_path / "w1.sqlite") == _result(tmp_path / "w2.sqlite")


def test_an_input_given_twice_in_one_run_is_analysed_once(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    with SQLiteStore(tmp_path / "db.sqlite") as store:
        report = analyze([str(corpus), str(corpus)], store, Settings(quiet=True))
        assert (report.read, report.new, report.known) == (6, 3, 3)
        assert store.count("articles") == 3
        assert store.count("event_articles") == 3
