"""The text of a Doc, built once.

`Doc.text` joins every token's text on each access; the extractors look at the text
around thousands of tokens per article, so they read it through this cache instead.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "storylens.text"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_KEY] = text
    return text
