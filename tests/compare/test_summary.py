"""The summary: corroborated facts first, single-source ones marked, told in the order they happened."""

from __future__ import annotations

from typing import Any

from storylens.compare import compare_event
from storylens.records import TimeExpr
from storylens.settings import Settings


def _event(*articles: Any, limit: int = 8) -> dict[str, Any]:
    event: dict[str, Any] = {"id": "e1", "articles": [a.id for a in articles], "actors": [],
                             "date": "2025-05-02"}  # fmt: skip
    return compare_event(event, list(articles), Settings(summary_sentences=limit))


def test_summary_prefers_corroborated_claims_and_marks_single_source_ones(article: Any) -> None:
    a = article(
        "a",
        "The dam at Kessel burst after days of rain. Engineers blamed the old sluice gates.",
        "Sea Post",
    )
    b = article("b", "After days of rain the Kessel dam burst.", "Port Daily")  # fmt: skip
    event = _event(a, b, limit=1)
    (only,) = event["summary"]
    assert only["status"] == "corroborated"
    assert only["single_source"] is False
    event = _event(a, b, limit=2)
    assert [s["single_source"] for s in event["summary"]] == [False, True]


def test_summary_follows_the_dates_the_sentences_speak_of(article: Any) -> None:
    text = "Villagers were evacuated from Kessel on Monday. The dam at Kessel burst on Sunday."
    a = article("a", text, "Sea Post")
    monday, sunday = text.index("on Monday"), text.index("on Sunday")
    a.times = [
        TimeExpr(start=monday, end=monday + 9, text="on Monday", value="2025-05-05"),
        TimeExpr(start=sunday, end=sunday + 9, text="on Sunday", value="2025-05-04"),
    ]
    event = _event(a)
    assert [s["text"].split()[1] for s in event["summary"]] == ["dam", "were"]


def test_every_summary_line_cites_sentences_that_exist(article: Any) -> None:
    a = article("a", "The dam at Kessel burst after days of rain.", "Sea Post")
    b = article("b", "After days of rain the Kessel dam burst.", "Port Daily")
    texts = {a.id: a.text, b.id: b.text}
    for line in _event(a, b)["summary"]:
        for m in line["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]].endswith(".")


def test_compare_event_only_reads_the_events_own_articles(article: Any) -> None:
    a = article("a", "The dam at Kessel burst after days of rain.", "Sea Post")
    other = article("z", "A comet was seen over Lisbon for the first time in decades.", "Sky")
    event: dict[str, Any] = {"id": "e1", "articles": ["a"], "actors": []}
    compare_event(event, [a, other], Settings())
    assert {m["article"] for c in event["claims"] for m in c["mentions"]} == {"a"}
    assert set(event) >= {"claims", "quotes", "figures", "framing", "tone", "summary"}
