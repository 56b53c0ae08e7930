"""Score extraction against the hand-annotated evaluation set (tests/nlp/evalset).

One definition of every metric, shared by `bench/extraction.py` (which prints them) and
the quality gate test (which holds them above stored floors), so the two never disagree.

Matching rules:
- Quote spans: a predicted and a gold quote of the same kind match when their character
  spans overlap by at least half of their union (Jaccard >= 0.5); pairs are taken greedily,
  best overlap first, one-to-one. Span F1 is over all quotes of the kind.
- Speakers: over the gold quotes that were matched, the speaker is right when the
  predicted actor and the gold actor share a name: the predicted canonical name or one of
  its aliases equals the gold name or one of its aliases (case-folded, "the " dropped).
  `speaker_*_e2e` divides by every gold quote instead, so a missed quote counts as wrong.
- Figures: a predicted and a gold figure match when their values are equal and they count
  the same thing (`what`); one-to-one within an article.
- Times: a gold time expression is right when a predicted one overlaps it and resolves to
  the same value.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Article, Quote
from .lexicon import fold

Gold = dict[str, Any]


@dataclass(slots=True)
class Counts:
    """Raw counts; summed over articles before any ratio is taken."""

    n: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, value: int = 1) -> None:
        self.n[key] = self.n.get(key, 0) + value

    def __iadd__(self, other: Counts) -> Counts:
        for k, v in other.n.items():
            self.add(k, v)
        return self


def load_evalset(path: Path) -> list[Gold]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def gold_span(text: str, item: Gold) -> tuple[int, int]:
    """Where an annotated substring is, honouring its 0-based `occurrence`."""
    pos = -1
    for _ in range(item.get("occurrence", 0) + 1):
        pos = text.find(item["text"], pos + 1)
    return pos, pos + len(item["text"])


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / (max(a[1], b[1]) - min(a[0], b[0]))


def _names(name: str, aliases: Iterable[str]) -> set[str]:
    return {fold(n).removeprefix("the ").strip() for n in [name, *aliases]}


def score_article(pred: Article, gold: Gold) -> Counts:
    counts = Counts()
    text = gold["text"]
    actors = {a["name"]: _names(a["name"], a.get("aliases", [])) for a in gold["actors"]}
    pred_names = {a.id: _names(a.name, a.aliases) for a in pred.actors}
    for kind in ("direct", "indirect"):
        golds = [(gold_span(text, q), q) for q in gold["quotes"] if q["kind"] == kind]
        preds = [q for q in pred.quotes if q.kind == kind]
        pairs = _match_quotes(golds, preds)
        counts.add(f"{kind}_gold", len(golds))
        counts.add(f"{kind}_pred", len(preds))
        counts.add(f"{kind}_tp", len(pairs))
        for g, p in pairs:
            right = bool(
                p.speaker and pred_names.get(p.speaker, set()) & actors.get(g["speaker"], set())
            )
            counts.add(f"{kind}_speaker_ok", int(right))
    _score_figures(pred, gold, counts)
    for item in gold["times"]:
        start, end = gold_span(text, item)
        counts.add("times_gold")
        ok = any(t.start < end and start < t.end and t.value == item["value"] for t in pred.times)
        counts.add("times_ok", int(ok))
    return counts


def explain_article(pred: Article, gold: Gold) -> list[str]:
    """Every error of one article, one line each, under the same matching rules as the score.

    Lines start with the metric they cost ("speaker", "quote-miss", "quote-extra",
    "figure-miss", "figure-extra", "time") so a reader can group them by cause.
    """
    out: list[str] = []
    text = gold["text"]
    gid = gold["id"]
    actors = {a["name"]: _names(a["name"], a.get("aliases", [])) for a in gold["actors"]}
    pred_names = {a.id: _names(a.name, a.aliases) for a in pred.actors}
    for kind in ("direct", "indirect"):
        golds = [(gold_span(text, q), q) for q in gold["quotes"] if q["kind"] == kind]
        preds = [q for q in pred.quotes if q.kind == kind]
        pairs = _match_quotes(golds, preds)
        for g, p in pairs:
            if not (
                p.speaker and pred_names.get(p.speaker, set()) & actors.get(g["speaker"], set())
            ):
                out.append(
                    f"speaker {kind} {gid}: gold={g['speaker']!r} pred={p.speaker_name!r} "
                    f"| {g['text'][:70]!r}"
                )
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for _, g in golds:
            if id(g) not in matched_g:
                out.append(f"quote-miss {kind} {gid}: {g['text'][:90]!r} ({g['speaker']})")
        for p in preds:
            if id(p) not in matched_p:
                out.append(f"quote-extra {kind} {gid}: {p.text[:90]!r} ({p.speaker_name})")
    remaining = list(pred.figures)
    for g in gold["figures"]:
        hit = next(
            (
                f
                for f in remaining
                if math.isclose(f.value, float(g["value"]), rel_tol=1e-6) and f.what == g["what"]
            ),
            None,
        )
        if hit is None:
            near = [
                f"{f.value:g}/{f.what}"
                for f in remaining
                if math.isclose(f.value, float(g["value"]), rel_tol=1e-6)
            ]
            out.append(f"figure-miss {gid}: {g['text']!r} {g['value']}/{g['what']} near={near}")
        else:
            remaining.remove(hit)
    for f in remaining:
        out.append(f"figure-extra {gid}: {f.text!r} {f.value:g}/{f.what}")
    for item in gold["times"]:
        start, end = gold_span(text, item)
        if not any(
            t.start < end and start < t.end and t.value == item["value"] for t in pred.times
        ):
            got = [(t.text, t.value) for t in pred.times if t.start < end and start < t.end]
            ctx = text[max(0, start - 50) : end + 20].replace("\n", " ")
            out.append(
                f"time {gid} ({gold.get('published')}): {item['text']!r} gold={item['value']} "
                f"pred={got} | ...{ctx}"
            )
    return out


def _match_quotes(
    golds: list[tuple[tuple[int, int], Gold]], preds: list[Quote]
) -> list[tuple[Gold, Quote]]:
    scored = [
        (_jaccard(span, (p.start, p.end)), gi, pi)
        for gi, (span, _) in enumerate(golds)
        for pi, p in enumerate(preds)
    ]
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, gi, pi in sorted(scored, reverse=True):
        if score < 0.5:
            break
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((golds[gi][1], preds[pi]))
    return pairs


def _score_figures(pred: Article, gold: Gold, counts: Counts) -> None:
    remaining = list(pred.figures)
    counts.add("figures_gold", len(gold["figures"]))
    counts.add("figures_pred", len(pred.figures))
    for g in gold["figures"]:
        for f in remaining:
            if math.isclose(f.value, float(g["value"]), rel_tol=1e-6) and f.what == g["what"]:
                remaining.remove(f)
                counts.add("figures_tp")
                break


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    if n_pred + n_gold == 0:
        return 1.0
    return 2 * tp / (n_pred + n_gold)


def summarize(c: Counts) -> dict[str, float]:
    """The metrics, as fractions in [0, 1]."""
    n = c.n.get
    out: dict[str, float] = {}
    tp_all = n("direct_tp", 0) + n("indirect_tp", 0)
    out["quote_span_f1"] = _f1(
        tp_all,
        n("direct_pred", 0) + n("indirect_pred", 0),
        n("direct_gold", 0) + n("indirect_gold", 0),
    )
    for kind in ("direct", "indirect"):
        tp = n(f"{kind}_tp", 0)
        out[f"{kind}_span_f1"] = _f1(tp, n(f"{kind}_pred", 0), n(f"{kind}_gold", 0))
        out[f"speaker_{kind}"] = n(f"{kind}_speaker_ok", 0) / tp if tp else 0.0
        gold = n(f"{kind}_gold", 0)
        out[f"speaker_{kind}_e2e"] = n(f"{kind}_speaker_ok", 0) / gold if gold else 0.0
    out["figure_f1"] = _f1(n("figures_tp", 0), n("figures_pred", 0), n("figures_gold", 0))
    out["times_accuracy"] = n("times_ok", 0) / n("times_gold", 1) if n("times_gold") else 0.0
    return out


def article_of(gold: Gold) -> Article:
    """The input article for an annotated record: its text, id, outlet and date."""
    return Article(
        source=f"evalset:{gold['id']}",
        id=gold["id"],
        text=gold["text"],
        outlet=gold.get("outlet"),
        published=gold.get("published"),
    )
