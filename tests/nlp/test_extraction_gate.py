"""Extraction quality on our annotated evaluation set never drops below its floors.

The floors in evalset/floors.json are measured scores minus a margin of at most one
point; they only go up. Metric definitions live in `storylens.nlp.scoring`, shared with
`bench/extraction.py`, which prints the same numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.nlp.scoring import Counts, article_of, load_evalset, score_article, summarize
from storylens.nlp.stage import nlp_stage
from storylens.pipeline import Context

EVALSET = Path(__file__).parent / "evalset"


@pytest.fixture(scope="module")
def metrics() -> dict[str, float]:
    golds = load_evalset(EVALSET / "articles.jsonl")
    articles = [article_of(g) for g in golds]
    nlp_stage(articles, Context())
    total = Counts()
    for art, gold in zip(articles, golds, strict=True):
        total += score_article(art, gold)
    return summarize(total)


def test_every_floor_names_a_metric_we_compute(metrics: dict[str, float]) -> None:
    floors = json.loads((EVALSET / "floors.json").read_text(encoding="utf-8"))
    assert set(floors) <= set(metrics)
    assert all(0.0 <= f <= 1.0 for f in floors.values())


def test_no_extraction_metric_falls_below_its_floor(metrics: dict[str, float]) -> None:
    floors = json.loads((EVALSET / "floors.json").read_text(encoding="utf-8"))
    below = {
        name: f"{metrics[name]:.3f} < floor {floor:.3f}"
        for name, floor in floors.items()
        if metrics[name] < floor
    }
    assert not below, f"extraction got worse on tests/nlp/evalset: {below}"
