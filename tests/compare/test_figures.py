"""Figures across outlets: the same count agrees however it is qualified; different counts conflict."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.compare.figures import agree, compare_figures
from storylens.records import Article, Figure


def _fig(value: float, what: str = "killed", qualifier: str | None = None,
         unit: str | None = "people") -> Figure:  # fmt: skip
    return Figure(start=0, end=5, text="x", value=value, what=what, unit=unit, qualifier=qualifier)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (_fig(30000, qualifier="more than"), _fig(30000, qualifier="over")),
        (_fig(30000, qualifier="more than"), _fig(32000)),
        (_fig(30000, qualifier="about"), _fig(31000)),
        (_fig(500, qualifier="nearly"), _fig(480)),
    ],
)
def test_figures_that_can_both_be_true_agree(a: Figure, b: Figure) -> None:
    assert agree(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (_fig(23, "arrested"), _fig(26, "arrested")),
        (_fig(30000, qualifier="more than"), _fig(25000)),
        (_fig(100, qualifier="fewer than"), _fig(140)),
    ],
)
def test_figures_that_cannot_both_be_true_conflict(a: Figure, b: Figure) -> None:
    assert not agree(a, b)


def _placed(article: Any, id: str, outlet: str, text: str, *figures: Figure) -> Article:
    art: Article = article(id, text, outlet)
    for f in figures:
        f.start, f.end = 0, len(text)
        f.text = text
    art.figures = list(figures)
    return art


def test_outlets_wording_a_toll_differently_are_one_agreeing_figure(article: Any) -> None:
    a = _placed(
        article,
        "a",
        "Sea Post",
        "More than 300 people were killed in the quake.",
        _fig(300, "killed", "more than"),
    )
    b = _placed(article, "b", "Port Daily", "The quake killed over 300 people.",
                _fig(300, "dead", "over", "residents"))  # fmt: skip
    (figure,) = compare_figures([a, b], {}, 0.6)
    assert figure["what"] == "killed"
    assert figure["conflict"] is False
    assert figure["independent_sources"] == 2
    assert figure["status"] == "corroborated"
    assert {m["article"] for m in figure["mentions"]} == {"a", "b"}


def test_arrest_counts_that_differ_are_a_conflict(article: Any) -> None:
    a = _placed(
        article,
        "a",
        "Sea Post",
        "The navy arrested 23 pirates.",
        _fig(23, "arrested", unit="pirates"),
    )
    b = _placed(article, "b", "Port Daily", "Navy commandos detained 26 pirates.",
                _fig(26, "detained", unit=None))  # fmt: skip
    (figure,) = compare_figures([a, b], {}, 0.6)
    assert figure["conflict"] is True
    assert figure["status"] == "disputed"
    assert [v["value"] for v in figure["values"]] == [23, 26]


def test_counts_of_different_kinds_or_sizes_are_not_compared(article: Any) -> None:
    a = _placed(
        article,
        "a",
        "Sea Post",
        "Four people died and 30 were injured.",
        _fig(4, "killed"),
        _fig(30, "injured"),
    )
    b = _placed(article, "b", "Port Daily", "The war has killed 30,000 people.",
                _fig(30000, "killed"))  # fmt: skip
    figures = compare_figures([a, b], {}, 0.6)
    assert len(figures) == 3
    assert not any(f["conflict"] for f in figures)


def _article(aid: str, outlet: str, text: str) -> Article:
    """An article through the real extraction stage."""
    import storylens.clean  # noqa: F401  (registers clean.v1, which nlp.v1 follows)
    from storylens.nlp import stage  # noqa: F401
    from storylens.pipeline import Pipeline

    out = Pipeline(["nlp.v1"], after=["clean.v1"])(
        Article(source=aid, id=aid, outlet=outlet, text=text, published="2025-05-11")
    )
    assert isinstance(out, Article)
    return out


def test_an_aftershock_magnitude_is_not_a_conflicting_reading_of_the_quake() -> None:
    quake = _article("a", "Harbor Wire", "A magnitude 6.1 quake struck near Brannock on Monday.")
    after = _article(
        "b",
        "Northgate Observer",
        "An aftershock with a magnitude of 4.2 shook the valley two hours later.",
    )
    figures = compare_figures([quake, after], {}, 0.6)
    assert not any(f["conflict"] for f in figures)


def test_outlets_counting_different_agreements_for_the_same_signing_conflict() -> None:
    three = _article("a", "Harbor Wire", "The two sides signed three agreements at the talks.")
    four = _article(
        "b", "Valdoria State News Agency", "Four agreements were signed at the close of the talks."
    )
    (figure,) = compare_figures([three, four], {}, 0.6)
    assert figure["conflict"]
