"""A heading without a full stop never runs into the sentence under it."""

from __future__ import annotations

from spacy.language import Language

from storylens.nlp.lines import NAME


def test_every_line_starts_a_sentence(nlp: Language) -> None:
    assert NAME in nlp.pipe_names
    doc = nlp("Ministers meet in Oslo\n\nThe talks began on Monday and ended late.")
    assert [s.text.strip() for s in doc.sents] == [
        "Ministers meet in Oslo",
        "The talks began on Monday and ended late.",
    ]
