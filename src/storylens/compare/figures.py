"""Do the outlets' numbers agree? Figures for the same thing, compared as ranges.

"More than 30,000" and "over 30,000" are one claim; "about 30,000" and "31,000" do not
contradict each other; "23 pirates arrested" and "26 pirates arrested" do. Reading each
figure as the range its qualifier allows, two figures agree when their ranges meet.
Figures of the same kind that differ by more than a factor of two are taken to count
different things (a day's toll and a war's), not to disagree.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Article, Figure
from .sources import Witness, independent_count, outlet_label

# Words extractors (and outlets) use for one kind of count.
WHAT_KEYS = {
    "killed": "killed", "dead": "killed", "deaths": "killed", "death": "killed",
    "died": "killed", "martyred": "killed", "martyrdom": "killed", "fatalities": "killed",
    "lives lost": "killed", "death toll": "killed",
    "injured": "injured", "wounded": "injured", "wounding": "injured", "injuries": "injured",
    "hurt": "injured",
    "arrested": "arrested", "detained": "arrested", "captured": "arrested",
    "arrests": "arrested",
    "missing": "missing", "displaced": "displaced", "evacuated": "evacuated",
}  # fmt: skip
# Units that all count people: a casualty count in "Palestinians" and one in "people"
# are the same measure.
PEOPLE_UNITS = frozenset(
    [
        "people",
        "person",
        "persons",
        "palestinians",
        "israelis",
        "civilians",
        "others",
        "individuals",
        "residents",
        "children",
        "soldiers",
        "victims",
        "syrians",
        "iranians",
    ]
)
AT_LEAST = frozenset({"more than", "over", "at least", "upwards of", "in excess of", "above"})
AT_MOST = frozenset({"less than", "under", "up to", "at most", "fewer than", "below"})
ROUGHLY = frozenset({"about", "around", "nearly", "almost", "some", "approximately", "roughly"})
SAME_THING_RATIO = 2.0
# Kinds of count that name what they count: two of them in one event are the same thing.
SPECIFIC = frozenset(set(WHAT_KEYS.values()) | {"rescued", "refugees", "troops", "workers"})
CONTEXT_OVERLAP = 0.3


def what_key(figure: Figure) -> str:
    what = (figure.what or "").strip().lower()
    return WHAT_KEYS.get(what, what)


def unit_key(figure: Figure) -> str:
    unit = (figure.unit or "").strip().lower()
    return "people" if unit in PEOPLE_UNITS else unit


def value_range(value: float, qualifier: str | None) -> tuple[float, float]:
    """The values a reported figure allows, as a closed range."""
    q = (qualifier or "").strip().lower()
    if q in AT_LEAST:
        return value, math.inf
    if q in AT_MOST:
        return 0.0, value
    if q in ROUGHLY:
        return value * 0.9, value * 1.1
    return value, value


def agree(a: Figure, b: Figure) -> bool:
    lo_a, hi_a = value_range(a.value, a.qualifier)
    lo_b, hi_b = value_range(b.value, b.qualifier)
    return max(lo_a, lo_b) <= min(hi_a, hi_b)


def same_thing(a: Figure, b: Figure) -> bool:
    """Same kind of count, same unit (or one unstated) and the same order of magnitude."""
    if what_key(a) != what_key(b) or not what_key(a):
        return False
    ua, ub = unit_key(a), unit_key(b)
    if ua and ub and ua != ub:
        return False
    small, large = sorted((abs(a.value), abs(b.value)))
    return (small > 0 and large / small <= SAME_THING_RATIO) or small == large


@dataclass(slots=True, frozen=True)
class Placed:
    article: Article
    figure: Figure


def _context(placed: Placed) -> str:
    """The sentence a figure stands in: copying shows in the sentence, not in "30,000"."""
    for start, end in placed.article.sentences:
        if start <= placed.figure.start < end:
            return placed.article.text[start:end]
    return placed.figure.text


_CONTENT = re.compile(r"[^\W\d_]{4,}")
_GENERIC_WORDS = frozenset(
    [
        "more",
        "than",
        "over",
        "about",
        "some",
        "nearly",
        "around",
        "least",
        "almost",
        "percent",
        "with",
        "that",
        "from",
        "this",
        "were",
        "have",
        "been",
        "said",
        "they",
        "their",
        "which",
        "there",
    ]
)


def _content(text: str) -> set[str]:
    return {w.lower() for w in _CONTENT.findall(text)} - _GENERIC_WORDS


def _same(a: Placed, b: Placed) -> bool:
    """`same_thing`, and for counts of no specific kind (a percentage, a distance, a
    magnitude) also the same words around them: an aftershock's magnitude is not the
    quake's, and a wage offer's percentage is not the inflation rate."""
    if not same_thing(a.figure, b.figure):
        return False
    if what_key(a.figure) in SPECIFIC:
        return True
    own_a, own_b = _content(a.figure.text), _content(b.figure.text)
    ctx_a, ctx_b = _content(_context(a)), _content(_context(b))
    if not (own_a & own_b) or not ctx_a or not ctx_b:
        return False
    return len(ctx_a & ctx_b) / min(len(ctx_a), len(ctx_b)) >= CONTEXT_OVERLAP


def _groups(placed: Sequence[Placed]) -> list[list[Placed]]:
    """Figures linked by `_same`, transitively (23 ~ 26 ~ 24 is one group)."""
    groups: list[list[Placed]] = []
    for item in sorted(placed, key=lambda p: (what_key(p.figure), p.figure.value)):
        for group in groups:
            if any(_same(item, other) for other in group):
                group.append(item)
                break
        else:
            groups.append([item])
    return groups


def conflicting(group: Sequence[Placed]) -> bool:
    """Two articles give ranges that cannot both be true."""
    return any(
        a.article.id != b.article.id and not agree(a.figure, b.figure)
        for i, a in enumerate(group)
        for b in group[i + 1 :]
    )


def _status(independent: int, disputed: bool) -> str:
    if disputed:
        return "disputed"
    return "corroborated" if independent >= 2 else "single-source"


def compare_figures(
    articles: Sequence[Article], copies_of: dict[str, str], copy_threshold: float
) -> list[dict[str, Any]]:
    """One entry per thing counted, with every article's figure for it."""
    placed = [Placed(a, f) for a in articles for f in a.figures]
    out: list[dict[str, Any]] = []
    for group in _groups(placed):
        witnesses = [Witness(p.article.id, outlet_label(p.article), _context(p)) for p in group]
        independent, outlets = independent_count(witnesses, copies_of, copy_threshold)
        counts = Counter((p.figure.value, p.figure.qualifier) for p in group)
        (value, qualifier), _ = counts.most_common(1)[0]
        units = Counter(p.figure.unit for p in group if p.figure.unit)
        disputed = conflicting(group)
        values = sorted({(p.figure.value, p.figure.qualifier or "") for p in group})
        out.append(
            {
                "what": what_key(group[0].figure) or group[0].figure.what,
                "value": int(value) if float(value).is_integer() else value,
                "qualifier": qualifier,
                "unit": units.most_common(1)[0][0] if units else None,
                "mentions": [
                    {
                        "article": p.article.id,
                        "start": p.figure.start,
                        "end": p.figure.end,
                        "value": p.figure.value,
                        "qualifier": p.figure.qualifier,
                    }
                    for p in group
                ],
                "values": [{"value": v, "qualifier": q or None} for v, q in values],
                "outlets": outlets,
                "independent_sources": independent,
                "status": _status(independent, disputed),
                "conflict": disputed,
            }
        )
    out.sort(key=lambda f: (-f["independent_sources"], str(f["what"])))
    return out
