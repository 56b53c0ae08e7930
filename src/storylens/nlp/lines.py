"""A spaCy component that starts a sentence after every line break.

Headings, bylines and datelines end without a full stop, so the parser runs them into
the next sentence ("...: Iran's security chief Secretary of ... says ..."), and a
reporting verb on one line then seems to govern a clause on another. A news paragraph
never continues across a line break, so telling the parser so is both true and cheap.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "storylens_line_breaks"


@Language.component(NAME, assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or ("\n" in prev.whitespace_):
            tok.is_sent_start = True
    return doc
