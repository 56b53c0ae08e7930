"""Quotes across outlets: one statement, several reports of it, its speaker an event actor."""

from __future__ import annotations

from typing import Any

from storylens.compare.quotes import compare_quotes
from storylens.records import ActorMention, Article, Quote

ACTORS = [
    {"id": "p1", "name": "Marta Velen", "type": "PERSON", "aliases": ["Velen", "Mayor Velen"]},
    {"id": "p2", "name": "Jon Arby", "type": "PERSON", "aliases": ["Arby"]},
]


def _quoted(article: Any, id: str, outlet: str, text: str, said: str, who: str) -> Article:
    art: Article = article(id, text, outlet)
    start = text.index(said)
    art.quotes = [Quote(start=start, end=start + len(said), text=said, kind="direct",
                        speaker_name=who)]  # fmt: skip
    return art


SAID = "We will rebuild every house the river took"


def test_the_same_quote_in_two_outlets_is_one_quote_with_two_mentions(article: Any) -> None:
    a = _quoted(article, "a", "Sea Post", f"“{SAID},” Mayor Velen said.", SAID, "Mayor Velen")
    b = _quoted(article, "b", "Port Daily", f"Velen vowed: “{SAID}.”", SAID, "Velen")
    (quote,) = compare_quotes([a, b], ACTORS, {}, 0.6)
    assert quote["speaker"] == "p1"
    assert quote["speaker_name"] == "Marta Velen"
    assert len(quote["mentions"]) == 2
    assert quote["variants"] is False


def test_a_reworded_quote_is_marked_as_a_variant(article: Any) -> None:
    other = "We shall rebuild each house that the river took away"
    a = _quoted(article, "a", "Sea Post", f"“{SAID},” Velen said.", SAID, "Velen")
    b = _quoted(article, "b", "Port Daily", f"“{other},” Velen said.", other, "Velen")
    (quote,) = compare_quotes([a, b], ACTORS, {}, 0.6)
    assert quote["variants"] is True


def test_different_speakers_saying_similar_words_are_different_quotes(article: Any) -> None:
    a = _quoted(article, "a", "Sea Post", f"“{SAID},” Velen said.", SAID, "Velen")
    b = _quoted(article, "b", "Port Daily", f"“{SAID},” Arby said.", SAID, "Arby")
    quotes = compare_quotes([a, b], ACTORS, {}, 0.6)
    assert sorted(q["speaker"] for q in quotes) == ["p1", "p2"]


def test_a_speaker_known_only_by_the_articles_actor_id_is_mapped(article: Any) -> None:
    a = _quoted(article, "a", "Sea Post", f"“{SAID},” the mayor said.", SAID, "")
    a.quotes[0].speaker_name = None
    a.quotes[0].speaker = "a1"
    a.actors = [ActorMention(id="a1", name="Marta Velen", type="PERSON")]
    (quote,) = compare_quotes([a], ACTORS, {}, 0.6)
    assert quote["speaker"] == "p1"
