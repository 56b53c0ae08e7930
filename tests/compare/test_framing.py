"""Framing: the names each outlet uses for the same actor, its own voice apart from quotes."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from storylens.compare.framing import framing_table, load_lexicon, parse_lexicon, tone_table
from storylens.errors import UsageError

LEXICON = parse_lexicon(
    tomllib.loads(
        """
[concepts.Nordland]
terms = ["Nordland", "Nordic regime", "Valby"]
[concepts."United States"]
terms = ["United States", "US"]
[tone]
words = ["criminal", "heroic"]
"""
    ),
    "test",
)


def test_each_outlet_is_shown_with_the_names_it_uses_itself(article: Any) -> None:
    a = article("a", "The Nordic regime shelled the border. Valby denied it.", "Sea Post")
    b = article("b", "Nordland shelled the border, the ministry said.", "Port Daily")
    (entry,) = framing_table([a, b], LEXICON)
    assert entry["concept"] == "Nordland"
    assert entry["terms"] == {"Port Daily": ["Nordland"], "Sea Post": ["Nordic regime", "Valby"]}
    assert entry["counts"]["Sea Post"] == {"Nordic regime": 1, "Valby": 1}


def test_names_inside_quotations_are_kept_apart(article: Any) -> None:
    a = article(
        "a", "“The Nordic regime will pay,” the envoy said. Nordland denied it.", "Sea Post"
    )
    (entry,) = framing_table([a], LEXICON)
    assert entry["terms"] == {"Sea Post": ["Nordland"]}
    assert entry["quoted_terms"] == {"Sea Post": ["Nordic regime"]}


def test_capital_only_terms_do_not_match_ordinary_words(article: Any) -> None:
    a = article("a", "Let us hope the US delegation comes.", "Sea Post")
    (entry,) = framing_table([a], LEXICON)
    assert entry["counts"] == {"Sea Post": {"US": 1}}


def test_tone_words_are_counted_per_outlet_and_voice(article: Any) -> None:
    a = article("a", "A criminal attack, they said. “It was heroic,” a fighter said.", "Sea Post")
    (tone,) = tone_table([a], LEXICON)
    assert tone == {"outlet": "Sea Post", "own": {"criminal": 1}, "quoted": {"heroic": 1}}


def test_unknown_outlets_appear_under_a_label_of_their_own(article: Any) -> None:
    a = article("abcdef1234", "Nordland shelled the border.")
    (entry,) = framing_table([a], LEXICON)
    assert list(entry["terms"]) == ["unknown outlet (abcdef12)"]


def test_the_bundled_lexicon_loads() -> None:
    lexicon = load_lexicon()
    assert "Zionist regime" in lexicon.concepts["Israel"]
    assert "genocidal" in lexicon.tone


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[concepts.X]\nterms = 'one'", "needs `terms"),
        ("[concept.X]\nterms = []", "unknown sections"),
        ("[tone]\nwords = 'bad'", "[tone] needs"),
        ("[concepts", "not valid TOML"),
    ],
)
def test_a_broken_lexicon_is_reported_with_the_fix(text: str, reason: str, tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=reason.replace("[", r"\[")):
        load_lexicon(mine)


def test_a_missing_lexicon_file_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="framing_lexicon"):
        load_lexicon(tmp_path / "none.toml")
