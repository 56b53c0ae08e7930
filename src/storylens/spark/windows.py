"""The event stage by time window: independent windows, then one reconciliation pass.

Reports of one event are published within days of each other, so articles far apart in
time never meet in one event, and the corpus can be cut into windows of
`window_days` that are clustered independently (one Spark task each). Every window also
holds a margin of `margin_days` on each side: an article near a boundary is clustered
with the articles on both sides of it, by both windows.

Inside a window the placement replays what the single-process engine does, with the same
`Clusterer`: the articles arrive in the same batches, each batch sees the document
frequencies the whole run had counted by then (counts over every window, handed to the
task for the window's own terms only), and is placed by `Clusterer.place_batch`. So a
window gives the events the single-process engine gives, except where an article would
have been drawn to an event outside its window, which dates forbid or make very costly.

The windows are safe because the clusterer itself never compares an article with an
event none of whose reports were published within `event_window_days` of it: that is
each window's margin, so a window holds every report its core's articles could meet.

Reconciliation: each article belongs to one window (the one whose core holds it), and
its event there is taken. Two events of neighbouring windows are one event when both
windows agree on it: window A put a margin article of B's with some of A's own, and
window B put one of those with its own article too. Articles without a publication date
are placed last, on the driver, against all events, as the single-process engine would
place them among events of any time.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..events import EventFeatures
from ..events.grouping import Clusterer, copy_near, counted, published_day, reweigh_due
from ..settings import Settings

Increments = dict[str, tuple[list[int], list[int]]]  # term -> (batches, running totals)


@dataclass(slots=True)
class Item:
    """One article for the event stage: its batch in the run, and its event features."""

    batch: int
    feats: EventFeatures


@dataclass(slots=True)
class WindowJob:
    """Everything one window's task needs; small enough to ship to an executor."""

    items: list[Item]
    docs: tuple[list[int], list[int]]  # (batches, articles counted up to and with each)
    increments: Increments = field(default_factory=dict)


def looked_up(f: EventFeatures) -> set[str]:
    """The document-frequency keys the clusterer reads for an article."""
    return counted(f) | {"n:" + t for t in f.lead}


def when(f: EventFeatures) -> int | None:
    """The day an article is filed under: its publication day (the clusterer's own bound).

    A day read from the text is not used: the clusterer does not bound those articles in
    time, so neither may the windows.
    """
    return published_day(f)


class RunCounts:
    """Document frequencies as the single-process engine had counted them after each batch."""

    def __init__(self, items: Sequence[Item]) -> None:
        per_batch: dict[int, Counter[str]] = defaultdict(Counter)
        docs: Counter[int] = Counter()
        for it in items:
            per_batch[it.batch].update(counted(it.feats))
            docs[it.batch] += 1
        self.batches = sorted(docs)
        self.docs_total = _running([docs[b] for b in self.batches])
        series: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for b in self.batches:
            for term, n in per_batch[b].items():
                bs, totals = series[term]
                bs.append(b)
                totals.append((totals[-1] if totals else 0) + n)
        self.series = dict(series)

    def job(self, items: list[Item]) -> WindowJob:
        last = max(it.batch for it in items)
        terms: set[str] = set()
        for it in items:
            terms |= looked_up(it.feats)
        inc: Increments = {}
        for t in terms:
            found = self.series.get(t)
            if found:
                cut = bisect.bisect_right(found[0], last)
                inc[t] = (found[0][:cut], found[1][:cut])
        cut = bisect.bisect_right(self.batches, last)
        return WindowJob(items, (self.batches[:cut], self.docs_total[:cut]), inc)


def _running(values: Iterable[int]) -> list[int]:
    out, total = [], 0
    for v in values:
        total += v
        out.append(total)
    return out


def _upto(series: tuple[list[int], list[int]], batch: int) -> int:
    i = bisect.bisect_right(series[0], batch)
    return series[1][i - 1] if i else 0


def cluster_window(job: WindowJob, settings: Settings) -> list[list[str]]:
    """Events of one window (article ids), placed batch by batch as the single process does.

    Before each batch the weights are those the single process had then: recomputed at
    the same batches of the run (`reweigh_due` over the whole run's counts), from the
    counts the whole run had at that batch.
    """
    c = Clusterer(settings)
    by_batch: dict[int, list[EventFeatures]] = defaultdict(list)
    for it in job.items:
        by_batch[it.batch].append(it.feats)
    reweighed_at: list[int] = []  # the run's batches after which the weights were recomputed
    weighed = 0
    for b, total in zip(*job.docs, strict=True):
        if reweigh_due(weighed, total):
            reweighed_at.append(b)
            weighed = total
    current = None
    for b in sorted(by_batch):
        last = reweighed_at[bisect.bisect_right(reweighed_at, b) - 1]
        if last != current:
            current = last
            c.n_docs = _upto(job.docs, last)
            c.df = Counter({t: _upto(s, last) for t, s in job.increments.items()})
            c.reweigh()
        c.place_batch([f for f in by_batch[b] if f.article not in c.features])
    return c.groups()


@dataclass(slots=True)
class Windows:
    """A cut of the run into windows: which articles each window clusters, and owns."""

    jobs: list[WindowJob]
    home: dict[str, int]  # article -> the window whose core holds it
    undated: list[Item]
    late: list[Item] = field(default_factory=list)  # late copies: they follow their original


def cut(items: Sequence[Item], window_days: int, margin_days: int) -> Windows:
    """Windows of `window_days` (cores) with `margin_days` on each side."""
    counts = RunCounts(items)
    by_id = {it.feats.article: it.feats for it in items}
    late = [it for it in items if _late_copy(it.feats, by_id, margin_days)]
    skip = {it.feats.article for it in late}
    items = [it for it in items if it.feats.article not in skip]
    dated = [(d, it) for it in items if (d := when(it.feats)) is not None]
    undated = [it for it in items if when(it.feats) is None]
    if not dated:
        return Windows([], {}, undated, late)
    start = min(d for d, _ in dated)
    cores: dict[int, list[tuple[int, Item]]] = defaultdict(list)
    for d, it in dated:
        cores[(d - start) // window_days].append((d, it))
    by_day = sorted(dated, key=lambda x: x[0])
    days = [d for d, _ in by_day]
    jobs: list[WindowJob] = []
    home: dict[str, int] = {}
    for w in sorted(cores):
        lo = start + w * window_days - margin_days
        hi = start + (w + 1) * window_days + margin_days
        members = [
            it for _, it in by_day[bisect.bisect_left(days, lo) : bisect.bisect_left(days, hi)]
        ]
        members.sort(key=lambda it: it.batch)  # arrival order, as the single process sees them
        for _, it in cores[w]:
            home[it.feats.article] = len(jobs)
        jobs.append(counts.job(members))
    return Windows(jobs, home, undated, late)


def _late_copy(f: EventFeatures, by_id: dict[str, EventFeatures], window: int) -> bool:
    """A copy of an article of the run published more than `window` days after it.

    The clusterer only lists such a copy in its original's event (`Clusterer.late_copy`),
    so it is left out of the windows and put there at the end (`attach_late`).
    """
    original = by_id.get(f.duplicate_of) if f.duplicate_of else None
    return original is not None and not copy_near(f, original, window)


def attach_late(groups: list[list[str]], late: Sequence[Item]) -> list[list[str]]:
    """Put each late copy in its original's event."""
    event_of = {a: i for i, g in enumerate(groups) for a in g}
    out = [list(g) for g in groups]
    for it in late:
        i = event_of.get(str(it.feats.duplicate_of))
        if i is None:  # not expected: the original is always placed
            out.append([it.feats.article])
        else:
            out[i].append(it.feats.article)
    return out


class _Union:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def reconcile(windows: Windows, results: Sequence[list[list[str]]]) -> list[list[str]]:
    """One list of events from the windows' own events, joined where both windows agree."""
    home = windows.home
    node_of: dict[tuple[int, str], tuple[int, int]] = {}  # (window, article) -> its event there
    for w, groups in enumerate(results):
        for g, members in enumerate(groups):
            for a in members:
                node_of[(w, a)] = (w, g)
    u = _Union()
    for w, groups in enumerate(results):
        for g, members in enumerate(groups):
            own = [a for a in members if home.get(a) == w]
            if own:
                u.find((w, g))
            for a in members:
                v = home.get(a)
                if v is None or v == w or not own:
                    continue
                there = node_of.get((v, a))
                if there is None:
                    continue
                # window v must also put one of window w's articles of this event with `a`
                if any(node_of.get((v, b)) == there for b in own):
                    u.union((w, g), there)
    events: dict[Any, list[str]] = defaultdict(list)
    for w, groups in enumerate(results):
        for g, members in enumerate(groups):
            for a in members:
                if home.get(a) == w:
                    events[u.find((w, g))].append(a)
    return list(events.values())


def place_undated(
    groups: list[list[str]],
    feats: dict[str, EventFeatures],
    undated: Sequence[Item],
    settings: Settings,
) -> list[list[str]]:
    """Place articles without a publication date among every event, batch by batch."""
    if not undated:
        return groups
    c = Clusterer(settings)
    c.count(feats[a] for g in groups for a in g)
    for g in groups:
        key = c._new_key(g[0])
        for a in g:
            c.join(key, feats[a])
    by_batch: dict[int, list[EventFeatures]] = defaultdict(list)
    for it in undated:
        by_batch[it.batch].append(it.feats)
    for b in sorted(by_batch):
        new = [f for f in by_batch[b] if f.article not in c.features]
        c.count(new)
        c.place_batch(new)
    return c.groups()
