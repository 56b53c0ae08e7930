"""Direct quotes are found by their marks in every style news text uses."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from storylens.nlp.quotemarks import find_quote_marks


def quoted(text: str) -> list[str]:
    return [text[a + 1 : b] for a, b in find_quote_marks(text)]


def test_curly_double_quotes_and_guillemets_are_quotes() -> None:
    text = "“We are ready,” she said. «The harvest is good», he added."
    assert quoted(text) == ["We are ready,", "The harvest is good"]


def test_straight_double_quotes_pair_up_within_a_paragraph() -> None:
    text = '"First part," he said, "second part."\n\n"Another one."'
    assert quoted(text) == ["First part,", "second part.", "Another one."]


def test_curly_apostrophes_inside_words_do_not_open_or_close_a_quote() -> None:
    text = "The minister’s aide called it ‘a scene from a nightmare’ and left Norland’s capital."
    assert quoted(text) == ["a scene from a nightmare"]


def test_straight_single_quotes_count_when_unambiguous() -> None:
    text = "'It was the worst night of my life,' she said. The farmers' union agreed."
    assert quoted(text) == ["It was the worst night of my life,"]


def test_a_quote_continued_in_the_next_paragraph_is_one_quote() -> None:
    text = "“We have borrowed for years. The markets were patient.\n\n“This is the year we stop.”"
    (only,) = quoted(text)
    assert only.startswith("We have borrowed")
    assert only.endswith("the year we stop.")


@given(st.text(alphabet="ab “”‘’«»'\"\n.,", max_size=60))
def test_found_quotes_never_overlap_and_always_close_after_they_open(text: str) -> None:
    pairs = find_quote_marks(text)
    for (a, b), (c, _) in itertools.pairwise(pairs):
        assert a < b < c
    assert all(a < b for a, b in pairs)
