"""Claims: which facts several independent outlets state, and which rest on one."""

from __future__ import annotations

from typing import Any

from storylens.compare import cluster_sentences, compare_event
from storylens.compare.similarity import sentence_similarity
from storylens.records import Article, Figure
from storylens.settings import Settings


def _compare(*articles: Article) -> dict[str, Any]:
    event: dict[str, Any] = {"id": "e1", "articles": [a.id for a in articles], "actors": []}
    return compare_event(event, list(articles), Settings())


def _claim_of(event: dict[str, Any], article_id: str, phrase: str, arts: list[Article]) -> dict:
    texts = {a.id: a.text for a in arts}
    for claim in event["claims"]:
        for m in claim["mentions"]:
            if m["article"] == article_id and phrase in texts[article_id][m["start"] : m["end"]]:
                return claim
    raise AssertionError(f"no claim of {article_id} mentions {phrase!r}")


def test_a_partial_restatement_joins_the_longer_sentence() -> None:
    labels = cluster_sentences(
        [
            "The flood destroyed the old stone bridge at Vellmar and cut the valley road.",
            "Floodwater destroyed Vellmar's stone bridge, officials said.",
            "The mayor of Vellmar opened a new school on Monday.",
        ],
        threshold=Settings().claim_similarity,
    )
    assert labels[0] == labels[1]
    assert labels[2] != labels[0]


def test_different_facts_sharing_words_stay_apart() -> None:
    labels = cluster_sentences(
        [
            "Rescuers pulled twelve miners alive from the Korvik pit on Tuesday.",
            "Twelve miners were rescued alive from the Korvik pit.",
            "The Korvik pit had been closed twice for safety breaches before.",
        ],
        threshold=Settings().claim_similarity,
    )
    assert labels[0] == labels[1]
    assert labels[2] != labels[0]


def test_restatements_sharing_few_words_join_through_the_sentences_they_both_resemble() -> None:
    texts = [
        "Flooding destroyed the old stone bridge at Vellmar on Monday.",
        "The Vellmar bridge was swept away as the river burst its banks.",
        "Floodwater destroyed Vellmar's old bridge, the river authority said.",
        "The river burst its banks at Vellmar and swept the old stone bridge away.",
        "The mayor of Vellmar opened a new school on Monday.",
    ]
    # the first two share little wording of their own ...
    assert sentence_similarity(texts)[0, 1] < 0.15
    labels = cluster_sentences(texts, threshold=Settings().claim_similarity)
    # ... but the other outlets' wording ties them into one claim
    assert labels[0] == labels[1] == labels[2] == labels[3]
    assert labels[4] != labels[0]


def test_two_outlets_stating_one_fact_corroborate_it(article: Any) -> None:
    a = article("a", "Storms flooded the port of Saltmere on Friday.", "Coast Herald")
    b = article("b", "On Friday the port of Saltmere was flooded by storms.", "Daily Tide")
    event = _compare(a, b)
    claim = _claim_of(event, "a", "Saltmere", [a, b])
    assert claim["status"] == "corroborated"
    assert claim["independent_sources"] == 2
    assert claim["outlets"] == ["Coast Herald", "Daily Tide"]


def test_one_outlet_saying_it_twice_is_one_source(article: Any) -> None:
    a = article("a", "Storms flooded the port of Saltmere on Friday.", "Coast Herald")
    b = article("b", "On Friday the port of Saltmere was flooded by storms.", "Coast Herald")
    claim = _claim_of(_compare(a, b), "a", "Saltmere", [a, b])
    assert claim["status"] == "single-source"
    assert claim["independent_sources"] == 1


def test_copied_wording_counts_once(article: Any) -> None:
    text = "Storms flooded the port of Saltmere on Friday, the harbour master said."
    a = article("a", text, "Coast Herald")
    b = article("b", text.replace("Friday", "Friday morning"), "Daily Tide")
    claim = _claim_of(_compare(a, b), "a", "Saltmere", [a, b])
    assert len(claim["outlets"]) == 2
    assert claim["independent_sources"] == 1
    assert claim["sources"] == [["a", "b"]]


def test_a_marked_near_duplicate_article_is_not_a_second_source(article: Any) -> None:
    a = article("a", "Storms flooded the port of Saltmere on Friday.", "Coast Herald")
    b = article("b", "On Friday the port of Saltmere was flooded by storms.", "Daily Tide",
                duplicate_of="a")  # fmt: skip
    claim = _claim_of(_compare(a, b), "a", "Saltmere", [a, b])
    assert claim["independent_sources"] == 1


def test_an_article_of_unknown_outlet_is_its_own_source(article: Any) -> None:
    a = article("a", "Storms flooded the port of Saltmere on Friday.", "Coast Herald")
    b = article("b", "On Friday the port of Saltmere was flooded by storms.")
    claim = _claim_of(_compare(a, b), "a", "Saltmere", [a, b])
    assert claim["independent_sources"] == 2
    assert claim["independent_sources"] <= len(claim["outlets"])


def test_different_counts_of_the_same_arrests_dispute_the_claim(article: Any) -> None:
    a = article("a", "The navy arrested 23 pirates off the coast of Somalia.", "Sea Post")
    b = article("b", "The navy arrested 26 pirates off the Somali coast.", "Port Daily")
    for art, value in ((a, 23.0), (b, 26.0)):
        at = art.text.index(str(int(value)))
        art.figures = [Figure(start=at, end=at + 10, text=art.text[at : at + 10], value=value,
                              what="arrested", unit="pirates")]  # fmt: skip
    event = _compare(a, b)
    claim = _claim_of(event, "a", "pirates", [a, b])
    assert claim["status"] == "disputed"
    (figure,) = event["figures"]
    assert figure["conflict"] is True


def test_a_negated_restatement_disputes_the_claim(article: Any) -> None:
    a = article("a", "The minister resigned after the bridge collapse in Dorwick.", "Sea Post")
    b = article("b", "The minister has not resigned after the bridge collapse in Dorwick.",
                "Port Daily")  # fmt: skip
    claim = _claim_of(_compare(a, b), "a", "resigned", [a, b])
    assert claim["status"] == "disputed"


def test_furniture_lines_make_no_claims(article: Any) -> None:
    a = article("a", "Storms flooded the port of Saltmere on Friday.\nYour Comment\nAdvertisement")
    event = _compare(a)
    assert [c["text"] for c in event["claims"]] == [
        "Storms flooded the port of Saltmere on Friday."
    ]
