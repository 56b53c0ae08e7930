"""`storylens analyze --engine spark`: the same analysis, with the heavy stages on Spark.

The run, in order (each numbered step's output is checkpointed, so a killed run resumes):

1. The driver reads the inputs and drops the ones the store already has, in the batches
   of the single-process engine (`settings.batch_size`): the batches decide what each
   cross-article step has seen, so keeping them keeps the results the same.
2. clean.v1 in parallel partitions.
3. The cross-article cleaning (furniture a site repeats, near-duplicates) on the driver,
   batch by batch, with the single-process engine's own `RepeatedLines` and
   `NearDuplicates` (one index for the whole run: spark/dedupe.py) and their state in
   the store. Both are sequential by definition
   (a line is furniture once three earlier articles had it; the original of a copy is
   the earliest one), both are hashing and lookups over text already cleaned, and they
   cost about 1% of the model stage on this machine (see bench/scale.py), so a driver
   pass that gives exactly the single-process result is worth more than a distributed
   approximation. It runs in one store transaction that also records the run, so a
   kill leaves either all of it or none.
4. nlp.v1 and each article's event features in parallel partitions (spaCy is loaded
   once per Python worker).
5. The event stage by time window (spark/windows.py), one task per window, then one
   reconciliation pass across window boundaries on the driver. When the store already
   holds events (a later run over new inputs), new articles are placed into the stored
   events by the incremental index instead, as the single-process engine places them.
6. Articles, events and memberships are written in one transaction.
7. Each changed event is described and compared, in parallel partitions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any, BinaryIO

from ..analyze import Analyzer, RunReport, _batches, fresh_inputs
from ..events import EventFeatures
from ..records import Article, Rejected
from ..settings import Settings
from ..store import Store
from .checkpoint import Checkpoint, run_id
from .dedupe import RunDuplicates
from .session import StageProgress, run_stage, session
from .windows import Item, WindowJob, attach_late, cut, place_undated, reconcile

PREPARED_STATE = "spark_prepared"  # the run whose driver pass (step 3) is committed


@dataclass(slots=True, kw_only=True)
class SparkOptions:
    master: str | None = None  # None: what spark-submit says, else local[*]
    checkpoint: str | None = None  # None: next to the database (default_checkpoint)
    partition_size: int = 128  # articles per task
    window_days: int = 30  # days per event window (each also sees its margins)


def default_checkpoint(db: str) -> str:
    """Next to a database file; in the working directory for a database URL."""
    if "://" in db:
        return str(Path.cwd() / ".storylens-checkpoint")
    return f"{db}.checkpoint"


Fresh = tuple[int, str, Article]  # (batch, input key, article)


def analyze_spark(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    options: SparkOptions,
    *,
    stdin: BinaryIO | None = None,
    on_skip: Callable[[Rejected], None] | None = None,
    progress: StageProgress | None = None,
) -> RunReport:
    """Read `paths` into `store`, as `storylens.analyze.analyze` does, on Spark."""
    from ..ingest import read_paths

    report = RunReport()
    skip = report.skipper(on_skip)
    root = options.checkpoint or default_checkpoint(store.source)
    spark = session(options.master)
    analyzer = Analyzer(store, settings)
    compare = _Comparer(spark, root, settings, options.partition_size, progress)
    compare.finish(analyzer)  # events a killed run left to compare
    fresh = _read(read_paths(paths, settings, stdin=stdin), store, settings, report, skip)
    if fresh:
        run = run_id(
            [
                *(key for _, key, _ in fresh),
                repr(dataclasses.replace(settings, quiet=False, workers=1)),
                f"{options.partition_size}/{options.window_days}",
            ]
        )
        ckpt = Checkpoint(root, run)
        ckpt.log("started", "run", len(fresh))
        pairs = [(key, art) for _, key, art in fresh]
        cleaned = _flat(
            run_stage(
                spark, ckpt, "clean", _chunks(pairs, options.partition_size), settings, progress
            )
        )
        prepared = _prepare(analyzer, ckpt, fresh, cleaned, skip)
        if progress:
            progress("prepare", 1, 1)
        modelled = _flat(
            run_stage(
                spark,
                ckpt,
                "nlp",
                _chunks([(k, a) for _, k, a in prepared], options.partition_size),
                settings,
                progress,
            )
        )
        done: list[tuple[int, str, Article, dict[str, Any]]] = []
        for (batch, _, _), (key, result, feats) in zip(prepared, modelled, strict=True):
            if isinstance(result, Rejected):
                skip(result)
            else:
                assert feats is not None
                done.append((batch, key, result, feats))
        report.new += _events_and_store(spark, ckpt, analyzer, done, settings, options, progress)
        ckpt.log("finished", "run", len(done))
        ckpt.remove()
    report.events_touched = compare.finish(analyzer)
    return report


def _read(
    items: Iterable[Article | Rejected],
    store: Store,
    settings: Settings,
    report: RunReport,
    skip: Callable[[Rejected], None],
) -> list[Fresh]:
    """New articles with their batch number; inputs already stored (or read twice) are known."""
    fresh: list[Fresh] = []
    seen: set[str] = set()
    for batch_no, batch in enumerate(_batches(items, settings.batch_size)):
        fresh.extend(
            (batch_no, key, art) for key, art in fresh_inputs(batch, store, report, skip, seen)
        )
    return fresh


def _chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _flat(parts: Iterable[list[Any]]) -> list[Any]:
    return [x for part in parts for x in part]


def _prepare(
    analyzer: Analyzer,
    ckpt: Checkpoint,
    fresh: list[Fresh],
    cleaned: list[tuple[str, Article | Rejected]],
    skip: Callable[[Rejected], None],
) -> list[Fresh]:
    """Step 3: furniture and near-duplicates, batch by batch, exactly as one process does."""
    for _, result in cleaned:
        if isinstance(result, Rejected):
            skip(result)
    store = analyzer.store
    if store.get_state(PREPARED_STATE) == ckpt.run and ckpt.done("prepare", 0):
        ckpt.log("reused", "prepare", 0)
        prepared: list[Fresh] = ckpt.read("prepare", 0)
        return prepared
    prepared = []
    duplicates = RunDuplicates(
        store, analyzer.settings, [a for _, a in cleaned if isinstance(a, Article)]
    )
    with store.atomic():
        rows = zip(fresh, cleaned, strict=True)
        for batch_no, group in groupby(rows, key=lambda row: row[0][0]):
            arts = [(key, r) for (_, key, _), (_, r) in group if isinstance(r, Article)]
            if not arts:
                continue
            analyzer.repeats.remove([a for _, a in arts])
            duplicates.mark([a for _, a in arts])
            prepared.extend((batch_no, key, a) for key, a in arts)
        # the file first, then the mark, both before the commit: a mark always has its file
        ckpt.write("prepare", 0, prepared)
        store.set_state(PREPARED_STATE, ckpt.run)
    return prepared


def _events_and_store(
    spark: Any,
    ckpt: Checkpoint,
    analyzer: Analyzer,
    done: list[tuple[int, str, Article, dict[str, Any]]],
    settings: Settings,
    options: SparkOptions,
    progress: StageProgress | None,
) -> int:
    """Steps 5 and 6: events by window (or into stored events), then one transaction."""
    store, index = analyzer.store, analyzer.events
    batches = [
        (b, [(key, art) for _, key, art, _ in rows])
        for b, rows in groupby(done, key=lambda row: row[0])
    ]
    new = 0
    if index.clusterer.events:  # a store with events: place into them, incrementally
        with store.atomic():
            for _, pairs in batches:
                new += store.put_articles(pairs)
                index.add([a for _, a in pairs])
                analyzer.mark_dirty(index.changed)
            store.set_state(PREPARED_STATE, "")
        return new
    items: list[Item] = []
    feats: dict[str, EventFeatures] = {}
    for batch, _, art, data in done:
        if art.id not in feats:  # the same text read twice is one article
            feats[art.id] = EventFeatures.from_dict(data)
            items.append(Item(batch, feats[art.id]))
    windows = cut(items, options.window_days, settings.event_window_days)
    ckpt.log("planned", "windows", len(windows.jobs))
    # windows are small and many: several per task, about 4 partitions' worth of articles
    parts: list[list[WindowJob]] = [[]] if windows.jobs else []
    weight = 0
    for job in windows.jobs:
        if parts[-1] and weight + len(job.items) > 4 * options.partition_size:
            parts.append([])
            weight = 0
        parts[-1].append(job)
        weight += len(job.items)
    results = _flat(run_stage(spark, ckpt, "events", parts, settings, progress))
    groups = place_undated(reconcile(windows, results), feats, windows.undated, settings)
    groups = attach_late(groups, windows.late)
    # members in the order the single-process engine places them (by batch, then date
    # order within the batch), so each event is named after the same founding article
    arrival = {
        it.feats.article: (it.batch, it.feats.day is None, it.feats.day or 0, it.feats.article)
        for it in items
    }
    ordered = sorted(
        (sorted(g, key=arrival.__getitem__) for g in groups if g),
        key=lambda g: arrival[g[0]],
    )
    with store.atomic():
        for _, pairs in batches:
            new += store.put_articles(pairs)
        index.adopt([[feats[a] for a in g] for g in ordered])
        analyzer.mark_dirty(index.changed)
        store.set_state(PREPARED_STATE, "")
    return new


class _Comparer:
    """Step 7: the comparison of changed events, in partitions of about `size` articles."""

    def __init__(
        self,
        spark: Any,
        root: str,
        settings: Settings,
        size: int,
        progress: StageProgress | None,
    ) -> None:
        self.spark, self.root, self.settings = spark, root, settings
        self.size, self.progress = size, progress
        self._used: list[Checkpoint] = []

    def __call__(self, jobs: list[tuple[dict[str, Any], list[Article]]]) -> list[dict[str, Any]]:
        if not jobs:
            return []
        ckpt = Checkpoint(self.root, run_id(["compare", *sorted(ev["id"] for ev, _ in jobs)]))
        self._used.append(ckpt)
        parts: list[list[tuple[dict[str, Any], list[Article]]]] = [[]]
        weight = 0
        for job in jobs:
            if parts[-1] and weight + len(job[1]) > self.size:
                parts.append([])
                weight = 0
            parts[-1].append(job)
            weight += len(job[1])
        return _flat(run_stage(self.spark, ckpt, "compare", parts, self.settings, self.progress))

    def finish(self, analyzer: Analyzer) -> int:
        touched = analyzer.finish_events(self)
        for ckpt in self._used:
            ckpt.remove()
        self._used.clear()
        return touched
