"""How much real text does cleaning remove? Measured on ECB+, whose sentences are gold.

The gate: cleaning may remove less than 0.5% of the characters of the gold-annotated
sentences (selected_sentences.csv), since every later stage scores on those. Also prints
the share of all characters removed, removals by reason and the speed of `clean.v1`.

    .venv/bin/python bench/cleaning.py
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from storylens.clean import clean_stage
from storylens.clean.language import detect_language
from storylens.pipeline import Context
from storylens.records import Article
from storylens.testing import shared_data

GATE = 0.005


@dataclass
class Result:
    gold_chars: int = 0
    gold_lost: int = 0
    raw_chars: int = 0
    removed_chars: int = 0
    articles: int = 0
    seconds: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)
    with_outlet: int = 0
    dated_by_dateline: int = 0
    lost_examples: list[tuple[str, str]] = field(default_factory=list)

    @property
    def gold_share(self) -> float:
        return self.gold_lost / max(1, self.gold_chars)


def _norm(text: str) -> str:
    return " ".join(text.split())


def load_ecbplus(root: Path | None = None) -> list[tuple[Article, list[str]]]:
    """ECB+ documents as unread articles, each with its gold sentences' text."""
    root = root or shared_data() / "ecbplus"
    selected: set[tuple[str, int]] = set()
    with open(root / "selected_sentences.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            selected.add((row["doc_id"], int(row["sentence"])))
    out = []
    with open(root / "documents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            gold = [
                doc["text"][start:end]
                for no, start, end in doc["sentences"]
                if (doc["doc_id"], no) in selected
            ]
            art = Article(source=f"ecbplus:{doc['doc_id']}", raw=doc["text"], url=doc["url"])
            out.append((art, gold))
    return out


def measure(items: list[tuple[Article, list[str]]]) -> Result:
    """Clean every article; count gold characters that no longer appear in the text."""
    ctx = Context()
    res = Result()
    cleaned = []
    detect_language("warm up: the model loads once per process")
    start = time.process_time()  # CPU time: the machine is shared
    for art, _gold in items:
        cleaned.append(clean_stage(Article(source=art.source, raw=art.raw, url=art.url), ctx))
    res.seconds = time.process_time() - start
    for (art, gold), out in zip(items, cleaned, strict=True):
        res.articles += 1
        res.raw_chars += len(art.raw)
        res.with_outlet += out.outlet is not None
        res.dated_by_dateline += out.published_basis == "dateline"
        text = _norm(out.text)
        for removal in out.removed:
            res.reasons[removal.reason] += 1
            res.removed_chars += len(removal.text)
        for sentence in gold:
            s = _norm(sentence)
            res.gold_chars += len(s)
            if s in text:
                continue
            # the part of the sentence that cleaning took away (conservatively: all of it
            # unless a removal accounts for a smaller part)
            lost = sum(len(_norm(r.text)) for r in out.removed if _norm(r.text) in s) or len(s)
            res.gold_lost += min(lost, len(s))
            res.lost_examples.append((art.source, s))
    return res


def main() -> int:
    items = load_ecbplus()
    res = measure(items)
    print(f"ECB+ cleaning ({res.articles} articles)")
    print(f"{'measure':<40}{'value':>14}")
    print(f"{'gold-sentence characters removed':<40}{res.gold_share:>13.3%}  (gate < {GATE:.1%})")
    print(f"{'all characters removed':<40}{res.removed_chars / res.raw_chars:>13.3%}")
    print(f"{'clean.v1 articles/CPU-s (one core)':<40}{res.articles / res.seconds:>14,.0f}")
    print(f"{'articles with an outlet (evidence)':<40}{res.with_outlet:>14}")
    print(f"{'articles dated by a dateline':<40}{res.dated_by_dateline:>14}")
    print("removals by reason")
    for reason, n in res.reasons.most_common():
        print(f"  {reason:<38}{n:>14}")
    for source, s in res.lost_examples[:20]:
        print(f"  lost gold: {source}: {s[:90]!r}")
    return 0 if res.gold_share < GATE else 1


if __name__ == "__main__":
    sys.exit(main())
