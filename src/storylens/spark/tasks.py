"""What one Spark task computes: plain functions over one partition of records.

These run in the executors' Python workers. Spark reuses a Python worker for many tasks
(`spark.python.worker.reuse`, on by default), so the pipelines, and with them the spaCy
model, are built once per worker and kept in `_PIPELINES`, never once per record. Each
task writes its output to the checkpoint folder itself, so a partition that finished is
on disk even if the driver dies a moment later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..describe import compare_all
from ..pipeline import Context, Pipeline
from ..records import Article, Rejected
from ..settings import Settings
from .checkpoint import Checkpoint

CLEAN_STAGES = ("clean.v1",)
MODEL_STAGES = ("nlp.v1",)

_PIPELINES: dict[tuple[str, ...], Pipeline] = {}

Cleaned = tuple[str, Article | Rejected]  # (input key, result)
Modelled = tuple[str, Article | Rejected, dict[str, Any] | None]  # ... and event features


def _pipeline(names: tuple[str, ...], settings: Settings) -> Pipeline:
    """This worker's pipeline for `names`, built on first use (loads spaCy once)."""
    found = _PIPELINES.get(names)
    if found is None:
        from .. import clean  # noqa: F401  (registers clean.v1)
        from ..nlp import stage  # noqa: F401  (registers nlp.v1)

        after = () if names == CLEAN_STAGES else CLEAN_STAGES
        found = _PIPELINES[names] = Pipeline(names, Context(settings=settings), after=after)
    return found


def clean_partition(items: list[tuple[str, Article]], settings: Settings) -> list[Cleaned]:
    """clean.v1 over one partition; an article with no text left is rejected here."""
    results = _pipeline(CLEAN_STAGES, settings).run_batch([a for _, a in items])
    out: list[Cleaned] = []
    for (key, art), result in zip(items, results, strict=True):
        if isinstance(result, Article) and not result.text.strip():
            result = Rejected(source=art.source, reason="no article text left after cleaning")
        out.append((key, result))
    return out


def model_partition(items: list[tuple[str, Article]], settings: Settings) -> list[Modelled]:
    """nlp.v1 over one partition, and each article's event features (also per article)."""
    from ..events import features

    results = _pipeline(MODEL_STAGES, settings).run_batch([a for _, a in items])
    return [
        (key, r, features(r).to_dict() if isinstance(r, Article) else None)
        for (key, _), r in zip(items, results, strict=True)
    ]


TASKS: dict[str, Callable[[Any, Settings], Any]] = {
    "clean": clean_partition,
    "nlp": model_partition,
}


def run_task(stage: str, root: str, run: str, settings: Settings, job: tuple[int, Any]) -> int:
    """One Spark task: compute partition `job[0]` of `stage` and checkpoint it."""
    part, items = job
    if stage.startswith("compare"):
        value: Any = compare_all(items, settings)
    elif stage == "events":
        from .windows import cluster_window

        value = [cluster_window(window, settings) for window in items]
    else:
        value = TASKS[stage](items, settings)
    Checkpoint(root, run).write(stage, part, value)
    return part
