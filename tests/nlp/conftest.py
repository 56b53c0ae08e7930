"""Fixtures for the extractors: one spaCy model per session, and the seeds analysed once."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from storylens.nlp.extract import extract
from storylens.nlp.model import load_model
from storylens.nlp.stage import nlp_stage
from storylens.pipeline import Context
from storylens.records import Article

Analyse = Callable[[str], Article]


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="session")
def analyse(nlp: Language) -> Analyse:
    """Run every extractor over one text, as the nlp stage does (without temporal)."""

    def run(text: str) -> Article:
        article = Article(source="test", text=text)
        return extract(nlp(text), article)

    return run


def seed_text(path: Path) -> str:
    """A seed's body as cleaning would leave it: no leading date token, no short
    furniture lines (a line of under six words that does not end a sentence)."""
    text = re.sub(r"^\s*date \d{4}-\d\d-\d\d\s*", "", path.read_text(encoding="utf-8"))
    keep = [
        line
        for line in text.split("\n")
        if not line.strip() or len(line.split()) >= 6 or line.rstrip()[-1:] in '.!?”"'
    ]
    return "\n".join(keep).strip()


@pytest.fixture(scope="session")
def seed_articles(seeds_dir: Path) -> dict[str, Article]:
    """The five seeds through the real `nlp.v1` stage, keyed by their number ("000")."""
    paths = sorted(seeds_dir.glob("*.txt"))
    articles = [
        Article(source=str(p), id=p.name[:3], text=seed_text(p), published="2024-03-17")
        for p in paths
    ]
    done = nlp_stage(articles, Context())
    return {a.id: a for a in done if isinstance(a, Article)}
