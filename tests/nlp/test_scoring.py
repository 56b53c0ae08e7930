"""The evaluation's matching rules, pinned on small hand-made cases."""

from __future__ import annotations

from storylens.nlp.scoring import Counts, gold_span, score_article, summarize
from storylens.records import ActorMention, Article, Figure, Quote

TEXT = "“We will win,” Ortiz said. Ortiz said the vote was fair. About 40 people died."


def gold() -> dict[str, object]:
    return {
        "id": "g1",
        "text": TEXT,
        "quotes": [
            {"text": "We will win,", "kind": "direct", "speaker": "Lena Ortiz"},
            {"text": "the vote was fair", "kind": "indirect", "speaker": "Lena Ortiz"},
        ],
        "figures": [{"text": "About 40 people died", "value": 40, "what": "killed"}],
        "times": [],
        "actors": [{"name": "Lena Ortiz", "aliases": ["Ortiz"], "roles": []}],
    }


def predicted(speaker_name: str, indirect: tuple[int, int]) -> Article:
    actor = ActorMention(id="a1", name=speaker_name, type="PERSON")
    start, end = indirect
    return Article(
        source="t",
        text=TEXT,
        actors=[actor],
        quotes=[
            Quote(start=1, end=13, text=TEXT[1:13], kind="direct", speaker="a1"),
            Quote(start=start, end=end, text=TEXT[start:end], kind="indirect", speaker="a1"),
        ],
        figures=[Figure(start=0, end=1, text="x", value=40.0, what="killed")],
    )


def test_a_speaker_is_right_when_a_name_or_alias_is_shared() -> None:
    span = gold_span(TEXT, {"text": "the vote was fair"})
    counts = score_article(predicted("Ortiz", span), gold())
    metrics = summarize(counts)
    assert metrics["speaker_direct"] == 1.0
    assert metrics["speaker_indirect"] == 1.0
    assert metrics["figure_f1"] == 1.0


def test_quote_spans_match_when_they_overlap_by_half_their_union() -> None:
    start, end = gold_span(TEXT, {"text": "the vote was fair"})
    close = summarize(score_article(predicted("Ortiz", (start - 5, end)), gold()))
    far = summarize(score_article(predicted("Ortiz", (start, start + 4)), gold()))
    assert close["indirect_span_f1"] == 1.0
    assert far["indirect_span_f1"] == 0.0


def test_counts_add_up_over_articles() -> None:
    total = Counts()
    for _ in range(2):
        total += score_article(predicted("Someone Else", (0, 1)), gold())
    assert total.n["direct_gold"] == 2
    assert summarize(total)["speaker_direct"] == 0.0
