"""Records survive the JSON the store keeps, including records an older version wrote."""

from __future__ import annotations

import json

from storylens.records import Article, Trigger

WORD = Trigger(start=4, end=14, key="~quake", trigger=True, candidate=True, clause_start=0,
               clause_end=30, negated=False, modifiers=["magnitud"])  # fmt: skip


def test_an_article_with_trigger_words_round_trips_through_json() -> None:
    art = Article(source="a.txt", id="a", text="The earthquake struck at dawn.",
                  sentences=[(0, 30)], triggers=[WORD])  # fmt: skip
    back = Article.from_dict(json.loads(json.dumps(art.to_dict())))
    assert back == art
    assert back.triggers == [WORD]


def test_an_article_stored_before_trigger_words_were_kept_loads_without_them() -> None:
    stored = Article(source="a.txt", id="a", text="The earthquake struck.").to_dict()
    del stored["triggers"]  # what an older version wrote
    back = Article.from_dict(json.loads(json.dumps(stored)))
    assert back.triggers is None  # unknown, so the comparison parses its sentences again


def test_an_article_with_no_trigger_words_is_not_taken_for_an_old_one() -> None:
    art = Article(source="a.txt", id="a", text="Advertisement", triggers=[])
    assert Article.from_dict(json.loads(json.dumps(art.to_dict()))).triggers == []
