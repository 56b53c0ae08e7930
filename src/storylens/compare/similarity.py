"""Which sentences of an event state the same fact: weighted word overlap, then clustering.

Paraphrases across outlets share few words but the right ones: the names, numbers and
rare verbs of the fact. Weighting each word by how rare it is *within the event* makes
the words every article repeats (the event's own actors) count little and the words
that single out one fact count a lot. Overlap is measured against the shorter sentence
more than the longer one, so a sentence that restates part of a long one ("Israel's
airstrikes violate Syria's territorial integrity" inside a sentence that also condemns
the US) still meets it.

Two restatements of one fact often share only a word or two, yet they resemble the
*same other sentences* of the event: a headline, a lead, the other outlets' wording.
Clustering therefore compares sentences by their context within the event (the cosine
between their rows of the overlap matrix) rather than by their direct overlap. At the
thresholds where the seed articles' single-source details stay apart, this lifts ECB+
pairwise recall from 45% to 52% at the same precision (84-85%; `bench/claims.py`).
Average linkage then needs a sentence to agree with a claim as a whole, not with one
member, so chains of half-related sentences do not snowball.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

from .text import Canon, content_keys

# How much the shorter sentence decides the overlap (1.0: pure containment, 0.5: Dice).
CONTAINMENT = 0.7


def key_sets(texts: Sequence[str], canon: Canon | None = None) -> list[frozenset[str]]:
    return [frozenset(content_keys(t, canon)) for t in texts]


def idf_weights(sets: Sequence[frozenset[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency over the event's sentences."""
    df: Counter[str] = Counter(k for s in sets for k in s)
    n = len(sets)
    return {k: math.log((n + 1) / (d + 0.5)) + 0.1 for k, d in df.items()}


def similarity_matrix(sets: Sequence[frozenset[str]], weights: dict[str, float]) -> np.ndarray:
    """Pairwise weighted overlap in [0, 1]; 1 on the diagonal, 0 for empty sentences.

    Sentence-by-word matrices are sparse, so only the n x n result is dense: an event of
    a few thousand sentences stays within memory.
    """
    n = len(sets)
    vocab = {k: i for i, k in enumerate(weights)}
    rows = [r for r, keys in enumerate(sets) for _ in keys]
    cols = [vocab[k] for keys in sets for k in keys]
    vals = [weights[k] for keys in sets for k in keys]
    weighted = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)), dtype=np.float64)
    present = csr_matrix((np.ones(len(vals)), (rows, cols)), shape=weighted.shape)
    mass = np.asarray(weighted.sum(axis=1)).ravel()
    shared = np.asarray((present @ weighted.T).todense())  # weight of j's keys found in i
    shared = np.minimum(shared, shared.T)
    small = np.minimum.outer(mass, mass)
    large = np.maximum.outer(mass, mass)
    denom = CONTAINMENT * small + (1 - CONTAINMENT) * large
    sim = np.divide(shared, denom, out=np.zeros_like(shared), where=denom > 0)
    np.fill_diagonal(sim, 1.0)
    clipped: np.ndarray = np.clip(sim, 0.0, 1.0)
    return clipped


def sentence_similarity(texts: Sequence[str], canon: Canon | None = None) -> np.ndarray:
    sets = key_sets(texts, canon)
    return similarity_matrix(sets, idf_weights(sets))


def contextual_similarity(sim: np.ndarray) -> np.ndarray:
    """Cosine between sentences' overlap profiles over the whole event, in [0, 1].

    Each row of `sim` says how much one sentence overlaps every sentence of the event,
    itself included; two sentences whose rows point the same way are told alike by the
    event's other sentences. Costs one n x n matrix product: about 3 s for an event of
    3,000 sentences on two cores, next to ~1 s for the linkage itself.
    """
    norms = np.linalg.norm(sim, axis=1, keepdims=True)
    profiles = np.divide(sim, norms, out=np.zeros_like(sim), where=norms > 0)
    context: np.ndarray = np.clip(profiles @ profiles.T, 0.0, 1.0)
    np.fill_diagonal(context, 1.0)
    return context


def cluster_by_similarity(sim: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage clusters of a similarity matrix, labelled in order of first member."""
    n = sim.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [0]
    distance = squareform(1.0 - sim, checks=False)
    tree = linkage(np.clip(distance, 0.0, None), method="average")
    raw = fcluster(tree, t=1.0 - threshold, criterion="distance")
    order: dict[int, int] = {}
    return [order.setdefault(int(label), len(order)) for label in raw]


def cluster_similar(sim: np.ndarray, threshold: float) -> list[int]:
    """Claim labels from the direct overlap matrix of an event's sentences."""
    return cluster_by_similarity(contextual_similarity(sim), threshold)


def cluster_sentences(
    texts: Sequence[str], *, threshold: float, canon: Canon | None = None
) -> list[int]:
    """Claim label for each sentence: sentences with the same label state the same fact.

    `threshold` (Settings.claim_similarity) is the least average contextual similarity
    between two groups for them to be one claim. This is the one function both
    `compare_event` (through `cluster_similar`, reusing its overlap matrix) and the ECB+
    benchmark call.
    """
    return cluster_similar(sentence_similarity(texts, canon), threshold)
