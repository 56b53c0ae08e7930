"""The per-event story report: what each outlet says, who confirms it, where numbers differ.

Both renderings (Markdown for notes and diffs, a self-contained HTML page for reading and
sharing) are built from one `StoryView`, so they never disagree. Every claim, figure and
quote in them points at the sentence it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..records import Article

UNKNOWN = "unknown outlet"


@dataclass(slots=True)
class Column:
    """One article of the event, as a column of the coverage matrix."""

    article: str
    label: str  # the outlet's name, or "unknown outlet"
    source: str
    copy_of: str | None  # label of the column it copies, if any


@dataclass(slots=True)
class Segment:
    text: str
    kind: str = ""  # the most specific evidence covering it: date, figure, quote or claim
    anchors: list[str] = field(default_factory=list)  # mentions that start here


@dataclass(slots=True)
class StoryView:
    event: dict[str, Any]
    columns: list[Column]
    matrix: list[tuple[dict[str, Any], list[bool]]]  # claim, covered by column i
    texts: dict[str, str]
    segments: dict[str, list[Segment]] = field(default_factory=dict)

    @property
    def single_source(self) -> list[dict[str, Any]]:
        return [c for c, _ in self.matrix if c.get("status") == "single-source"]

    @property
    def disputed(self) -> list[dict[str, Any]]:
        return [c for c, _ in self.matrix if c.get("status") == "disputed"]

    def label(self, article_id: str) -> str:
        for col in self.columns:
            if col.article == article_id:
                return col.label
        return UNKNOWN

    def evidence(self, mention: dict[str, Any]) -> str:
        return self.texts.get(mention["article"], "")[mention["start"] : mention["end"]]


def anchor(mention: dict[str, Any]) -> str:
    return f"m-{mention['article']}-{mention['start']}-{mention['end']}"


def build_view(event: dict[str, Any], articles: Sequence[Article]) -> StoryView:
    by_id = {a.id: a for a in articles}
    labels = {a.id: a.outlet or UNKNOWN for a in articles}
    columns = [
        Column(
            article=a.id,
            label=labels[a.id],
            source=a.source,
            copy_of=labels.get(a.duplicate_of) if a.duplicate_of else None,
        )
        for a in sorted(articles, key=lambda a: (labels[a.id] == UNKNOWN, labels[a.id], a.source))
    ]
    matrix = []
    for claim in event.get("claims", []):
        covered = {m["article"] for m in claim.get("mentions", [])}
        matrix.append((claim, [c.article in covered for c in columns]))
    order = {"disputed": 0, "corroborated": 1, "single-source": 2}
    matrix.sort(key=lambda row: (order.get(row[0].get("status", ""), 3), -sum(row[1])))
    view = StoryView(
        event=event, columns=columns, matrix=matrix, texts={a.id: a.text for a in articles}
    )
    spans: dict[str, list[tuple[int, int, str]]] = {a: [] for a in by_id}
    dates = [{"mentions": event.get("date_evidence", [])}]
    for kind, items in (
        ("date", dates),
        ("figure", event.get("figures", [])),
        ("quote", event.get("quotes", [])),
        ("claim", event.get("claims", [])),
    ):
        for item in items:
            for m in item.get("mentions", []):
                if m["article"] in spans:
                    spans[m["article"]].append((m["start"], m["end"], kind))
    for aid, art in by_id.items():
        view.segments[aid] = segment(art.text, aid, spans[aid])
    return view


SPECIFICITY = {"date": 0, "figure": 1, "quote": 2, "claim": 3}


def segment(text: str, article_id: str, spans: Iterable[tuple[int, int, str]]) -> list[Segment]:
    """Cut `text` at every cited boundary, so nested evidence (a figure inside a claim's
    sentence) keeps its own anchor and its own colour."""
    spans = sorted({s for s in spans if 0 <= s[0] < s[1] <= len(text)})
    cuts = sorted({0, len(text)} | {s[0] for s in spans} | {s[1] for s in spans})
    out: list[Segment] = []
    for a, b in pairwise(cuts):
        covering = [s for s in spans if s[0] <= a and b <= s[1]]
        kind = min((s[2] for s in covering), key=SPECIFICITY.__getitem__, default="")
        anchors = [f"m-{article_id}-{s[0]}-{s[1]}" for s in spans if s[0] == a]
        out.append(Segment(text[a:b], kind, anchors))
    return out
