"""Everything we read off one parsed Doc, in the order the extractors depend on.

Quote marks are found first (actors must not take salience from words inside a quote),
then actors (quotes need them to name speakers), then quotes, figures and places. Each
step is a walk over the finished parse, so the model pass stays the only heavy cost.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Article, Entity
from .actors import ActorIndex
from .doctext import doc_text
from .figures import find_figures
from .locations import main_locations
from .quotemarks import find_quote_marks
from .quotes import dedupe, direct_quotes, indirect_quotes, quote_spans

KEEP_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "TIME",
     "CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
)  # fmt: skip


def extract(doc: Doc, article: Article) -> Article:
    """Fill the nlp fields of `article` from `doc`, the parse of `article.text`."""
    article.sentences = [(s.start_char, s.end_char) for s in doc.sents]
    article.entities = [
        Entity(start=e.start_char, end=e.end_char, label=e.label_, text=e.text)
        for e in doc.ents
        if e.label_ in KEEP_LABELS
    ]
    pairs = find_quote_marks(doc_text(doc))
    quoted = quote_spans(doc, pairs)
    index = ActorIndex(doc, quoted)
    quotes = direct_quotes(doc, pairs, index) + indirect_quotes(doc, quoted, index)
    article.quotes = dedupe(quotes)
    article.actors = index.mentions()
    article.figures = find_figures(doc)
    article.locations = main_locations(doc)
    return article
