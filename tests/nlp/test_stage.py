"""The `nlp.v1` stage fills every field it declares, in one batch pass."""

from __future__ import annotations

from storylens.nlp.stage import nlp_stage
from storylens.nlp.triggers import happening_key
from storylens.pipeline import REGISTRY, Context
from storylens.records import Article

TEXT = (
    "Mayor Lena Ortiz opened the new bridge in Lisbon on Monday.\n\n"
    "“It took us ten years,” she said. More than 2,000 residents attended."
)


def test_the_stage_assigns_what_it_declares() -> None:
    stage = REGISTRY["nlp.v1"]
    assert {"actors", "quotes", "figures", "locations", "times", "event_date",
            "triggers"} <= stage.assigns  # fmt: skip
    result = stage.fn(Article(source="t", text=TEXT, published="2025-06-03"), Context())
    assert result.sentences
    assert result.entities
    (quote,) = result.quotes
    speaker = next(a for a in result.actors if a.id == quote.speaker)
    assert (speaker.name, quote.speaker_name) == ("Lena Ortiz", "Lena Ortiz")
    assert [(f.value, f.qualifier) for f in result.figures] == [(2000, "more than")]
    assert result.locations == ["Lisbon"]
    assert result.event_date == "2025-06-02"
    assert result.triggers is not None
    opened = next(w for w in result.triggers if w.key == happening_key("opened"))
    assert opened.trigger
    assert TEXT[opened.clause_start : opened.clause_end].startswith("Mayor Lena Ortiz opened")


def test_a_batch_gives_one_result_per_article_in_order() -> None:
    texts = ["Officials met in Oslo on Friday.", "", TEXT]
    out = nlp_stage([Article(source=str(i), text=t) for i, t in enumerate(texts)], Context())
    assert [a.source for a in out if isinstance(a, Article)] == ["0", "1", "2"]
