"""The per-event story report: what each outlet says, who confirms it, where numbers differ.

Both renderings (Markdown for notes and diffs, a self-contained HTML page for reading and
sharing) are built from one `StoryView`, so they never disagree. Every claim, figure and
quote in them points at the sentence it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..records import Article
from .highlight import Mark, Segment, segments

UNKNOWN = "unknown outlet"


@dataclass(slots=True)
class Column:
    """One article of the event, as a column of the coverage matrix."""

    article: str
    label: str  # the outlet's name, or "unknown outlet"
    source: str
    copy_of: str | None  # label of the column it copies, if any


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
    marks: dict[str, list[Mark]] = {a: [] for a in by_id}
    dates = [{"mentions": event.get("date_evidence", [])}]
    for kind, items in (
        ("date", dates),
        ("figure", event.get("figures", [])),
        ("quote", event.get("quotes", [])),
        ("claim", event.get("claims", [])),
    ):
        for item in items:
            for m in item.get("mentions", []):
                if m["article"] in marks and 0 <= m["start"] < m["end"] <= len(
                    view.texts[m["article"]]
                ):
                    marks[m["article"]].append(
                        Mark(start=m["start"], end=m["end"], kind=kind, ref=anchor(m), label=kind)
                    )
    for aid, art in by_id.items():
        view.segments[aid] = segments(art.text, marks[aid])
    return view


# the colour of a run covered by several kinds of evidence: the most specific one
SPECIFICITY = {"date": 0, "figure": 1, "quote": 2, "claim": 3}


def main_kind(segment: Segment) -> str:
    return min(segment.kinds, key=SPECIFICITY.__getitem__, default="")
