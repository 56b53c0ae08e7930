"""Splitting a body into lines, and the sentence test that keeps real text safe."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.clean.lines import is_sentence, looks_like_heading, split_lines, title_case


def test_lines_are_whitespace_normalized_and_blank_lines_dropped() -> None:
    raw = "  Reyvik  arrived\u00a0on Monday.  \n\n\n\tMorlan  met him.\n"
    assert list(split_lines(raw)) == ["Reyvik arrived on Monday.", "Morlan met him."]


def test_a_hard_wrapped_paragraph_is_joined_into_one_line() -> None:
    raw = (
        "The Valdorian foreign minister arrived in Brannock on Monday for\n"
        "talks with his Kestrel counterpart about the disputed harbour, a\n"
        "meeting both sides called constructive.\n"
    )
    assert list(split_lines(raw)) == [" ".join(raw.split())]


def test_a_line_broken_mid_sentence_joins_the_next_lowercase_line() -> None:
    raw = "Dario Menck said the harbour would stay closed until\nthe union agreed."
    assert list(split_lines(raw)) == [
        "Dario Menck said the harbour would stay closed until the union agreed."
    ]


def test_sentences_end_with_a_stop_or_carry_an_attribution() -> None:
    assert is_sentence("Mortifying.")
    assert is_sentence("“Any delay will cost us,” Farrow said")
    assert is_sentence("The minister told reporters: “We will respond”")
    assert is_sentence("Menck gave three reasons:")
    assert not is_sentence("Port Salen Dockers Strike")
    assert not is_sentence("‘Brannock regime under pressure’")


def test_headings_are_short_or_in_headline_capitals() -> None:
    assert title_case("Charting a Path Forward")
    assert looks_like_heading("Strikes spread")
    assert looks_like_heading("HARBOUR CLOSED FOR A THIRD DAY IN A ROW AFTER TALKS FAIL")
    assert not looks_like_heading(
        "The warship changed its route and challenged the boats near the harbour"
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.from_regex(r"[A-Z][a-z]{1,8}( [a-z]{1,8}){0,12}[.!?]", fullmatch=True),
        min_size=1,
        max_size=6,
    )
)
def test_any_line_ending_with_a_stop_is_a_sentence(lines: list[str]) -> None:
    assert all(is_sentence(line) for line in lines)
    assert list(split_lines("\n\n".join(lines))) == lines
