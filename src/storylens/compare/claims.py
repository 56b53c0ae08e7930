"""Claims: the facts of an event, each with who states it and how independently.

A claim is a group of sentences, from any articles of the event, that state the same
fact (`similarity.cluster_similar`, what `cluster_sentences` runs), or a happening that
clauses of several articles mention (`happenings`): a sentence belongs to one sentence
claim but may back several happenings, since one sentence often reports several
("the quake killed 3 and injured 40"). Its worth is in the count of independent
sources (`sources`): an outlet once, copied text once. A claim is disputed when its own
witnesses contradict each other: figures for the same thing that cannot both be true,
or two near-identical statements of which one is negated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..records import Article, Figure
from .figures import agree, same_thing
from .happenings import event_mentions, happening_groups
from .similarity import cluster_similar, sentence_similarity
from .sources import Witness, independent_count, outlet_label, source_groups
from .text import Canon, content_keys, has_negation

_LINE = re.compile(r"[^\n]+")
MIN_CONTENT_WORDS = 3  # "Advertisment", "Your Comment", bylines: no fact to compare
NEGATION_SIMILARITY = 0.6  # a negated near-restatement contradicts, a loose one need not
Span = tuple[int, int]


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


def _figures_conflict(a: Sentence, b: Sentence, spans: tuple[Span, Span] | None = None) -> bool:
    fa_all, fb_all = a.figures(), b.figures()
    if spans is not None:  # only the figures of the clauses being compared
        fa_all = [f for f in fa_all if spans[0][0] <= f.start < spans[0][1]]
        fb_all = [f for f in fb_all if spans[1][0] <= f.start < spans[1][1]]
    return any(same_thing(fa, fb) and not agree(fa, fb) for fa in fa_all for fb in fb_all)


def disputed(
    members: Sequence[int],
    sentences: Sequence[Sentence],
    sim: np.ndarray,
    spans: Sequence[Span] | None = None,
    negated: Sequence[bool] | None = None,
) -> bool:
    """Witnesses from different articles contradict each other.

    `spans` and `negated`, when given, are the members' evidence spans (clauses of a
    happening) and whether each trigger is negated: only what the clauses say is
    compared, and a "not" elsewhere in the sentence does not deny the happening.
    """
    for x, i in enumerate(members):
        for y in range(x + 1, len(members)):
            j = members[y]
            a, b = sentences[i], sentences[j]
            if a.article.id == b.article.id:
                continue
            pair = None if spans is None else (spans[x], spans[y])
            if _figures_conflict(a, b, pair):
                return True
            if negated is None:
                denies = has_negation(a.text) != has_negation(b.text)
            else:
                denies = negated[x] != negated[y]
            if sim[i, j] >= NEGATION_SIMILARITY and denies:
                return True
    return False


def representative(
    members: Sequence[int], sim: np.ndarray, texts: Sequence[str] | None = None
) -> int:
    """The member most like all the others: the claim's wording.

    For a happening, `texts` are the members' clauses: the clause sharing most words
    with the other clauses says what they have in common, and one of a few words
    ("These attacks") says too little, so a longer one wins when there is one.
    """
    if len(members) == 1:
        return members[0]
    if texts is None:
        score = sim[np.ix_(members, members)].sum(axis=1)
        return members[int(np.argmax(score))]
    keys = [set(content_keys(t)) for t in texts]
    best, best_score = 0, -1.0
    for x, mine in enumerate(keys):
        shared = sum(len(mine & other) / max(1, len(mine | other)) for other in keys)
        score = shared + 2.0 * len(texts) * (len(mine) >= 3)
        if score > best_score:
            best, best_score = x, score
    return members[best]


def _describe(
    group: Sequence[int],
    spans: Sequence[Span],
    sentences: Sequence[Sentence],
    sim: np.ndarray,
    copies_of: dict[str, str],
    copy_threshold: float,
    *,
    negated: Sequence[bool] | None = None,
) -> dict[str, Any]:
    """One storylens/v1 claim from its member sentences and their evidence spans."""
    texts = [sentences[i].text for i in group]
    witnesses = [
        Witness(sentences[i].article.id, outlet_label(sentences[i].article), text)
        for i, text in zip(group, texts, strict=True)
    ]
    independent, outlets = independent_count(witnesses, copies_of, copy_threshold)
    whole = negated is None
    if disputed(group, sentences, sim, None if whole else spans, negated):
        status = "disputed"
    else:
        status = "corroborated" if independent >= 2 else "single-source"
    clauses = (
        None
        if whole
        else [sentences[i].article.text[a:b] for i, (a, b) in zip(group, spans, strict=True)]
    )
    best = representative(range(len(group)), sim[np.ix_(group, group)], clauses)
    spans = list(spans)
    if clauses is not None and len(content_keys(clauses[best])) < MIN_CONTENT_WORDS:
        # "the closure" says too little to read as a claim: its sentence is the evidence
        chosen = sentences[group[best]]
        spans[best] = (chosen.start, chosen.end)
    article = sentences[group[best]].article
    return {
        "text": article.text[spans[best][0] : spans[best][1]],
        "mentions": [
            {"article": sentences[i].article.id, "start": a, "end": b}
            for i, (a, b) in zip(group, spans, strict=True)
        ],
        "outlets": outlets,
        "independent_sources": independent,
        "status": status,
        # each inner list is one independent source: why a count is what it is
        "sources": [
            sorted({w.article for w in g})
            for g in source_groups(witnesses, copies_of, copy_threshold)
        ],
        # "sentence": a fact stated by whole sentences; "clause": a happening that
        # clauses of several articles mention, whatever else their sentences say
        "unit": "sentence" if whole else "clause",
        "_members": list(group),
    }


def _happening_claims(
    sentences: Sequence[Sentence],
    sentence_groups: Sequence[Sequence[int]],
    model_name: str,
) -> list[tuple[list[int], list[Span], list[bool]]]:
    """(member sentences, clause spans) of each happening the sentence claims miss.

    A happening whose sentences all sit in one sentence claim adds nothing to it.
    """
    claim_of = {i: n for n, group in enumerate(sentence_groups) for i in group}
    article_of = [s.article.id for s in sentences]
    out: list[tuple[list[int], list[Span], list[bool]]] = []
    seen: set[tuple[int, ...]] = set()
    for group in happening_groups(event_mentions(sentences, model_name), article_of):
        members = tuple(m.sentence for m in group)
        if len({claim_of[i] for i in members}) == 1 or members in seen:
            continue
        seen.add(members)
        out.append((list(members), [(m.start, m.end) for m in group], [m.negated for m in group]))
    return out


def build_claims(
    sentences: Sequence[Sentence],
    *,
    threshold: float,
    copies_of: dict[str, str],
    copy_threshold: float,
    canon: Canon | None = None,
    model_name: str | None = None,
) -> list[dict[str, Any]]:
    """Cluster the sentences and describe each cluster as a storylens/v1 claim.

    With `model_name` (a spaCy model), the happenings that clauses of several articles
    mention become claims too, so one sentence can be evidence for several claims.
    """
    texts = [s.text for s in sentences]
    sim = sentence_similarity(texts, canon)
    labels = cluster_similar(sim, threshold)
    members: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        members.setdefault(label, []).append(i)
    claims = [
        _describe(group, [(sentences[i].start, sentences[i].end) for i in group], sentences,
                  sim, copies_of, copy_threshold)
        for group in members.values()
    ]  # fmt: skip
    if model_name is not None and sentences:
        for group, spans, negated in _happening_claims(
            sentences, list(members.values()), model_name
        ):
            claims.append(
                _describe(group, spans, sentences, sim, copies_of, copy_threshold, negated=negated)
            )
    claims.sort(key=lambda c: (-c["independent_sources"], -len(c["mentions"]), c["_members"][0]))
    for n, claim in enumerate(claims, 1):
        claim["id"] = f"c{n}"
    return claims
