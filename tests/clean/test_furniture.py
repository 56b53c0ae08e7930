"""Page furniture rules: each names its reason, and none of them can eat a real sentence."""

from __future__ import annotations

import pytest

from storylens.clean.furniture import REASONS, Furniture, is_breadcrumb
from storylens.clean.outlets import load_registry


@pytest.fixture(scope="module")
def furniture() -> Furniture:
    return Furniture(load_registry())


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Your Comment", "boilerplate"),
        ("Back to top button", "boilerplate"),
        ("Advertisment", "boilerplate"),
        ("ADVERTISEMENT", "boilerplate"),
        ("Share this article", "boilerplate"),
        ("We use cookies to give you the best experience on our website.", "boilerplate"),
        ("© 2026 Harbor Wire. All rights reserved.", "boilerplate"),
        ("READ: Port Salen dockers strike for a third day", "link"),
        ("Read more: Kestrel minister visits Brannock port", "link"),
        ("Also read | Valdoria recalls its envoy", "link"),
        ("Independent since 1921", "slogan"),
        ("The voice of the Valdorian people", "slogan"),
        ("HW/40218", "signature"),
        ("VSNA/1187", "signature"),
        ("Dockworkers march through Port Salen [Harbor Wire]", "caption"),
        ("Tomas Reyvik in Brannock (Photo: VSNA)", "caption"),
        ("Home > World > Valdoria", "breadcrumb"),
        ("WorldValdoriaKestrel Republic", "breadcrumb"),
        ("12 Comments", "boilerplate"),
        ("By Jonas Pell", "signature"),
        ("By Tilde Aronsen, Harbour Reporter", "signature"),
        ("posted by Ines Korda", "signature"),
        ("(Reporting by Mara Lindqvist; Editing by Paul Oduya)", "signature"),
    ],
)
def test_furniture_lines_are_removed_with_their_reason(
    furniture: Furniture, line: str, reason: str
) -> None:
    assert reason in REASONS
    assert furniture.classify(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Reyvik said the talks in Brannock would resume on Monday.",
        "“We will not share this burden alone,” Morlan said.",
        "Read the statement, the union told its members.",
        "McDonald's opened a restaurant in Port Salen.",
        "The harbour authority said 12 ships were waiting [to unload].",
        "Valdoria and the Kestrel Republic share a long border.",
        "Trust me.",
        "By Tuesday, the union had agreed to talks",
        "By the end of the day the port was closed",
    ],
)
def test_real_sentences_match_no_furniture_rule(furniture: Furniture, line: str) -> None:
    assert furniture.classify(line) is None


def test_furniture_glued_to_the_end_of_a_real_line_is_split_off(furniture: Furniture) -> None:
    line, pieces = furniture.unglue(
        "Farrow said the strike would go on.HW/40218Your CommentBack to top button"
    )
    assert line == "Farrow said the strike would go on."
    assert [(p.text, p.reason) for p in pieces] == [
        ("HW/40218", "signature"),
        ("Your Comment", "boilerplate"),
        ("Back to top button", "boilerplate"),
    ]


def test_a_read_link_glued_after_a_sentence_is_split_off(furniture: Furniture) -> None:
    line, pieces = furniture.unglue(
        "Menck said 40 ships were waiting. READ: 300 jobs lost at Brannock shipyard"
    )
    assert line == "Menck said 40 ships were waiting."
    assert [(p.text, p.reason) for p in pieces] == [
        ("READ: 300 jobs lost at Brannock shipyard", "link")
    ]


def test_a_slogan_glued_before_a_headline_is_split_off(furniture: Furniture) -> None:
    line, pieces = furniture.unglue("Independent since 1921Port Salen dockers strike")
    assert line == "Port Salen dockers strike"
    assert [(p.text, p.reason) for p in pieces] == [("Independent since 1921", "slogan")]


def test_a_sentence_that_merely_ends_like_furniture_is_left_whole(furniture: Furniture) -> None:
    line = "The union said members should not share this"
    assert furniture.unglue(line) == (line, [])


def test_breadcrumbs_need_several_section_names() -> None:
    assert is_breadcrumb("North AmericaValdoriaMiddle East")
    assert not is_breadcrumb("YouTube Star Visits Port Salen")
    assert not is_breadcrumb("Valdoria/Kestrel talks")
