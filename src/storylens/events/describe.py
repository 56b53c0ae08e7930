"""Build the storylens/v1 event objects from grouped event features.

Everything here reads stored features, never article text, so the event records of a
large database can be rebuilt after an incremental run without touching the corpus.
Only the event's own fields are filled (id, title, articles, outlets, date,
date_evidence, locations, related); actors, quotes, claims and the rest belong to the
comparison step.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..records import Article
from ..settings import Settings
from .features import EventFeatures

RELATED_KEYS = 10  # words and names per event used to find related events
FOLLOW_DAYS = 90  # a development with the same people within this span "follows"


def event_id(members: Sequence[EventFeatures]) -> str:
    """Stable id: named after the event's first article, so re-runs keep the same id."""
    return "ev-" + min(f.article for f in members)


def _date(members: Sequence[EventFeatures]) -> str | None:
    """The most reported date, day precision first; ties go to the earliest."""
    for precise in (True, False):
        counts = Counter(f.date for f in members if f.date and (len(f.date) == 10) == precise)
        if counts:
            top = max(counts.values())
            return min(d for d, n in counts.items() if n == top)
    return None


def _evidence(members: Sequence[EventFeatures], when: str | None) -> list[dict[str, Any]]:
    """Spans that date the event: each dated report's own, and an undated report's weekday
    when it is the event's weekday ("on Saturday" in a report of a Saturday meeting)."""
    out = [
        {"article": f.article, **f.date_evidence}
        for f in members
        if when and f.date == when and f.date_evidence is not None
    ]
    if when and len(when) == 10:
        weekday = date.fromisoformat(when).weekday()
        for f in members:
            if f.date is None:
                match = next((w for w in f.weekdays if w["weekday"] == weekday), None)
                if match is not None:
                    span = {k: match[k] for k in ("start", "end", "text")}
                    out.append({"article": f.article, **span})
    return out


def _centroid(members: Sequence[EventFeatures]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for f in members:
        for part, prefix in ((f.terms, ""), (f.names, "n:")):
            norm = math.sqrt(sum(v * v for v in part.values())) or 1.0
            for t, v in part.items():
                total[prefix + t] += v / norm
    return total


def _title(members: Sequence[EventFeatures], centroid: dict[str, float]) -> str:
    """The headline of the article closest to the event's centre: the most typical report."""

    def fit(f: EventFeatures) -> float:
        norm = math.sqrt(sum(v * v for v in f.terms.values())) or 1.0
        return sum(centroid.get(t, 0.0) * v / norm for t, v in f.terms.items())

    best = max(members, key=lambda f: (fit(f), f.article))
    return best.title


def describe(
    groups: Sequence[Sequence[EventFeatures]], settings: Settings | None = None
) -> list[dict[str, Any]]:
    """One storylens/v1 event object per group, with `related` links between the groups."""
    s = settings or Settings()
    groups = [g for g in groups if g]
    centroids = [_centroid(g) for g in groups]
    events: list[dict[str, Any]] = []
    for members, centroid in zip(groups, centroids, strict=True):
        when = _date(members)
        places: Counter[str] = Counter()
        for f in members:
            # an article's first place is where it puts the event; the rest are context
            places.update({p: 3 if i == 0 else 1 for i, p in enumerate(f.locations)})
        events.append(
            {
                "id": event_id(members),
                "title": _title(members, centroid),
                "articles": [f.article for f in members],
                "outlets": sorted({f.outlet for f in members if f.outlet}),
                "date": when,
                "date_evidence": _evidence(members, when),
                "locations": [p for p, _ in places.most_common(3)],
                "related": [],
            }
        )
    _link(groups, centroids, events, s.event_related_threshold)
    return events


def _link(
    groups: Sequence[Sequence[EventFeatures]],
    centroids: list[dict[str, float]],
    events: list[dict[str, Any]],
    threshold: float,
) -> None:
    """Link events of the same kind that share a place or key people.

    Same kind: the events' content words (not their names) are alike — "quake",
    "magnitude", "aftershocks" — with IDF over the events, so a region's name, which every
    story from there carries, does not make a fire look like an earthquake. Then:
    `follows`/`precedes` when key people are shared and the dates are within FOLLOW_DAYS
    (a strike's start and its end), else `look-alike` when they share a place or key people
    (the same two countries' talks two years apart).

    Candidate pairs share one of each event's most weighted words (an inverted index), so
    linking stays near-linear in the number of events.
    """
    words = [{t: v for t, v in c.items() if not t.startswith("n:")} for c in centroids]
    df: Counter[str] = Counter()
    for w in words:
        df.update(w.keys())
    n = len(words)
    units = []
    for c in words:
        w = {t: v * (math.log((n + 1) / (df[t] + 1)) + 1.0) for t, v in c.items()}
        norm = math.sqrt(sum(v * v for v in w.values())) or 1.0
        units.append({t: v / norm for t, v in w.items()})
    postings: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        for t in sorted(u, key=lambda t: -u[t])[:RELATED_KEYS]:
            postings[t].append(i)
    pairs = {(a, b) for ids in postings.values() for a in ids for b in ids if a < b}
    people = [_key_people(g) for g in groups]
    places = [{p.lower() for f in g for p in f.locations[:1]} for g in groups]
    for a, b in sorted(pairs):
        sim = sum(v * units[b].get(t, 0.0) for t, v in units[a].items())
        if sim < threshold:
            continue
        da, db = events[a]["date"], events[b]["date"]
        shared = people[a] & people[b]
        if shared and da and db and da != db and _gap(da, db) <= FOLLOW_DAYS:
            relation_ab = "precedes" if da < db else "follows"
        elif shared or places[a] & places[b]:
            relation_ab = "look-alike"
        else:
            continue
        events[a]["related"].append({"event": events[b]["id"], "relation": relation_ab})
        inverse = {"precedes": "follows", "follows": "precedes"}.get(relation_ab, relation_ab)
        events[b]["related"].append({"event": events[a]["id"], "relation": inverse})


def _key_people(members: Sequence[EventFeatures]) -> set[str]:
    """The people most of an event's reports name among their first three."""
    counts = Counter(p for f in members for p in set(f.persons[:3]))
    return {p for p, k in counts.items() if 2 * k >= len(members)}


def _gap(a: str, b: str) -> int:
    def day(v: str) -> date:
        return date.fromisoformat((v + "-01-01")[:10] if len(v) < 10 else v[:10])

    try:
        return abs((day(a) - day(b)).days)
    except ValueError:
        return 10**6


def inherit_dates(articles: Sequence[Article], events: Sequence[dict[str, Any]]) -> None:
    """An undated article takes the date of its event (it reports the same happening)."""
    date_of = {a: ev["date"] for ev in events if ev.get("date") for a in ev["articles"]}
    for art in articles:
        if art.event_date is None and art.id in date_of:
            art.event_date = date_of[art.id]
