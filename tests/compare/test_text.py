"""The blunt stemmer that joins an outlet's wording to another's."""

import pytest

from storylens.compare.text import stem


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("pass", "passed"),
        ("passes", "pass"),
        ("bosses", "boss"),
        ("loss", "losses"),
        ("buses", "bus"),
        ("israelis", "israeli"),
        ("taxis", "taxi"),
        ("kills", "killed"),
        ("stopped", "stop"),
    ],
)
def test_inflections_of_one_word_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_a_word_ending_in_s_is_not_cut_as_if_plural() -> None:
    # "pass" read as the plural of "pa" would never meet "passed"
    assert stem("pass") == "pass"
    assert stem("crisis") == "crisis"
    assert stem("famous") == "famous"


def test_different_words_stay_apart() -> None:
    assert stem("pass") != stem("pa")
    assert stem("press") != stem("pre")
