"""The `nlp.v1` stage: one spaCy pass per batch of articles, then our own extractors.

The model is the expensive part; everything we add reads the finished `Doc` and must stay
cheap (the extraction benchmark holds it to 1.3x the bare pipeline).
"""

from __future__ import annotations

from ..pipeline import Context, batch_stage
from ..records import Article, Rejected
from . import temporal
from .extract import extract
from .model import load_model
from .triggers import find_triggers


@batch_stage(
    "nlp.v1",
    requires=("text",),
    assigns=("sentences", "entities", "times", "actors", "quotes", "figures",
             "locations", "event_date", "event_date_evidence", "triggers"),
)  # fmt: skip
def nlp_stage(articles: list[Article], ctx: Context) -> list[Article | Rejected]:
    nlp = load_model(ctx.settings.spacy_model)
    texts = [a.text for a in articles]
    out: list[Article | Rejected] = []
    for art, doc in zip(articles, nlp.pipe(texts, batch_size=ctx.settings.batch_size), strict=True):
        extract(doc, art)
        art.triggers = find_triggers(doc)  # what compare needs of the parse (happenings)
        temporal.annotate(art)  # reads the DATE entities and sentences filled above
        out.append(art)
    return out
