"""Cut an article's text into runs under the same highlights.

Evidence nests and overlaps (a figure inside a claim's sentence, a quote inside both), so
the text is cut at every boundary and each run knows every mark over it: nothing is lost
and nothing is doubled. The web pages and the static report both render these runs.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(slots=True, kw_only=True)
class Segment:
    """A run of article text under the same set of highlights."""

    text: str
    kinds: list[str] = field(default_factory=list)  # claim | quote | figure
    refs: list[str] = field(default_factory=list)  # claim-c1, quote-0, figure-2
    anchors: list[str] = field(default_factory=list)  # ids of mentions that start here
    focus: bool = False
    labels: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Mark:
    start: int
    end: int
    kind: str
    ref: str
    label: str


def segments(text: str, marks: list[Mark], focus: str = "") -> list[Segment]:
    """Split `text` at every mark boundary; each piece knows which marks cover it.

    Marks may nest or overlap (a figure inside a claim's sentence): the pieces between
    boundaries carry all the marks over them, so nothing is lost and nothing is doubled.
    """
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        if m.ref not in seen:  # one anchor per claim/quote/figure: ids stay unique
            seen.add(m.ref)
            starts[m.start].append(m.ref)
    out = []
    for a, b in itertools.pairwise(cuts):
        over = [m for m in marks if m.start <= a and b <= m.end]
        refs = list(dict.fromkeys(m.ref for m in over))
        out.append(
            Segment(
                text=text[a:b],
                kinds=sorted({m.kind for m in over}),
                refs=refs,
                anchors=starts.get(a, []),
                focus=bool(focus) and focus in refs,
                labels=list(dict.fromkeys(m.label for m in over)),
            )
        )
    return out
