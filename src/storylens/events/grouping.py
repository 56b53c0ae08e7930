"""Group articles into events: one online clusterer for batch and incremental runs.

Each article is placed in the event it most likely reports, or opens a new one. Whether
two articles report one event is the pair model's call (`pairs.py`: words, names, people,
places, years, sums, dates); an article's affinity to an event is the mean over some of
its members (average linkage), and it joins above one global threshold. The batch run
places articles in date order, refines each placement once, then settles: events that
report one happening merge, and their latest members are placed again. An incremental
run does the same for its new articles and settles only the events they touched; using
the same steps is what keeps the two within a point of each other.

Cost stays near-linear because candidates come from blocking, never from all pairs:
an inverted index maps each of an article's most weighted words and names to the most
recent events that carry them; the centroids of those few events shortlist the ones the
pair model scores. An article confidently dated (a publication day and a dated lead)
never joins an event whose confidently dated reports put it more than
`event_day_tolerance` days away, however alike their words. Dates read from undated texts
are too noisy for that (on ECB+ a hard rule split a third of the events), so there days
apart are one signal of the pair model. Publication days are not noisy, and reports of one
happening are published within days of each other: an article published more than
`event_window_days` from every report of an event is never compared with it. That is the
same bound the Spark engine's time windows rely on, so both engines see the same events.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..settings import Settings
from .features import EventFeatures
from .pairs import BIAS, WEIGHTS, PairView, dot, probability, signals

KEYS_PER_ARTICLE = 16  # blocking keys per article: its most weighted words and names
POSTINGS_CAP = 32  # events kept per key (most recent first): bounds the candidate set
LEAD = 400  # characters: a date this early in the text is the lead's date of the event
MAX_CANDIDATES = 24  # events whose centroid is compared, those sharing the most keys
SHORTLIST = 3  # events, most similar centroids first, scored member by member
MEMBERS_COMPARED = 10  # members of one event the pair model compares an article with
MERGE_SAMPLE = 4  # members of an event offered to another when merging events
SETTLE_ROUNDS = 2  # settle passes at most: a merge can leave members to move again
MERGE_ROUNDS = 3  # merge passes at most (each pass joins pairs of events)
REPLACED = 16  # members of an event placed again when it settles: its most recent
REWEIGH_GROWTH = 0.1  # share the corpus grows by before the term weights are recomputed

Vectors = tuple[dict[str, float], dict[str, float], dict[str, float]]  # words, names, lead


@dataclass(slots=True)
class _Sum:
    """A sum of unit vectors with its squared norm, both updated in O(size of one vector)."""

    vec: dict[str, float] = field(default_factory=dict)
    sq: float = 0.0

    def add(self, v: dict[str, float], sign: float) -> None:
        if not v:
            return
        self.sq = max(0.0, self.sq + sign * 2 * dot(v, self.vec) + 1.0)
        vec = self.vec
        for t, x in v.items():
            y = vec.get(t, 0.0) + sign * x
            if abs(y) < 1e-9:
                vec.pop(t, None)
            else:
                vec[t] = y

    def cosine(self, unit: dict[str, float]) -> float:
        return dot(unit, self.vec) / math.sqrt(self.sq) if self.sq > 0 and unit else 0.0


@dataclass(slots=True)
class EventState:
    """Running sums for one event: enough to compare a new article with it."""

    key: str
    members: list[str] = field(default_factory=list)
    sums: tuple[_Sum, _Sum, _Sum] = field(default_factory=lambda: (_Sum(), _Sum(), _Sum()))
    sure_days: Counter[int] = field(default_factory=Counter)  # of confidently dated members
    filed: Counter[int] = field(default_factory=Counter)  # publication days of members
    late: list[str] = field(default_factory=list)  # late copies (see `Clusterer.late_copy`)
    # the median of `sure_days`, computed when first read after a change
    _median: int | None = field(default=None, init=False, repr=False, compare=False)
    _median_stale: bool = field(default=True, init=False, repr=False, compare=False)

    def everyone(self) -> list[str]:
        """Every article of the event: its reports, then its late copies."""
        return self.members + self.late

    def count_sure(self, day: int, sign: int) -> None:
        """Add (+1) or take (-1) the day of a confidently dated member."""
        left = self.sure_days[day] + sign
        if left > 0:
            self.sure_days[day] = left
        else:
            del self.sure_days[day]
        self._median_stale = True

    def sure_day(self) -> int | None:
        """The median day of the confidently dated members (None: none are).

        Read for every candidate of every placement, so it is kept rather than recomputed:
        a large event's days would otherwise be sorted thousands of times per batch.
        """
        if self._median_stale:
            self._median = _median(self.sure_days) if self.sure_days else None
            self._median_stale = False
        return self._median


class Clusterer:
    """In-memory event state with document frequencies; place articles one at a time."""

    def __init__(
        self,
        settings: Settings | None = None,
        weights: tuple[tuple[float, ...], float] = (WEIGHTS, BIAS),
    ) -> None:
        s = settings or Settings()
        self.weights, self.bias = weights
        self.threshold = s.event_threshold
        self.tolerance = s.event_day_tolerance
        self.window = s.event_window_days
        self.name_weight = s.event_name_weight
        self.n_docs = 0
        self.df: Counter[str] = Counter()
        self.weighed: tuple[int, dict[str, int]] = (0, {})  # (n_docs, df) the weights use
        self.events: dict[str, EventState] = {}
        self.member_of: dict[str, str] = {}
        self.features: dict[str, EventFeatures] = {}
        self.copies: dict[str, list[str]] = {}  # original article -> its near-copies
        self.postings: dict[str, dict[str, None]] = defaultdict(dict)  # ordered sets
        self._idf: dict[str, float] = {}
        self._vecs: dict[str, Vectors] = {}
        self._keys: dict[str, list[str]] = {}
        self._views: dict[str, PairView] = {}

    # -- statistics --------------------------------------------------------------
    def count(self, feats: Iterable[EventFeatures]) -> None:
        """Add articles to the document frequencies (before they are placed).

        The weights follow once the corpus has grown by REWEIGH_GROWTH since they were
        last computed (`reweigh_due`): rebuilding every event's sums is O(corpus), so
        doing it each batch would make a long incremental run quadratic, while this
        schedule costs O(corpus) in all.
        """
        for f in feats:
            self.n_docs += 1
            self.df.update(counted(f))
        if reweigh_due(self.weighed[0], self.n_docs):
            self.reweigh()

    def reweigh(self) -> None:
        """Weights from the current counts; every event's sums rebuilt with them."""
        self.weighed = (self.n_docs, dict(self.df))
        self._idf.clear()
        self._vecs.clear()
        self._keys.clear()
        self._views.clear()
        for ev in self.events.values():
            ev.sums = (_Sum(), _Sum(), _Sum())
            for aid in ev.members:
                for total, part in zip(ev.sums, self.vectors(self.features[aid]), strict=True):
                    total.add(part, 1.0)

    def idf(self, term: str) -> float:
        value = self._idf.get(term)
        if value is None:
            n, df = self.weighed
            value = math.log((n + 1) / (df.get(term, 0) + 1)) + 1.0
            self._idf[term] = value
        return value

    def vectors(self, f: EventFeatures) -> Vectors:
        """The article's tf-idf unit vectors of words, names and lead names (cached)."""
        cached = self._vecs.get(f.article)
        if cached is None:
            cached = (
                _normalise({t: w * self.idf(t) for t, w in f.terms.items()}),
                _normalise({t: w * self.idf("n:" + t) for t, w in f.names.items()}),
                _normalise({t: w * self.idf("n:" + t) for t, w in f.lead.items()}),
            )
            self._vecs[f.article] = cached
        return cached

    def keys(self, f: EventFeatures) -> list[str]:
        """Blocking keys: the article's most weighted words and names (cached)."""
        cached = self._keys.get(f.article)
        if cached is None:
            scored = [(w * self.idf(t), t) for t, w in f.terms.items()]
            scored += [(w * self.idf("n:" + t), "n:" + t) for t, w in f.names.items()]
            scored.sort(reverse=True)
            cached = self._keys[f.article] = [t for _, t in scored[:KEYS_PER_ARTICLE]]
        return cached

    # -- similarity ----------------------------------------------------------------
    def view(self, f: EventFeatures) -> PairView:
        """What the pair model reads of the article (cached until the weights change)."""
        cached = self._views.get(f.article)
        if cached is None:
            caps = _normalise({t: w * self.idf("c:" + t) for t, w in f.caps.items()})
            cached = PairView.of(f, (*self.vectors(f), caps), self.idf)
            self._views[f.article] = cached
        return cached

    def date_factor(self, f: EventFeatures, ev: EventState) -> float:
        """0 when the dates say different events, else 1.

        Dates read from a text are noisy (a weekday resolved against a guessed anchor, a
        birth date in the lead), so days apart only forbid a merge when both sides are
        confidently dated: a publication date and a dated lead. Otherwise they are one
        signal among others in the pair model.
        """
        median = ev.sure_day() if f.day is not None and _sure(f) else None
        if median is not None and f.day is not None and abs(f.day - median) > self.tolerance:
            return 0.0  # e.g. a strike that began on the 19th and ended on the 23rd
        return 1.0

    def similarity(self, vecs: Vectors, ev: EventState) -> float:
        """Words and names (who, where; the lead's names most) against the event centroid."""
        st, sn, sl = ev.sums
        ft, fn, fl = vecs
        sim = st.cosine(ft)
        if fn and sn.sq > 0:
            names = sn.cosine(fn)
            if fl and sl.sq > 0:
                names = (names + sl.cosine(fl)) / 2
            sim = (1 - self.name_weight) * sim + self.name_weight * names
        return sim

    def affinity(self, f: EventFeatures, ev: EventState) -> float:
        """Mean probability that the article and an event member report the same event.

        Average linkage over (at most MEMBERS_COMPARED, evenly spread) members: a centroid
        blurs exactly the specifics — a name, a year, a sum — that tell look-alikes apart.
        """
        members = ev.members
        step = max(1, math.ceil(len(members) / MEMBERS_COMPARED))
        mine = self.view(f)
        probs = [
            probability(signals(mine, self.view(self.features[m])), self.weights, self.bias)
            for m in members[::step]
        ]
        return sum(probs) / len(probs) if probs else 0.0

    def candidates(self, f: EventFeatures) -> list[str]:
        """Events sharing the most blocking keys with the article (at most MAX_CANDIDATES).

        Events none of whose reports were published within the window of the article's
        publication day are never candidates.
        """
        shared: Counter[str] = Counter()
        year = _year(f)
        suffixes = [""] if year is None else ["", f"@{year - 1}", f"@{year}", f"@{year + 1}"]
        filed = published_day(f)
        if filed is not None:
            b = filed // self.window
            suffixes += [f"#{b - 1}", f"#{b}", f"#{b + 1}"]
        for k in self.keys(f):
            for suffix in suffixes:
                posting = self.postings.get(k + suffix)
                if posting:
                    shared.update(posting.keys())
        if filed is None:
            return [key for key, _ in shared.most_common(MAX_CANDIDATES)]

        def far(key: str) -> bool:  # outside the window, or an event no longer there
            ev = self.events.get(key)
            return ev is None or _gap((filed, filed), ev.filed) > self.window

        out: list[str] = []
        top = 2 * MAX_CANDIDATES
        ranked = shared.most_common(top)
        # rank them all only when too many of the first are outside the window
        if len(shared) > top and top - sum(far(k) for k, _ in ranked) < MAX_CANDIDATES:
            ranked = shared.most_common()
        for key, _ in ranked:
            if far(key):
                continue
            out.append(key)
            if len(out) == MAX_CANDIDATES:
                break
        return out

    # -- placement -----------------------------------------------------------------
    def best(self, f: EventFeatures, exclude: str | None = None) -> tuple[str | None, float]:
        """The event the article most likely reports, with that likelihood.

        Candidates come from blocking; the centroid similarity (cheap) shortlists them and
        the pair model (per member) decides.
        """
        vecs = self.vectors(f)
        shortlist: list[tuple[float, str]] = []
        for key in self.candidates(f):  # all within the publication window
            ev = self.events.get(key)
            if ev is None or key == exclude or not ev.members:
                continue
            if self.date_factor(f, ev) <= 0.0:
                continue
            shortlist.append((self.similarity(vecs, ev), key))
        shortlist.sort(reverse=True)
        best_key, best_p = None, 0.0
        for _, key in shortlist[:SHORTLIST]:
            p = self.affinity(f, self.events[key])
            if p > best_p:
                best_key, best_p = key, p
        return best_key, best_p

    def place(self, f: EventFeatures) -> str:
        """Put one article into the best matching event, or open a new one; return its key."""
        if self.follows(f):
            key = self.member_of[str(f.duplicate_of)]
        else:
            found, sim = self.best(f)
            key = found if found is not None and sim >= self.threshold else self._new_key(f.article)
        self.join(key, f)
        return key

    def refine(self, ids: Iterable[str]) -> set[str]:
        """Move each article to the event that fits it best now; return the events changed."""
        changed: set[str] = set()
        for aid in list(ids):
            f = self.features[aid]
            if self.follows(f):
                continue  # a near-copy follows its original
            current = self.member_of[aid]
            self.leave(current, f)
            found, sim = self.best(f)
            if found is not None and sim >= self.threshold:
                target = found
            else:
                target = current if current in self.events else self._new_key(aid)
            self.join(target, f)
            if target != current:
                changed |= {current, target}
                for copy in self.copies.get(aid, []):
                    cf = self.features[copy]
                    self.leave(self.member_of[copy], cf)
                    self.join(target, cf)
        return changed

    def place_batch(self, new: Sequence[EventFeatures]) -> set[str]:
        """Place one batch of new articles; return the events it touched.

        Every engine places a batch this way (the incremental index, each Spark window,
        the undated articles after them), so they cannot drift apart: each article is
        placed in date order, offered every event once more now that it has seen the rest
        of its batch, and then the touched events settle (merge, re-place their members).
        """
        ordered = order(new)
        touched = {self.place(f) for f in ordered}
        touched |= self.refine(f.article for f in ordered)
        for _ in range(SETTLE_ROUNDS):
            changed = self.settle(touched)
            if not changed:
                break
            touched |= changed
        return touched

    def merge(self, keys: Iterable[str]) -> set[str]:
        """Join events that report one happening (average linkage); return the events changed.

        Placing articles one at a time can open two events for one happening when its
        first reports differ most (the early ones vague, the later ones specific); moving
        single articles never joins two such halves. Each event is offered, as a whole,
        to the candidate events of its members.
        """
        changed: set[str] = set()
        for key in sorted(keys):
            ev = self.events.get(key)
            if ev is None or not ev.members:
                continue
            sample = ev.members[:: max(1, math.ceil(len(ev.members) / MERGE_SAMPLE))]
            shared: Counter[str] = Counter()
            for aid in sample:
                shared.update(k for k in self.candidates(self.features[aid]) if k != key)
            best_key, best_p = None, self.threshold
            for other_key, _ in shared.most_common(SHORTLIST):
                other = self.events.get(other_key)
                if other is None or not other.members or _days_apart(ev, other, self.tolerance):
                    continue
                if ev.filed and _gap((min(ev.filed), max(ev.filed)), other.filed) > self.window:
                    continue
                p = sum(self.affinity(self.features[a], other) for a in sample) / len(sample)
                if p >= best_p:
                    best_key, best_p = other_key, p
            if best_key is None:
                continue
            target, source = (best_key, key)
            if len(self.events[best_key].members) < len(ev.members):
                target, source = key, best_key
            for aid in self.events[source].everyone():
                f = self.features[aid]
                self.leave(source, f)
                self.join(target, f)
            changed |= {source, target}
        return changed

    def settle(self, keys: Iterable[str]) -> set[str]:
        """Merge passes over these events, then their most recent members placed again.

        The batch run settles every event; an incremental run only those its new articles
        touched (and those they merge with), which keeps its cost local. Only the last
        REPLACED members of each are placed again: the latest arrivals, and after a merge
        the members taken in (at most REPLACED of them, when many came in), are the ones
        a change can move. Re-placing every member made each batch cost the size of the
        events it touched, so a long run whose events grow (an archive re-running stories
        for years) slowed down as it went.
        """
        keys = set(keys)
        changed: set[str] = set()
        pending = set(keys)
        for _ in range(MERGE_ROUNDS):
            merged = self.merge(k for k in pending if k in self.events)
            if not merged:
                break
            changed |= merged
            pending = {k for k in merged if k in self.events}
        members = [
            a
            for k in sorted(keys | changed)
            if k in self.events
            for a in self.events[k].members[-REPLACED:]
        ]
        originals = [a for a in members if not self.follows(self.features[a])]
        return changed | self.refine(sorted(originals, key=_order_key(self.features)))

    def follows(self, f: EventFeatures) -> bool:
        """Whether a near-copy goes where its original went (the original is placed)."""
        return f.duplicate_of is not None and f.duplicate_of in self.member_of

    def late_copy(self, f: EventFeatures) -> bool:
        """A copy that follows an original published more than the window before it.

        A text re-run months later (an archive page, a content farm) still reports its
        original's happening, so it joins that event; but it is only listed there: it
        does not stretch the event's publication days, move its centroid or dates, nor is
        it indexed for blocking, so it draws no later article into an event of long ago.
        Only near-copies (the same days) weigh as reports do.
        """
        if not self.follows(f):
            return False
        return not copy_near(f, self.features[str(f.duplicate_of)], self.window)

    def _new_key(self, article: str) -> str:
        key, n = "ev-" + article, 1
        while key in self.events:
            n += 1
            key = f"ev-{article}-{n}"
        return key

    def join(self, key: str, f: EventFeatures) -> None:
        ev = self.events.get(key)
        if ev is None:
            ev = self.events[key] = EventState(key)
        self.features[f.article] = f
        if self.follows(f) and f.article not in self.copies.get(str(f.duplicate_of), []):
            self.copies.setdefault(str(f.duplicate_of), []).append(f.article)
        if self.late_copy(f):
            ev.late.append(f.article)
            self.member_of[f.article] = key
            return
        ev.members.append(f.article)
        for total, part in zip(ev.sums, self.vectors(f), strict=True):
            total.add(part, 1.0)
        if f.day is not None and _sure(f):
            ev.count_sure(f.day, 1)
        filed = published_day(f)
        if filed is not None:
            ev.filed[filed] += 1
        self.member_of[f.article] = key
        year, filed = _year(f), published_day(f)
        blocks = [""] if year is None else ["", f"@{year}"]
        if filed is not None:
            blocks.append(f"#{filed // self.window}")
        for k in self.keys(f):
            # every key plain (for articles of unknown year), by year and by publication
            # window, so an archive of many years still finds the events of the days
            # around the article among the recent ones
            for block in (k + suffix for suffix in blocks):
                posting = self.postings[block]
                posting.pop(key, None)
                posting[key] = None  # most recent last
                if len(posting) > POSTINGS_CAP:
                    del posting[next(iter(posting))]

    def leave(self, key: str, f: EventFeatures) -> None:
        """Take an article out of its event (used by the batch refinement pass)."""
        ev = self.events[key]
        if f.article in ev.late:
            ev.late.remove(f.article)
            del self.member_of[f.article]
            if not ev.members and not ev.late:
                del self.events[key]
            return
        ev.members.remove(f.article)
        for total, part in zip(ev.sums, self.vectors(f), strict=True):
            total.add(part, -1.0)
        if f.day is not None and _sure(f):
            ev.count_sure(f.day, -1)
        filed = published_day(f)
        if filed is not None:
            ev.filed[filed] -= 1
            if not ev.filed[filed]:
                del ev.filed[filed]
        del self.member_of[f.article]
        if not ev.members and not ev.late:
            del self.events[key]

    def groups(self) -> list[list[str]]:
        return [ev.everyone() for ev in self.events.values() if ev.members or ev.late]


def reweigh_due(weighed: int, n_docs: int) -> bool:
    """Whether a corpus of `n_docs`, last weighed at `weighed` articles, is weighed again."""
    return n_docs > weighed * (1 + REWEIGH_GROWTH)


def counted(f: EventFeatures) -> set[str]:
    """The document-frequency keys an article adds (and the clusterer reads for it)."""
    return (
        set(f.terms)
        | {"n:" + t for t in f.names}
        | {"c:" + t for t in f.caps}
        | {"#:" + t for t in f.numbers}
        | {"p:" + t for t in f.persons}
        | {"l:" + t for t in f.locations}
    )


def _year(f: EventFeatures) -> int | None:
    """The year an article's event is placed in, for blocking (event day, else publication)."""
    if f.day is not None:
        return date.fromordinal(f.day).year
    return f.anchor_year


def published_day(f: EventFeatures) -> int | None:
    """The article's publication day (ordinal), when it has a valid one."""
    if f.published and len(f.published) >= 10:
        try:
            return date.fromisoformat(f.published[:10]).toordinal()
        except ValueError:
            return None
    return None


def copy_near(copy: EventFeatures, original: EventFeatures, window: int) -> bool:
    """A near-copy published within `window` days of its original (or either undated)."""
    mine, theirs = published_day(copy), published_day(original)
    return mine is None or theirs is None or abs(mine - theirs) <= window


def _gap(span: tuple[int, int], days: Counter[int]) -> int:
    """Days between a span of publication days and an event's (0: overlapping or unknown)."""
    if not days:
        return 0
    return max(0, max(span[0], min(days)) - min(span[1], max(days)))


def _days_apart(a: EventState, b: EventState, tolerance: int) -> bool:
    """Both events confidently dated, on days too far apart to be one happening."""
    da, db = a.sure_day(), b.sure_day()
    return da is not None and db is not None and abs(da - db) > tolerance


def _sure(f: EventFeatures) -> bool:
    """A confident event day: the article is published on a known day and its lead dates it."""
    ev = f.date_evidence
    return f.day is not None and f.published is not None and ev is not None and ev["start"] < LEAD


def _median(counts: Counter[int]) -> int:
    """The middle value of a multiset of days (the upper one of an even count)."""
    middle = sum(counts.values()) // 2
    seen = 0
    for day in sorted(counts):
        seen += counts[day]
        if seen > middle:
            return day
    raise ValueError("no days")


def _normalise(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def order(feats: Sequence[EventFeatures]) -> list[EventFeatures]:
    """Batch order: dated articles by day, then the undated; ties by id (deterministic)."""
    return sorted(feats, key=lambda f: (f.day is None, f.day or 0, f.article))


def _order_key(by_id: dict[str, EventFeatures]) -> Callable[[str], tuple[bool, int, str]]:
    def key(aid: str) -> tuple[bool, int, str]:
        f = by_id[aid]
        return (f.day is None, f.day or 0, f.article)

    return key


def cluster(
    feats: Sequence[EventFeatures],
    settings: Settings | None = None,
    weights: tuple[tuple[float, ...], float] = (WEIGHTS, BIAS),
) -> list[list[str]]:
    """Batch clustering: article ids grouped by the event they report.

    Articles are placed in date order, then each is offered once more every event (one
    k-means-like pass): an early article placed before its event's other reports were seen
    gets a second chance, which is worth about a B-cubed point on ECB+.
    """
    c = Clusterer(settings, weights)
    c.count(feats)
    ordered = order(feats)
    for f in ordered:
        if f.duplicate_of is None:
            c.place(f)
    c.refine(f.article for f in ordered if f.duplicate_of is None)
    for _ in range(SETTLE_ROUNDS):
        if not c.settle(list(c.events)):
            break
    for f in ordered:  # near-copies go where their original went
        if f.duplicate_of is not None:
            c.place(f)
    return c.groups()
