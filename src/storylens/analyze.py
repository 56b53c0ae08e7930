"""`analyze`: the whole pipeline over some inputs, into a store.

Work is done in batches, and each batch is stored in one transaction together with the
inputs it came from and its place in the events, so a run killed at any moment resumes
after its last whole batch, and re-reading an input that is already stored costs one
hash and one lookup. Cross-article work that only needs to be done once per run (event
descriptions and the comparison between outlets) runs at the end, for the events that
changed; the set of changed events is stored too, so a run killed before that point
finishes the job the next time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO

from .ingest import input_key
from .pipeline import Context, Pipeline
from .records import Article, Rejected
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from .describe import CompareAll

PER_ARTICLE_STAGES = ("clean.v1",)
MODEL_STAGES = ("nlp.v1",)

Progress = Callable[[int, int], None]  # (inputs read, articles stored) after each batch


@dataclass(slots=True)
class RunReport:
    read: int = 0  # articles the readers produced
    new: int = 0  # stored by this run
    known: int = 0  # already in the store (same input read before)
    skipped: list[Rejected] = field(default_factory=list)
    events_touched: int = 0

    def skipper(self, on_skip: Callable[[Rejected], None] | None) -> Callable[[Rejected], None]:
        """What a stage calls on an input it cannot use: counted here, shown by `on_skip`."""

        def skip(rej: Rejected) -> None:
            self.skipped.append(rej)
            if on_skip:
                on_skip(rej)

        return skip


_WORKER: Pipeline | None = None


def _model_pipeline(settings: Settings) -> Pipeline:
    from . import clean  # noqa: F401  (registers clean.v1, which the model stages follow)
    from .nlp import stage  # noqa: F401  (registers nlp.v1)

    return Pipeline(MODEL_STAGES, Context(settings=settings), after=PER_ARTICLE_STAGES)


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = _model_pipeline(settings)


def _model_worker(articles: list[Article]) -> list[Article | Rejected]:
    assert _WORKER is not None, "worker used before its initializer ran"
    return _WORKER.run_batch(list(articles))


def _batches(items: Iterable[Article | Rejected], size: int) -> Iterator[list[Article | Rejected]]:
    batch: list[Article | Rejected] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Analyzer:
    """Holds the per-process pieces of a run: pipelines, the store, the cross-article state."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        from . import clean  # noqa: F401  (registers clean.v1)
        from .clean.dedupe import NearDuplicates
        from .clean.repeats import RepeatedLines
        from .events import EventIndex
        from .nlp import stage  # noqa: F401  (registers nlp.v1)

        self.store = store
        self.settings = settings or Settings()
        self.context = Context(settings=self.settings)
        self.cleaner = Pipeline(PER_ARTICLE_STAGES, self.context)
        self.modeller = Pipeline(MODEL_STAGES, self.context, after=PER_ARTICLE_STAGES)
        self.repeats = RepeatedLines(store, self.settings)
        self.duplicates = NearDuplicates(store, self.settings)
        self.events = EventIndex(store, self.settings)

    def run(
        self,
        items: Iterable[Article | Rejected],
        *,
        on_skip: Callable[[Rejected], None] | None = None,
        progress: Progress | None = None,
    ) -> RunReport:
        report = RunReport()
        skip = report.skipper(on_skip)
        self.finish_events()  # a previous run killed before its last step
        prepared = self._prepare(items, report, skip)
        for batch, results in self._model(prepared):
            modelled: list[tuple[str, Article]] = []
            for (key, _), result in zip(batch, results, strict=True):
                if isinstance(result, Rejected):
                    skip(result)
                else:
                    modelled.append((key, result))
            if modelled:
                report.new += self._store(modelled)
            if progress:
                progress(report.read + len(report.skipped), report.new)
        if progress:
            progress(report.read + len(report.skipped), report.new)
        report.events_touched = self.finish_events()
        return report

    def _prepare(
        self,
        items: Iterable[Article | Rejected],
        report: RunReport,
        skip: Callable[[Rejected], None],
    ) -> Iterator[list[tuple[str, Article]]]:
        """Batches of new, cleaned articles: known inputs are skipped before any work."""
        seen: set[str] = set()
        for batch in _batches(items, self.settings.batch_size):
            fresh = fresh_inputs(batch, self.store, report, skip, seen)
            cleaned: list[tuple[str, Article]] = []
            for (key, art), result in zip(
                fresh, self.cleaner.run_batch([a for _, a in fresh]), strict=True
            ):
                if isinstance(result, Rejected):
                    skip(result)
                elif not result.text.strip():
                    skip(Rejected(source=art.source, reason="no article text left after cleaning"))
                else:
                    cleaned.append((key, result))
            if cleaned:
                arts = [a for _, a in cleaned]
                self.repeats.remove(arts)
                self.duplicates.mark(arts)
                yield cleaned

    def _model(
        self, batches: Iterator[list[tuple[str, Article]]]
    ) -> Iterator[tuple[list[tuple[str, Article]], list[Article | Rejected]]]:
        """Run the model stages, in this process or in a pool of `settings.workers`."""
        if self.settings.workers <= 1:
            for batch in batches:
                yield batch, self.modeller.run_batch([a for _, a in batch])
            return
        import multiprocessing as mp

        ctx = mp.get_context("spawn")  # a fresh interpreter: no inherited locks or threads
        with ctx.Pool(
            self.settings.workers, initializer=_init_worker, initargs=(self.settings,)
        ) as pool:
            pending: list[tuple[list[tuple[str, Article]], Any]] = []
            for batch in batches:
                pending.append((batch, pool.apply_async(_model_worker, ([a for _, a in batch],))))
                if len(pending) >= 2 * self.settings.workers:
                    done, result = pending.pop(0)
                    yield done, result.get()
            for done, result in pending:
                yield done, result.get()

    def _store(self, modelled: list[tuple[str, Article]]) -> int:
        with self.store.atomic():
            new = self.store.put_articles(modelled)
            self.events.add([a for _, a in modelled])
            self.mark_dirty(self.events.changed)
        return new

    # -- cross-article work at the end of a run ------------------------------------------
    def mark_dirty(self, event_keys: Iterable[str]) -> None:
        """Note events to describe and compare again (in the caller's transaction)."""
        dirty = set(json.loads(self.store.get_state("dirty_events") or "[]"))
        dirty.update(event_keys)
        self.store.set_state("dirty_events", json.dumps(sorted(dirty)))

    def finish_events(self, compare: CompareAll | None = None) -> int:
        """Describe and compare every event whose membership changed; store them.

        `compare` runs the comparisons elsewhere (the Spark engine's partitions)."""
        from .describe import describe_events

        dirty = json.loads(self.store.get_state("dirty_events") or "[]")
        if not dirty:
            return 0
        events = describe_events(self.store, self.events, dirty, self.settings, compare)
        with self.store.atomic():
            self.store.put_events(events)
            self.store.set_state("dirty_events", "[]")
        return len(dirty)


def fresh_inputs(
    batch: Sequence[Article | Rejected],
    store: Store,
    report: RunReport,
    skip: Callable[[Rejected], None],
    seen: set[str],
) -> list[tuple[str, Article]]:
    """The batch's articles (with input keys) neither stored nor read earlier in the run.

    Rejected inputs are skipped and the others counted in `report`; `seen` is the run's
    input keys so far, so an input read twice in one run is analysed once.
    """
    fresh: list[tuple[str, Article]] = []
    arts = [item for item in batch if isinstance(item, Article)]
    for item in batch:
        if isinstance(item, Rejected):
            skip(item)
    report.read += len(arts)
    keys = [input_key(a) for a in arts]
    known = store.known_inputs(keys)
    for key, art in zip(keys, arts, strict=True):
        if key in known or key in seen:
            report.known += 1
        else:
            seen.add(key)
            fresh.append((key, art))
    return fresh


def analyze(
    paths: Sequence[str],
    store: Store,
    settings: Settings | None = None,
    *,
    stdin: BinaryIO | None = None,
    on_skip: Callable[[Rejected], None] | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Read `paths` (files, directories, or "-" for JSON Lines on stdin) into `store`."""
    from .ingest import read_paths

    settings = settings or Settings()
    analyzer = Analyzer(store, settings)
    return analyzer.run(
        read_paths(paths, settings, stdin=stdin), on_skip=on_skip, progress=progress
    )
