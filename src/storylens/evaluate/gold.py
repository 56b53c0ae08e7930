"""Read gold labels and a storylens/v1 document, and score one against the other.

Gold files name articles the way their authors know them (a file name, a source path, an
article id), so each gold key is matched against the id, the source and the source's
file name; gold articles the output does not contain are reported, not silently dropped.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .metrics import Scores, score


@dataclass(slots=True, frozen=True)
class Evaluation:
    scores: Scores
    matched: int  # gold articles found in the output
    missing: list[str]  # gold keys with no article in the output


def load_gold(path: str | Path) -> dict[str, str]:
    """Gold labels from JSONL (`{"doc": ..., "label": ...}` per line) or CSV (doc,label)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read gold file ({exc})", source=str(p)) from exc
    gold: dict[str, str] = {}
    if p.suffix.lower() in {".jsonl", ".json", ".ndjson"}:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                doc, label = _pair(row)
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(
                    f'line {n} is not a JSON object with "doc" and "label" ({exc}); '
                    'write one {"doc": ID, "label": EVENT} per line',
                    source=str(p),
                ) from exc
            gold[doc] = label
        return gold
    rows = list(csv.reader(text.splitlines()))
    if rows and [c.strip().lower() for c in rows[0][:2]] in (["doc", "label"], ["doc_id", "label"]):
        rows = rows[1:]
    for n, row in enumerate(rows, 1):
        if not row:
            continue
        if len(row) < 2:
            raise InputError(f"row {n} needs two columns: doc,label", source=str(p))
        gold[row[0].strip()] = row[1].strip()
    return gold


def _pair(row: dict[str, Any]) -> tuple[str, str]:
    doc = row.get("doc", row.get("doc_id", row.get("article")))
    label = row.get("label", row.get("event", row.get("subtopic")))
    if doc is None or label is None:
        raise KeyError("doc/label")
    return str(doc), str(label)


def predicted_labels(document: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """(article id -> event id, name -> article id) from a storylens/v1 document."""
    if document.get("schema") != "storylens/v1":
        raise InputError("not a storylens/v1 document; pass the file written by --json")
    labels = {a: ev["id"] for ev in document.get("events", []) for a in ev.get("articles", [])}
    names: dict[str, str] = {}
    for art in document.get("articles", []):
        aid = art["id"]
        names[aid] = aid
        source = art.get("source") or ""
        if source:
            names.setdefault(source, aid)
            base = source.replace("\\", "/").rsplit("/", 1)[-1]
            names.setdefault(base, aid)
            names.setdefault(base.rsplit(".", 1)[0], aid)
    return labels, names


def evaluate_output(output: str | Path, gold_path: str | Path) -> Evaluation:
    """Score the events of a storylens/v1 file against a gold file."""
    try:
        document = json.loads(Path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the storylens JSON ({exc})", source=str(output)) from exc
    gold = load_gold(gold_path)
    labels, names = predicted_labels(document)
    by_article: dict[str, str] = {}
    missing: list[str] = []
    for doc, label in gold.items():
        aid = names.get(doc)
        if aid is None:
            missing.append(doc)
        else:
            by_article[aid] = label
    predicted = {a: labels.get(a, "unassigned:" + a) for a in by_article}
    return Evaluation(score(by_article, predicted), len(by_article), missing)
