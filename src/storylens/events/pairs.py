"""How likely two articles report the same event: a small logistic model over pair signals.

Look-alike events share their topic words; what sets them apart is a handful of weak
signals that no single threshold combines well: other people, other places, other years,
other sums of money, a date days apart. A logistic regression weighs them. Its weights
were fitted once on ECB+ pairs (`bench/events.py --fit`, which also reports the score on
topics held out of the fit) and are fixed here: nothing is tuned per topic or per run.

Every signal is symmetric and reads only the stored `EventFeatures` plus document
frequencies, so a new article is scored against stored members without their text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .features import EventFeatures

Idf = Callable[[str], float]
Units = tuple[dict[str, float], ...]  # unit vectors: words, names, lead names, caps

FEATURES = (
    "words",  # cosine of content-word TF-IDF
    "names",  # cosine of name tokens (who, where)
    "lead",  # cosine of the lead's name tokens: the main actors
    "caps",  # cosine of capitalised words: names the tagger missed
    "persons",  # IDF-weighted overlap of the people named
    "no_shared_person",  # both name people, none in common
    "places",  # IDF-weighted overlap of the event places
    "latest_year_differs",  # the latest past years named differ
    "one_names_a_year",  # only one of the two names a year at all
    "years",  # overlap of every year the texts name
    "days_close",  # both dated, within three days
    "days_apart",  # both dated, more than three days apart
    "one_dated",  # only one of the two is dated
    "numbers",  # IDF-weighted overlap of the quantities named
)

# fitted by `bench/events.py --fit` on all 33 ECB+ topics (see that script for held-out scores)
WEIGHTS = (5.81, 3.69, 2.49, 3.31, 0.22, -0.64, 1.2, -1.29, -1.1, 2.74, 1.28, -0.91, -2.0, 5.44)
BIAS = -3.35
DAYS_CLOSE = 3


@dataclass(slots=True, frozen=True)
class PairView:
    """What the pair model reads of one article, weighted once (by the clusterer's IDF)."""

    units: Units
    persons: dict[str, float]  # person -> IDF
    places: dict[str, float]
    numbers: dict[str, float]
    years: frozenset[int]
    latest_year: int | None
    day: int | None

    @classmethod
    def of(cls, f: EventFeatures, units: Units, idf: Idf) -> PairView:
        return cls(
            units=units,
            persons={p: idf("p:" + p) for p in f.persons},
            places={p: idf("l:" + p) for p in f.locations},
            numbers={n: idf("#:" + n) for n in f.numbers},
            years=frozenset(f.years),
            latest_year=f.latest_year,
            day=f.day,
        )


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two sparse vectors (the smaller one is walked)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _overlap(a: dict[str, float], b: dict[str, float]) -> float:
    """IDF-weighted Jaccard: sharing a rare name counts more than sharing "Obama"."""
    if not a or not b:
        return 0.0
    inter = sum(w for x, w in a.items() if x in b)
    union = sum(a.values()) + sum(b.values()) - inter
    return inter / union if union > 0 else 0.0


def signals(a: PairView, b: PairView) -> list[float]:
    """The pair's values of `FEATURES`, in order."""
    ua, ub = a.units, b.units
    latest = (a.latest_year, b.latest_year)
    both_years = latest[0] is not None and latest[1] is not None
    gap = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    return [
        dot(ua[0], ub[0]),
        dot(ua[1], ub[1]),
        dot(ua[2], ub[2]),
        dot(ua[3], ub[3]),
        _overlap(a.persons, b.persons),
        float(bool(a.persons and b.persons and not a.persons.keys() & b.persons.keys())),
        _overlap(a.places, b.places),
        float(both_years and latest[0] != latest[1]),
        float((latest[0] is None) != (latest[1] is None)),
        len(a.years & b.years) / len(a.years | b.years) if a.years and b.years else 0.0,
        float(gap is not None and gap <= DAYS_CLOSE),
        float(gap is not None and gap > DAYS_CLOSE),
        float((a.day is None) != (b.day is None)),
        _overlap(a.numbers, b.numbers),
    ]


def probability(
    values: Sequence[float],
    weights: Sequence[float] = WEIGHTS,
    bias: float = BIAS,
) -> float:
    z = bias + sum(w * x for w, x in zip(weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-z))
