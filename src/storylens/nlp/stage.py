"""The `nlp.v1` stage: one spaCy pass per batch of articles, then our own extractors.

The model is the expensive part; everything we add reads the finished `Doc` and must stay
cheap (the extraction benchmark holds it to 1.3x the bare pipeline).
"""

from __future__ import annotations

from ..pipeline import Context, batch_stage
from ..records import Article, Entity, Rejected
from .model import load_model

KEEP_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TIME",
     "CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
)


@batch_stage(
    "nlp.v1",
    requires=("text",),
    assigns=("sentences", "entities", "times", "actors", "quotes", "figures",
             "locations", "event_date", "event_date_evidence"),
)
def nlp_stage(articles: list[Article], ctx: Context) -> list[Article | Rejected]:
    nlp = load_model(ctx.settings.spacy_model)
    texts = [a.text for a in articles]
    out: list[Article | Rejected] = []
    for art, doc in zip(articles, nlp.pipe(texts, batch_size=ctx.settings.batch_size), strict=True):
        art.sentences = [(s.start_char, s.end_char) for s in doc.sents]
        art.entities = [
            Entity(start=e.start_char, end=e.end_char, label=e.label_, text=e.text)
            for e in doc.ents
            if e.label_ in KEEP_LABELS
        ]
        out.append(art)
    return out
