"""The driver pass's near-duplicate index finds what the per-batch one finds."""

from __future__ import annotations

import random

from storylens.clean.dedupe import NearDuplicates
from storylens.clean.identity import article_id
from storylens.records import Article
from storylens.settings import Settings
from storylens.spark.dedupe import RunDuplicates
from storylens.store.sqlite import SQLiteStore

WORDS = [
    "harbour",
    "strike",
    "talks",
    "union",
    "quay",
    "crane",
    "ship",
    "port",
    "wages",
    "council",
    "mayor",
    "bridge",
    "ferry",
    "storm",
    "flood",
    "rescue",
    "school",
    "clinic",
    "budget",
    "vote",
    "court",
    "judge",
    "minister",
    "border",
    "police",
]


def _corpus(seed: int) -> list[list[Article]]:
    """Batches of stories, wire copies (lightly edited, some days later) and repeats."""
    rng = random.Random(seed)
    stories = [" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(12)]
    batches: list[list[Article]] = []
    for b in range(6):
        batch = []
        for _ in range(8):
            text = rng.choice(stories)
            if rng.random() < 0.5:  # a copy with a different sign-off
                text += f" Reporting by desk {rng.randrange(3)}."
            day = rng.choice([None, f"2026-03-{1 + rng.randrange(28):02d}"])
            batch.append(Article(source=f"b{b}", text=text, id=article_id(text), published=day))
        batches.append(batch)
    return batches


def test_one_index_for_the_run_marks_the_same_originals_as_one_per_batch() -> None:
    for seed in range(3):
        reference, run = _corpus(seed), _corpus(seed)
        with SQLiteStore() as a, SQLiteStore() as b:
            per_batch = NearDuplicates(a, Settings())
            for batch in reference:
                per_batch.mark(batch)
            whole = RunDuplicates(b, Settings(), [x for batch in run for x in batch])
            for batch in run:
                whole.mark(batch)
        expected = [x.duplicate_of for batch in reference for x in batch]
        assert [x.duplicate_of for batch in run for x in batch] == expected
        assert any(expected)  # the corpus has copies to find


def test_copies_of_articles_stored_by_an_earlier_run_point_at_them() -> None:
    reference, run = _corpus(7), _corpus(7)
    with SQLiteStore() as a, SQLiteStore() as b:
        for batch in reference[:3]:
            NearDuplicates(a, Settings()).mark(batch)
        for batch in run[:3]:
            NearDuplicates(b, Settings()).mark(batch)
        per_batch = NearDuplicates(a, Settings())
        for batch in reference[3:]:
            per_batch.mark(batch)
        whole = RunDuplicates(b, Settings(), [x for batch in run[3:] for x in batch])
        for batch in run[3:]:
            whole.mark(batch)
    assert [x.duplicate_of for batch in run for x in batch] == [
        x.duplicate_of for batch in reference for x in batch
    ]
