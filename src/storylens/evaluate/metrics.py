"""Clustering scores against gold labels: B-cubed, MUC, CEAF-e, CoNLL F1 and ARI.

Event grouping is a coreference problem over documents, so it is scored the way the
coreference literature scores it: each metric sees a different failure (B-cubed weights
every article equally, MUC counts links and ignores singletons, CEAF-e aligns whole
clusters one-to-one, ARI corrects pair agreement for chance). Reporting all of them keeps
a change from looking good on the one metric it happens to flatter.

Both clusterings are mappings item -> label over the same items; an item missing from
the response is scored as a singleton (it was left out, not merged).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from math import comb
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = list[frozenset[Hashable]]


@dataclass(slots=True, frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


@dataclass(slots=True, frozen=True)
class Scores:
    bcubed: PRF
    muc: PRF
    ceafe: PRF
    conll_f1: float  # mean of the B-cubed, MUC and CEAF-e F1
    ari: float
    n_items: int
    n_gold: int
    n_response: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _prf(p: float, r: float) -> PRF:
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def groups(labels: Mapping[Any, Any]) -> Clusters:
    """Turn item -> label into a list of clusters (sets of items)."""
    by: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item, label in labels.items():
        by[label].add(item)
    return [frozenset(g) for g in by.values()]


def labels_of(clusters: Iterable[Iterable[Hashable]]) -> dict[Hashable, int]:
    """Turn a list of clusters into item -> cluster number."""
    out: dict[Hashable, int] = {}
    for n, cluster in enumerate(clusters):
        for item in cluster:
            out[item] = n
    return out


def bcubed(key: Clusters, response: Clusters) -> PRF:
    """Per-item precision/recall of the item's response cluster against its gold cluster."""
    k_of = {i: c for c in key for i in c}
    r_of = {i: c for c in response for i in c}
    items = list(k_of)
    if not items:
        return PRF(0.0, 0.0, 0.0)
    p = sum(len(k_of[i] & r_of[i]) / len(r_of[i]) for i in items) / len(items)
    r = sum(len(k_of[i] & r_of[i]) / len(k_of[i]) for i in items) / len(items)
    return _prf(p, r)


def _muc_side(a: Clusters, b: Clusters) -> float:
    b_of = {i: n for n, c in enumerate(b) for i in c}
    num = den = 0
    for c in a:
        parts = {b_of.get(i, ("alone", i)) for i in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num / den if den else 0.0


def muc(key: Clusters, response: Clusters) -> PRF:
    """Link-based: how many merges of the gold are kept (recall) and are right (precision)."""
    return _prf(_muc_side(response, key), _muc_side(key, response))


def ceafe(key: Clusters, response: Clusters) -> PRF:
    """Entity-based CEAF (phi4): the best one-to-one alignment of gold and response clusters."""
    if not key or not response:
        return PRF(0.0, 0.0, 0.0)
    sim = np.zeros((len(key), len(response)))
    index = {i: n for n, c in enumerate(response) for i in c}
    for a, kc in enumerate(key):
        counts: dict[int, int] = defaultdict(int)
        for i in kc:
            if i in index:
                counts[index[i]] += 1
        for b, shared in counts.items():
            sim[a, b] = 2 * shared / (len(kc) + len(response[b]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _prf(total / len(response), total / len(key))


def adjusted_rand(key: Clusters, response: Clusters) -> float:
    """Pair agreement corrected for chance (Hubert and Arabie); 1.0 for identical partitions."""
    r_of = {i: n for n, c in enumerate(response) for i in c}
    n = sum(len(c) for c in key)
    table: dict[tuple[int, int], int] = defaultdict(int)
    for a, c in enumerate(key):
        for i in c:
            table[a, r_of[i]] += 1
    index = sum(comb(v, 2) for v in table.values())
    sum_a = sum(comb(len(c), 2) for c in key)
    sum_b = sum(comb(len(c), 2) for c in response)
    total = comb(n, 2)
    if total == 0:
        return 1.0
    expected = sum_a * sum_b / total
    best = (sum_a + sum_b) / 2
    if best == expected:
        return 1.0
    return (index - expected) / (best - expected)


def score(gold: Mapping[Any, Any], predicted: Mapping[Any, Any]) -> Scores:
    """Score predicted labels against gold labels over the gold items.

    Predicted items that are not in the gold are ignored; gold items with no predicted
    label count as singletons.
    """
    pred = {i: predicted.get(i, ("singleton", i)) for i in gold}
    key, response = groups(gold), groups(pred)
    b, m, c = bcubed(key, response), muc(key, response), ceafe(key, response)
    return Scores(
        bcubed=b,
        muc=m,
        ceafe=c,
        conll_f1=(b.f1 + m.f1 + c.f1) / 3,
        ari=adjusted_rand(key, response),
        n_items=len(gold),
        n_gold=len(key),
        n_response=len(response),
    )


def score_clusters(gold: Mapping[Any, Any], clusters: Sequence[Iterable[Hashable]]) -> Scores:
    """`score` for a response given as a list of clusters."""
    return score(gold, labels_of(clusters))
