"""The seed articles: four outlets report one meeting; the comparison must show who confirms what.

The seeds are read in place (../shared/data/seeds). Sentences and entities come from the
spaCy model as the nlp stage would fill them; outlets are set as the clean stage finds
them (001 by its agency signature, 002 by its slogan, the others unknown); the casualty
figures are placed by hand, as the figure extractor would report them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from storylens.compare import compare_event
from storylens.nlp.model import load_model
from storylens.records import Article, Entity, Figure
from storylens.settings import Settings

OUTLETS = {"001": "Mehr News Agency", "002": "Middle East Monitor"}
# The two tolls each article reports, as (count, what) the figure extractor gives them.
TOLLS = {"30,000": "killed", "70,000": "injured"}


def _figures(text: str) -> list[Figure]:
    out = []
    for match in re.finditer(r"(?:(more than|over) )?(30,000|70,000)", text):
        out.append(
            Figure(
                start=match.start(),
                end=match.end(),
                text=match.group(),
                value=float(match.group(2).replace(",", "")),
                what=TOLLS[match.group(2)],
                unit="people",
                qualifier=match.group(1),
            )
        )
    return out


def _article(path: Path) -> Article:
    text = path.read_text(encoding="utf-8").strip()
    doc = load_model()(text)
    return Article(
        source=str(path),
        id=path.stem.split("_", 1)[1],
        text=text,
        outlet=OUTLETS.get(path.name[:3]),
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        entities=[Entity(start=e.start_char, end=e.end_char, label=e.label_, text=e.text)
                  for e in doc.ents],
        figures=_figures(text),
    )  # fmt: skip


@pytest.fixture(scope="module")
def meeting(seeds_dir: Path) -> tuple[dict[str, Any], dict[str, Article]]:
    articles = [_article(p) for p in sorted(seeds_dir.glob("00[0-3]_*.txt"))]
    event: dict[str, Any] = {
        "id": "e1",
        "articles": [a.id for a in articles],
        "date": "2024-03-16",
        "actors": [],
    }
    compare_event(event, articles, Settings())
    return event, {a.id: a for a in articles}


def _claim_with(event: dict[str, Any], arts: dict[str, Article], phrase: str) -> dict[str, Any]:
    for claim in event["claims"]:
        for m in claim["mentions"]:
            if phrase in arts[m["article"]].text[m["start"] : m["end"]]:
                return claim
    raise AssertionError(f"no claim mentions {phrase!r}")


def test_casualty_figures_are_confirmed_by_three_outlets_and_agree(meeting: Any) -> None:
    event, _ = meeting
    for what, value in (("killed", 30000), ("injured", 70000)):
        (figure,) = [f for f in event["figures"] if f["what"] == what]
        assert figure["value"] == value
        assert len({m["article"] for m in figure["mentions"]}) == 3
        assert figure["independent_sources"] == 3
        assert figure["conflict"] is False
        assert figure["status"] == "corroborated"


def test_the_casualty_sentences_of_three_outlets_are_one_corroborated_claim(meeting: Any) -> None:
    event, arts = meeting
    claim = _claim_with(event, arts, "30,000")
    assert len({m["article"] for m in claim["mentions"]}) == 3
    assert claim["status"] == "corroborated"
    assert claim["independent_sources"] == 3


@pytest.mark.parametrize("phrase", ["sophisticated weaponry", "Hours after the meeting"])
def test_what_only_one_outlet_reports_is_single_source(meeting: Any, phrase: str) -> None:
    event, arts = meeting
    claim = _claim_with(event, arts, phrase)
    assert claim["status"] == "single-source"
    assert claim["independent_sources"] == 1


def test_paraphrased_condemnation_of_airstrikes_is_corroborated(meeting: Any) -> None:
    event, arts = meeting
    claim = _claim_with(event, arts, "violation of its territorial integrity")
    assert claim["status"] == "corroborated"
    assert "Mehr News Agency" in claim["outlets"]


def test_mehr_says_zionist_regime_where_other_outlets_say_israel(meeting: Any) -> None:
    event, _ = meeting
    (israel,) = [f for f in event["framing"] if f["concept"] == "Israel"]
    assert israel["terms"]["Mehr News Agency"][0] == "Zionist regime"
    assert israel["terms"]["Middle East Monitor"][0] == "Israel"
    # Middle East Monitor prints "Zionist regime" only inside the minister's quotation
    assert "Zionist regime" not in israel["terms"]["Middle East Monitor"]
    assert "Zionist regime" in israel["quoted_terms"]["Middle East Monitor"]


def test_a_sentence_carried_verbatim_by_two_outlets_is_not_corroboration(meeting: Any) -> None:
    event, arts = meeting
    claim = _claim_with(event, arts, "Any strategic mistake")
    assert len(claim["outlets"]) == 2
    assert claim["independent_sources"] == 1


def test_every_mention_points_at_its_evidence(meeting: Any) -> None:
    event, arts = meeting
    for claim in event["claims"]:
        assert claim["independent_sources"] <= len(claim["outlets"])
        for m in claim["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(arts[m["article"]].text)
        assert claim["text"] in {arts[m["article"]].text[m["start"] : m["end"]]
                                 for m in claim["mentions"]}  # fmt: skip
    for item in event["summary"]:
        assert item["mentions"]
        assert item["single_source"] == (item["status"] == "single-source")
