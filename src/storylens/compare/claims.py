"""Claims: the facts of an event, each with who states it and how independently.

A claim is a group of sentences, from any articles of the event, that state the same
fact (`similarity.cluster_similar`, what `cluster_sentences` runs). Its worth is in the
count of independent sources (`sources`): an outlet once, copied text once. A claim is
disputed when its own witnesses contradict each other: figures for the same thing that
cannot both be true, or two near-identical statements of which one is negated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..records import Article, Figure
from .figures import agree, same_thing
from .similarity import cluster_similar, sentence_similarity
from .sources import Witness, independent_count, outlet_label, source_groups
from .text import Canon, content_keys, has_negation

_LINE = re.compile(r"[^\n]+")
MIN_CONTENT_WORDS = 3  # "Advertisment", "Your Comment", bylines: no fact to compare
NEGATION_SIMILARITY = 0.6  # a negated near-restatement contradicts, a loose one need not


@dataclass(slots=True, frozen=True)
class Sentence:
    """One sentence of one article, where claims are looked for."""

    article: Article
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def position(self) -> float:
        """0.0 at an article's start, near 1.0 at its end: news puts the news first."""
        return self.start / max(1, len(self.article.text))

    def figures(self) -> list[Figure]:
        return [f for f in self.article.figures if self.start <= f.start < self.end]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence span cut at line breaks: a headline or a paragraph end is a boundary
    the sentence splitter sometimes misses, and a claim must not straddle it."""
    pieces: list[tuple[int, int]] = []
    for match in _LINE.finditer(text, start, end):
        a, b = match.start(), match.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            pieces.append((a, b))
    return pieces


# A wire dateline that the sentence splitter cut off its lead: a place, not a fact.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+,(?:[^()]{0,20})?(?:\([^)]*\))?\s*[-–—:]+$")


def event_sentences(articles: Sequence[Article]) -> list[Sentence]:
    """Every sentence of the event that has enough content words to state a fact."""
    out: list[Sentence] = []
    for article in articles:
        for start, end in article.sentences:
            for a, b in _lines(article.text, start, end):
                piece = article.text[a:b]
                if _DATELINE.match(piece):  # "PORT SALEN, May 10 (Harbor Wire) -"
                    continue
                if len(content_keys(piece)) >= MIN_CONTENT_WORDS:
                    out.append(Sentence(article, a, b))
    return out


def _figures_conflict(a: Sentence, b: Sentence) -> bool:
    return any(same_thing(fa, fb) and not agree(fa, fb) for fa in a.figures() for fb in b.figures())


def disputed(members: Sequence[int], sentences: Sequence[Sentence], sim: np.ndarray) -> bool:
    """Witnesses from different articles contradict each other."""
    for x, i in enumerate(members):
        for j in members[x + 1 :]:
            a, b = sentences[i], sentences[j]
            if a.article.id == b.article.id:
                continue
            if _figures_conflict(a, b):
                return True
            if sim[i, j] >= NEGATION_SIMILARITY and has_negation(a.text) != has_negation(b.text):
                return True
    return False


def representative(members: Sequence[int], sim: np.ndarray) -> int:
    """The member most like all the others: the claim's wording."""
    if len(members) == 1:
        return members[0]
    block = sim[np.ix_(members, members)]
    return members[int(np.argmax(block.sum(axis=1)))]


def build_claims(
    sentences: Sequence[Sentence],
    *,
    threshold: float,
    copies_of: dict[str, str],
    copy_threshold: float,
    canon: Canon | None = None,
) -> list[dict[str, Any]]:
    """Cluster the sentences and describe each cluster as a storylens/v1 claim."""
    texts = [s.text for s in sentences]
    sim = sentence_similarity(texts, canon)
    labels = cluster_similar(sim, threshold)
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    claims: list[dict[str, Any]] = []
    for group in members.values():
        witnesses = [
            Witness(sentences[i].article.id, outlet_label(sentences[i].article), texts[i])
            for i in group
        ]
        independent, outlets = independent_count(witnesses, copies_of, copy_threshold)
        if disputed(group, sentences, sim):
            status = "disputed"
        else:
            status = "corroborated" if independent >= 2 else "single-source"
        best = representative(group, sim)
        claims.append(
            {
                "text": texts[best],
                "mentions": [
                    {"article": sentences[i].article.id, "start": sentences[i].start,
                     "end": sentences[i].end}
                    for i in group
                ],
                "outlets": outlets,
                "independent_sources": independent,
                "status": status,
                # each inner list is one independent source: why a count is what it is
                "sources": [sorted({w.article for w in g})
                            for g in source_groups(witnesses, copies_of, copy_threshold)],
                "_members": group,
            }
        )  # fmt: skip
    claims.sort(key=lambda c: (-c["independent_sources"], -len(c["mentions"]), c["_members"][0]))
    for n, claim in enumerate(claims, 1):
        claim["id"] = f"c{n}"
    return claims
