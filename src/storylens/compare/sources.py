"""Counting independent sources: an outlet once, copied text once.

Corroboration is the product's promise, so the count must not be fooled by repetition:
two articles of one outlet are one source, a wire story run by three sites is one
source, and an outlet rewriting another's sentence is not a second witness. Copies are
found per sentence (near-identical word 3-grams), not per article, because outlets
often copy a paragraph and write the rest themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..records import Article

_WORDS = re.compile(r"\w+", re.UNICODE)


def outlet_label(article: Article) -> str:
    """The outlet's name, or a stable label for an unnamed one (it is its own source)."""
    return article.outlet or f"unknown outlet ({article.id[:8]})"


def shingles(text: str, n: int = 3) -> frozenset[tuple[str, ...]]:
    words = [w.lower() for w in _WORDS.findall(text)]
    if len(words) < n:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def is_copy(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]], threshold: float) -> bool:
    """Near-identical wording: most 3-grams of the shorter sentence recur in the other."""
    if not a or not b:
        return False
    shared = len(a & b)
    return shared / min(len(a), len(b)) >= threshold and shared >= 3


@dataclass(slots=True, frozen=True)
class Witness:
    """One mention of a fact: which article said it, in which words."""

    article: str
    outlet: str
    text: str


class _Groups:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def source_groups(
    witnesses: Sequence[Witness],
    copies_of: dict[str, str],
    threshold: float,
) -> list[list[Witness]]:
    """Group mentions that are not independent of each other.

    Same outlet -> one group; an article marked as a near-duplicate of another
    (`copies_of`, from the clean stage) -> one group; two sentences with near-identical
    wording -> one group. Each group is one independent source.
    """
    keys = [f"{i}" for i in range(len(witnesses))]
    groups = _Groups(keys)
    first_of_outlet: dict[str, str] = {}
    first_of_article: dict[str, str] = {}
    grams = [shingles(w.text) for w in witnesses]
    for key, witness in zip(keys, witnesses, strict=True):
        root_article = copies_of.get(witness.article, witness.article)
        for table, name in ((first_of_outlet, witness.outlet), (first_of_article, root_article)):
            if name in table:
                groups.union(key, table[name])
            else:
                table[name] = key
    for i in range(len(witnesses)):
        for j in range(i + 1, len(witnesses)):
            if witnesses[i].article != witnesses[j].article and is_copy(
                grams[i], grams[j], threshold
            ):
                groups.union(keys[i], keys[j])
    by_root: dict[str, list[Witness]] = {}
    for key, witness in zip(keys, witnesses, strict=True):
        by_root.setdefault(groups.find(key), []).append(witness)
    return list(by_root.values())


def independent_count(
    witnesses: Sequence[Witness], copies_of: dict[str, str], threshold: float
) -> tuple[int, list[str]]:
    """(independent sources, distinct outlets); the first never exceeds the second."""
    outlets = sorted({w.outlet for w in witnesses})
    count = len(source_groups(witnesses, copies_of, threshold))
    return min(count, len(outlets)), outlets
