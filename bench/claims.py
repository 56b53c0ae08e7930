"""Claim clustering on ECB+: do the sentences we put in one claim report the same event?

For every gold event (ECB+ subtopic) the articles' sentences go through the same
`build_claims` that `compare_event` runs (the global `Settings`, nothing tuned per
corpus): sentence claims plus happening claims, so a sentence can be evidence for several
claims. Scoring is pairwise over the gold-annotated sentences (selected_sentences.csv) of
different articles of the same gold event, as issue #5 states it: a gold pair shares a
cross-document event chain (mentions.jsonl); a predicted pair shares at least one claim.
(Until this version gold pairs across a topic's two look-alike events were counted too;
no per-event method can find them, and they cut every recall by 2%.)

The "gold ..." rows are ceilings of *partitions* computed from the annotation itself, not
methods: a partition cannot express "shares *some* chain" exactly, so even the best one
misses; overlapping claims can.

Articles go through the `nlp.v1` stage first, as in the product; the happenings read the
trigger words it recorded (`--reparse`: parse the sentences again, as for articles stored
before it recorded them).

`--misses` is the error analysis: the gold pairs storylens claims miss, by cause (the two
sentences' words for the shared chain have one happening key, different keys, or one is
no trigger word at all), with the most frequent key pairs and a few examples.

It also prints the F1 that recall alone could reach, every missed pair found and no new
wrong pair: 91.6 with this version's wrong pairs, under the issue's target of 92. The
missed pairs resist linking: of the gold-annotated cross-article pairs that share no claim,
only 38% share a chain (the break-even for F1 is 43%). In scratch runs nothing picked them
out reliably, judged on each half of the events (odd / even) with the other half for
fitting: logistic models over pair features (word overlap, its event context, sentence
rank, shared names, how often two trigger keys share sentences), over adding sentences to
the event's widest happening, or over merging two happenings; nor rules adding each
article's first sentences, or those resembling its lead, to the widest happening. They move
along the line towards the all-in-one floor: up to +0.8 F1 over all events, but not on
both halves (the first three sentences of each article: +3.3 on one, -0.7 on the other).

`--cache` keeps the parsed articles in the system's temporary directory, keyed by a hash
of the code that parses them (`nlp/`, `compare/text.py`, `records.py`), so that reruns
while working on the comparison skip the parse.

    .venv/bin/python bench/claims.py [--selected-only] [--sweep] [--quick] [--reparse] [--cache]
        [--misses]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import hashlib
import itertools
import json
import math
import pickle
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.compare.claims import Sentence, build_claims, event_sentences
from storylens.compare.event import name_canon
from storylens.compare.framing import load_lexicon
from storylens.compare.similarity import (
    cluster_by_similarity,
    sentence_similarity,
)
from storylens.nlp.stage import nlp_stage
from storylens.pipeline import Context
from storylens.records import Article
from storylens.settings import Settings
from storylens.testing import shared_data

SentenceKey = tuple[str, int]  # (doc_id, corpus sentence number)
Clusterer = Callable[[Sequence[str]], Sequence[Hashable]]
# Claims of each sentence of an event: a sentence may be evidence for several claims.
Claimer = Callable[[Sequence[Sentence]], Sequence[Collection[Hashable]]]
Event = tuple[list[Sentence], list[SentenceKey]]


def load(
    root: Path,
) -> tuple[dict[str, dict[str, Any]], set[SentenceKey], dict[SentenceKey, set[str]]]:
    docs = {}
    with (root / "documents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            docs[doc["doc_id"]] = doc
    with (root / "selected_sentences.csv").open(encoding="utf-8") as fh:
        selected = {(row["doc_id"], int(row["sentence"])) for row in csv.DictReader(fh)}
    chains: dict[SentenceKey, set[str]] = defaultdict(set)
    with (root / "mentions.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            key = (m["doc_id"], m["sentence"])
            if m["kind"] == "event" and m["chain"] and key in selected:
                chains[key].add(m["chain"])
    return docs, selected, chains


def gold_pairs(
    docs: dict[str, dict[str, Any]],
    selected: set[SentenceKey],
    chains: dict[SentenceKey, set[str]],
    group: str = "subtopic",
) -> int:
    """Gold pairs: sentences of different articles of one gold event sharing a chain.

    `group="topic"` also counts pairs across a topic's two look-alike events, as this
    benchmark did before (no per-event clustering can find those).
    """
    by_group: dict[str, list[SentenceKey]] = defaultdict(list)
    for key in selected:
        by_group[docs[key[0]][group]].append(key)
    return sum(
        1
        for keys in by_group.values()
        for a, b in itertools.combinations(keys, 2)
        if a[0] != b[0] and chains[a] & chains[b]
    )


def analysed(docs: dict[str, dict[str, Any]], reparse: bool) -> dict[str, Article]:
    """Every article through the `nlp.v1` stage, as the product stores it.

    `reparse` drops what the stage recorded for the comparison (`triggers`), as in a store
    written before it did, so `build_claims` parses the sentences again.
    """
    arts = [Article(source=i, id=i, text=d["text"]) for i, d in docs.items()]
    for a in nlp_stage(arts, Context()):
        assert isinstance(a, Article), a
        if reparse:
            a.triggers = None
    return {a.id: a for a in arts}


def _parse_code_hash() -> str:
    """A key that changes whenever the code that fills an Article's parse changes."""
    package = Path(__file__).resolve().parents[1] / "src" / "storylens"
    files = sorted((package / "nlp").glob("*.py"))
    files += [package / "compare" / "text.py", package / "records.py"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_analysed(docs: dict[str, dict[str, Any]], reparse: bool) -> dict[str, Article]:
    """`analysed`, kept in the temporary directory between runs (never in the repository)."""
    path = Path(tempfile.gettempdir()) / f"storylens-ecbplus-{_parse_code_hash()}.pickle"
    if path.exists():
        with path.open("rb") as fh:
            parsed: dict[str, Article] = pickle.load(fh)
    else:
        parsed = analysed(docs, reparse=False)
        with path.open("wb") as fh:
            pickle.dump(parsed, fh)
    if reparse:
        for article in parsed.values():
            article.triggers = None
    return parsed


def event_units(
    docs: dict[str, dict[str, Any]],
    parsed: dict[str, Article],
    doc_ids: list[str],
    selected: set[SentenceKey],
    selected_only: bool,
) -> Event:
    """The sentences compare_event would see for these articles, with their gold keys.

    The sentences are the corpus's own, not the parser's, so that each can be scored.
    """
    articles, numbers = [], {}
    for doc_id in sorted(doc_ids):
        doc = docs[doc_id]
        spans = [
            (s, e) for n, s, e in doc["sentences"] if not selected_only or (doc_id, n) in selected
        ]
        numbers[doc_id] = {(s, e): n for n, s, e in doc["sentences"]}
        articles.append(dataclasses.replace(parsed[doc_id], sentences=spans))
    units = event_sentences(articles)
    keys = [(u.article.id, numbers[u.article.id].get((u.start, u.end), -1)) for u in units]
    return units, keys


def partition(cluster: Clusterer) -> Claimer:
    """A clustering of sentence texts as claims: each sentence in exactly one."""
    return lambda units: [{label} for label in cluster([u.text for u in units])]


def evaluate(
    claims_of: Claimer,
    events: Sequence[Event],
    selected: set[SentenceKey],
    chains: dict[SentenceKey, set[str]],
    gold: int,
) -> tuple[float, float, float, float]:
    """Pairwise P/R/F1: a predicted pair is two sentences that share at least one claim."""
    tp = fp = n = 0
    started = time.perf_counter()
    claims_all = []
    for units, _keys in events:
        claims_all.append(claims_of(units))
        n += len(units)
    rate = n / max(1e-9, time.perf_counter() - started)
    for (_, keys), claims in zip(events, claims_all, strict=True):
        scored = [(k, set(c)) for k, c in zip(keys, claims, strict=True) if k in selected]
        for (a, la), (b, lb) in itertools.combinations(scored, 2):
            if a[0] != b[0] and la & lb:
                if chains[a] & chains[b]:
                    tp += 1
                else:
                    fp += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f, rate


MentionKeys = dict[tuple[str, int, str], set[str]]


def mention_keys(root: Path, parsed: dict[str, Article]) -> MentionKeys:
    """(doc, sentence, chain) -> the happening keys of the trigger words at its gold
    mentions; "-word" where the mention is no candidate trigger word."""
    found = {
        (a.id, offset): t
        for a in parsed.values()
        for t in a.triggers or []
        for offset in range(t.start, t.end)
    }
    keys: MentionKeys = defaultdict(set)
    with (root / "mentions.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            if m["kind"] != "event" or not m["chain"]:
                continue
            hits = [found.get((m["doc_id"], o)) for o in range(m["start"], m["end"])]
            words = [t for t in hits if t is not None and t.candidate]
            key = words[0].key if words else "-" + m["text"].lower()
            keys[(m["doc_id"], m["sentence"], m["chain"])].add(key)
    return keys


def explain_misses(
    claims_of: Claimer,
    events: Sequence[Event],
    selected: set[SentenceKey],
    chains: dict[SentenceKey, set[str]],
    keys_of: MentionKeys,
    gold: int,
    examples: int = 3,
) -> None:
    """Print the gold pairs that share no claim, by why the happenings did not meet."""
    causes: Counter[str] = Counter()
    wrong = right = 0  # predicted pairs that share no chain, and that share one
    pairs: Counter[tuple[str, str]] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    for units, keys in events:
        claims = claims_of(units)
        scored = [(i, k) for i, k in enumerate(keys) if k in selected]
        for (i, a), (j, b) in itertools.combinations(scored, 2):
            shared = chains[a] & chains[b]
            together = bool(set(claims[i]) & set(claims[j]))
            wrong += a[0] != b[0] and together and not shared
            right += a[0] != b[0] and together and bool(shared)
            if a[0] == b[0] or not shared or together:
                continue
            ka = set().union(*(keys_of[(*a, c)] for c in shared))
            kb = set().union(*(keys_of[(*b, c)] for c in shared))
            if any(k[0] != "-" for k in ka & kb):
                cause = "one happening key, yet no shared claim"
            elif all(k[0] == "-" for k in ka) or all(k[0] == "-" for k in kb):
                cause = "a gold word is no trigger word"
            else:
                cause = "different happening keys"
            causes[cause] += 1
            pairs.update(tuple(sorted((x, y))) for x in ka for y in kb)  # type: ignore[misc]
            if len(shown[cause]) < examples:
                shown[cause].append(f"{sorted(ka)} {units[i].text[:90]!r}\n"
                                    f"      {sorted(kb)} {units[j].text[:90]!r}")  # fmt: skip
    unseen = gold - right - sum(causes.values())
    print(f"missed gold pairs: {gold - right} of {gold} ({unseen} have a sentence that makes no")
    print("  claim: a line of furniture, or cut differently); with none missed and the same")
    print(f"  {wrong} wrong pairs, F1 would be {200 * gold / (2 * gold + wrong):.1f}")
    for cause, n in causes.most_common():
        print(f"{n:6d}  {cause}")
        for text in shown[cause]:
            print(f"      {text}")
    print("most frequent key pairs of missed pairs:")
    for (x, y), n in pairs.most_common(25):
        print(f"{n:6d}  {x} / {y}")


def tfidf(threshold: float) -> Clusterer:
    def run(texts: Sequence[str]) -> list[int]:
        if len(texts) < 2:
            return [0] * len(texts)
        x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
        sim = (x @ x.T).toarray()
        np.fill_diagonal(sim, 1.0)
        tree = linkage(np.clip(squareform(1 - sim, checks=False), 0, None), "average")
        return [int(v) for v in fcluster(tree, 1 - threshold, "distance")]

    return run


def gold_partitions(
    events: Sequence[Event],
    selected: set[SentenceKey],
    chains: dict[SentenceKey, set[str]],
) -> dict[str, list[list[str]]]:
    """Oracle labels: each sentence with the event's most frequent of its chains, and
    the event's main chain as one claim with every other sentence alone."""
    frequent, main = [], []
    for _units, keys in events:
        counts: dict[str, int] = defaultdict(int)
        for key in keys:
            if key in selected:
                for chain in chains.get(key, ()):
                    counts[chain] += 1
        top = max(counts, key=lambda c: counts[c], default="")
        frequent.append(
            [
                max(sorted(chains.get(k, ())), key=lambda c: counts[c], default=f"alone {i}")
                for i, k in enumerate(keys)
            ]
        )
        main.append([top if top in chains.get(k, ()) else f"alone {i}" for i, k in enumerate(keys)])
    return {"most frequent chain": frequent, "main chain, others alone": main}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--selected-only",
        action="store_true",
        help="cluster only the gold-annotated sentences, not whole articles",
    )
    parser.add_argument("--sweep", action="store_true", help="also print other thresholds")
    parser.add_argument(
        "--quick", action="store_true", help="only the all-in-one floor and storylens claims"
    )
    parser.add_argument(
        "--reparse",
        action="store_true",
        help="as on a store from before nlp.v1 kept trigger words: happenings re-parse",
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="reuse the parsed articles of an earlier run of the same nlp code (in /tmp)",
    )
    parser.add_argument(
        "--misses", action="store_true", help="print the gold pairs storylens misses, by cause"
    )
    args = parser.parse_args()  # fmt: skip
    docs, selected, chains = load(shared_data() / "ecbplus")
    gold = gold_pairs(docs, selected, chains)
    by_event: dict[str, list[str]] = defaultdict(list)
    for doc_id, doc in docs.items():
        by_event[doc["subtopic"]].append(doc_id)
    parsed = cached_analysed(docs, args.reparse) if args.cache else analysed(docs, args.reparse)
    events = [
        event_units(docs, parsed, ids, selected, args.selected_only) for ids in by_event.values()
    ]
    settings = Settings()
    canon = name_canon(load_lexicon(settings.framing_lexicon), [])

    def ours(threshold: float, model: str | None = settings.spacy_model) -> Claimer:
        def run(units: Sequence[Sentence]) -> list[set[str]]:
            claims = build_claims(
                units,
                threshold=threshold,
                copies_of={},
                copy_threshold=settings.copy_similarity,
                canon=canon,
                model_name=model,
            )
            member: list[set[str]] = [set() for _ in units]
            for claim in claims:
                for i in claim["_members"]:
                    member[i].add(claim["id"])
            return member

        return run

    rows: list[tuple[str, tuple[float, float, float, float]]] = []
    every_sentence = [
        ([None] * len(k), k)
        for k in (
            [(d, n) for d in ids for n, _, _ in docs[d]["sentences"]] for ids in by_event.values()
        )
    ]
    one: Claimer = lambda units: [{0}] * len(units)  # noqa: E731
    rows.append(
        (
            "all sentences of an event in one claim",
            evaluate(one, every_sentence, selected, chains, gold),  # type: ignore[arg-type]
        )
    )
    if not args.quick:
        best = max(
            (
                (th, evaluate(partition(tfidf(th)), events, selected, chains, gold))
                for th in (0.02, 0.05, 0.1, 0.2)
            ),
            key=lambda item: item[1][2],
        )
        rows.append((f"TF-IDF cosine, average link (best: {best[0]})", best[1]))
        for th in (0.03, 0.25):
            direct = partition(
                lambda t, th=th: cluster_by_similarity(sentence_similarity(t, canon), th)
            )
            rows.append(
                (
                    f"direct word overlap, no context ({th})",
                    evaluate(direct, events, selected, chains, gold),
                )
            )
    threshold = settings.claim_similarity
    rows.append(
        (
            f"sentence claims only (claim_similarity={threshold})",
            evaluate(ours(threshold, None), events, selected, chains, gold),
        )
    )
    rows.append(
        (
            "storylens claims (sentences + happenings)",
            evaluate(ours(threshold), events, selected, chains, gold),
        )
    )
    if args.sweep:
        for th in (0.2, 0.3, 0.4, 0.5, 0.6):
            rows.append(
                (f"  storylens at {th}", evaluate(ours(th), events, selected, chains, gold))
            )
    if not args.quick:
        for name, labels in gold_partitions(events, selected, chains).items():
            fixed = iter(labels)
            p, r, f, _ = evaluate(
                lambda _u, fixed=fixed: [{x} for x in next(fixed)], events, selected, chains, gold
            )
            rows.append((f"gold: {name}", (p, r, f, math.inf)))
    if args.misses:
        keys_of = mention_keys(shared_data() / "ecbplus", parsed)
        explain_misses(ours(threshold), events, selected, chains, keys_of, gold)
    units = sum(len(t) for t, _ in events)
    scope = "gold-annotated sentences only" if args.selected_only else "all sentences"
    print(f"ECB+ claim pairs: {len(by_event)} events, {units} {scope}, {gold} gold pairs")
    print(f"{'method':<48} {'P':>6} {'R':>6} {'F1':>6} {'sent/s':>8}")
    for name, (p, r, f, rate) in rows:
        speed = f"{rate:8.0f}" if rate < 1e6 else f"{'-':>8}"
        print(f"{name:<48} {p:6.1f} {r:6.1f} {f:6.1f} {speed}")


if __name__ == "__main__":
    main()
