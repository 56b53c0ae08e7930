"""Extraction quality and speed: who said what, figures, times, and what it costs.

    .venv/bin/python bench/extraction.py [--ecb-limit N] [--errors]

Prints one table:
- on the annotated evaluation set (tests/nlp/evalset/articles.jsonl) and, in a second
  column, on the held-out set written after the rules were tuned
  (tests/nlp/evalset/heldout.jsonl), which keeps the first set from being overfitted: speaker attribution
  accuracy for direct and indirect quotes, quote span F1, figure F1 (value + what) and
  temporal resolution accuracy; matching rules are in `storylens.nlp.scoring`;
- on ECB+ gold mentions in the fully annotated sentences (selected_sentences.csv): recall
  of person (HUMAN_PART_PER), place (LOC_GEO) and date (TIME_DATE) mentions by our
  entities, actor spans and time expressions (a gold mention counts when one of ours
  overlaps it);
- speed: articles per CPU second of the bare spaCy pipeline and of the whole `nlp.v1`
  stage on the same ECB+ articles in the same run, and their ratio (target <= 1.3).

`--errors` prints every error on the evaluation set first, one line each, grouped by
metric. Held-out errors are deliberately not printed: rules tuned by reading them would
make the held-out column measure the tuning, not the extractor.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import defaultdict
from pathlib import Path

from storylens.nlp.model import load_model
from storylens.nlp.scoring import (
    Counts,
    article_of,
    explain_article,
    load_evalset,
    score_article,
    summarize,
)
from storylens.nlp.stage import nlp_stage
from storylens.pipeline import Context
from storylens.records import Article
from storylens.testing import shared_data

ROOT = Path(__file__).resolve().parents[1]
EVALSET = ROOT / "tests" / "nlp" / "evalset" / "articles.jsonl"
HELDOUT = ROOT / "tests" / "nlp" / "evalset" / "heldout.jsonl"
TARGETS = {
    "speaker_direct": ">= 0.95",
    "speaker_indirect": ">= 0.85",
    "times_accuracy": ">= 0.95",
    "speed_ratio": "<= 1.30",
}
RECALL_TAGS = {
    "HUMAN_PART_PER": ("person", {"PERSON", "NORP"}),
    "LOC_GEO": ("place", {"GPE", "LOC", "FAC"}),
    "TIME_DATE": ("date", {"DATE", "TIME"}),
}


def evalset_metrics(
    path: Path, ctx: Context, errors: list[str] | None = None
) -> tuple[dict[str, float], int]:
    golds = load_evalset(path)
    articles = [article_of(g) for g in golds]
    nlp_stage(articles, ctx)
    total = Counts()
    for art, gold in zip(articles, golds, strict=True):
        total += score_article(art, gold)
        if errors is not None:
            errors += explain_article(art, gold)
    return summarize(total), len(golds)


def ecb_articles(limit: int | None) -> tuple[list[Article], list[dict[str, object]]]:
    folder = shared_data() / "ecbplus"
    docs = [json.loads(line) for line in (folder / "documents.jsonl").open(encoding="utf-8")]
    docs = docs[:limit] if limit else docs
    keep = {d["doc_id"] for d in docs}
    with (folder / "selected_sentences.csv").open(encoding="utf-8") as fh:
        selected = {(r["doc_id"], int(r["sentence"])) for r in csv.DictReader(fh)}
    mentions = []
    for line in (folder / "mentions.jsonl").open(encoding="utf-8"):
        m = json.loads(line)
        if (
            m["doc_id"] in keep
            and m["tag"] in RECALL_TAGS
            and (m["doc_id"], m["sentence"]) in selected
        ):
            mentions.append(m)
    articles = [
        Article(source=f"ecbplus:{d['doc_id']}", id=d["doc_id"], text=d["text"]) for d in docs
    ]
    return articles, mentions


def ecb_recall(articles: list[Article], mentions: list[dict[str, object]]) -> dict[str, float]:
    spans: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for art in articles:
        by_kind: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for ent in art.entities:
            for kind, labels in RECALL_TAGS.values():
                if ent.label in labels:
                    by_kind[kind].append((ent.start, ent.end))
        for actor in art.actors:
            if actor.type == "PERSON":
                by_kind["person"] += actor.spans
        by_kind["date"] += [(t.start, t.end) for t in art.times]
        spans[art.id] = by_kind
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for m in mentions:
        kind = RECALL_TAGS[str(m["tag"])][0]
        start, end = int(str(m["start"])), int(str(m["end"]))
        hit = any(s < end and start < e for s, e in spans[str(m["doc_id"])][kind])
        found[kind][0] += int(hit)
        found[kind][1] += 1
    return {f"ecb_{k}_recall": hit / total for k, (hit, total) in found.items() if total}


def speed(articles: list[Article], ctx: Context) -> tuple[float, float, list[Article]]:
    """CPU seconds of this process for the bare spaCy pipe and for the whole stage.

    CPU time, not wall time: the cores are shared, and another process's load would
    otherwise land on whichever of the two runs it happened to overlap.
    """
    nlp = load_model(ctx.settings.spacy_model)
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:16], batch_size=ctx.settings.batch_size))  # warm up
    t0 = time.process_time()
    for _ in nlp.pipe(texts, batch_size=ctx.settings.batch_size):
        pass
    bare = time.process_time() - t0
    fresh = [Article(source=a.source, id=a.id, text=a.text) for a in articles]
    t0 = time.process_time()
    done = nlp_stage(fresh, ctx)
    stage = time.process_time() - t0
    return bare, stage, [a for a in done if isinstance(a, Article)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ecb-limit", type=int, default=None, help="first N ECB+ documents")
    parser.add_argument("--errors", action="store_true", help="print every evaluation error")
    args = parser.parse_args()
    ctx = Context()
    rows: list[tuple[str, str, str, str]] = []
    errors: list[str] | None = [] if args.errors else None
    metrics, n_gold = evalset_metrics(EVALSET, ctx, errors)
    held, n_held = evalset_metrics(HELDOUT, ctx)  # its errors stay unread: see above
    if errors is not None:
        for line in sorted(errors, key=lambda e: e.split(" ", 1)[0]):
            print(line)
        print()
    for key, value in metrics.items():
        rows.append((key, f"{value:.3f}", f"{held[key]:.3f}", TARGETS.get(key, "")))
    articles, mentions = ecb_articles(args.ecb_limit)
    bare, stage, done = speed(articles, ctx)
    for key, value in ecb_recall(done, mentions).items():
        rows.append((key, f"{value:.3f}", "", ""))
    n = len(articles)
    rows.append(("spacy_articles_per_s", f"{n / bare:.1f}", "", ""))
    rows.append(("stage_articles_per_s", f"{n / stage:.1f}", "", ""))
    rows.append(("speed_ratio", f"{stage / bare:.2f}", "", TARGETS["speed_ratio"]))
    print(
        f"evaluation set: {n_gold} articles ({EVALSET.relative_to(ROOT)}); "
        f"held-out: {n_held} articles ({HELDOUT.relative_to(ROOT)}); "
        f"ECB+: {n} articles, {len(mentions)} gold mentions"
    )
    width = max(len(r[0]) for r in rows)
    print(f"{'metric':{width}}  evalset  held-out  target")
    for name, value, hvalue, target in rows:
        print(f"{name:{width}}  {value:>7}  {hvalue:>8}  {target}")


if __name__ == "__main__":
    main()
