"""The Spark side of a run: the session, and running one stage's partitions with resume.

`run_stage` is the only place that talks to Spark: it sends the partitions whose output
is not yet in the checkpoint folder as one task each, shows their completion on the
driver while they run, and reads every partition's output back from the checkpoint
folder, finished earlier or just now.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..settings import Settings
from .checkpoint import Checkpoint
from .tasks import run_task

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

StageProgress = Callable[[str, int, int], None]  # (stage, partitions done, partitions)


def session(master: str | None = None) -> SparkSession:
    """A SparkSession; `master` None means what spark-submit was given, else local[*].

    The executors' Python must be this one (the same storylens and spaCy model), unless
    the cluster says otherwise through PYSPARK_PYTHON.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("storylens")
    if master:
        builder = builder.master(master)
    builder = (
        builder.config("spark.ui.showConsoleProgress", "false")
        .config("spark.ui.enabled", "false")
        .config("spark.python.worker.reuse", "true")
        # one task per partition, and a task that fails is a bug, not a flaky node
        .config("spark.task.maxFailures", "2")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_stage(
    spark: SparkSession,
    checkpoint: Checkpoint,
    stage: str,
    partitions: Sequence[Any],
    settings: Settings,
    progress: StageProgress | None = None,
) -> list[Any]:
    """Every partition's output for `stage`, computing only the ones not checkpointed."""
    todo = [i for i in range(len(partitions)) if not checkpoint.done(stage, i)]
    pending = set(todo)
    for i in range(len(partitions)):
        if i not in pending:
            checkpoint.log("reused", stage, i)
    finished = len(partitions) - len(todo)
    if progress:
        progress(stage, finished, len(partitions))
    if todo:
        sc = spark.sparkContext
        sc.setJobDescription(f"storylens {stage} ({len(todo)} partitions)")
        rdd = sc.parallelize([(i, partitions[i]) for i in todo], numSlices=len(todo))
        task = functools.partial(run_task, stage, str(checkpoint.root), checkpoint.run, settings)
        stop = threading.Event()
        watcher = None
        if progress:
            watcher = threading.Thread(
                target=_watch,
                args=(checkpoint, stage, len(partitions), progress, stop),
                daemon=True,
            )
            watcher.start()
        try:
            with warnings.catch_warnings():
                # pyspark 3.5 leaves the result socket of every action to the garbage
                # collector (rdd._load_from_socket), which warns as it frees it, here
                warnings.simplefilter("ignore", ResourceWarning)
                rdd.map(task).collect()
        finally:
            stop.set()
            if watcher:
                watcher.join()
        if progress:
            progress(stage, len(partitions), len(partitions))
    return [checkpoint.read(stage, i) for i in range(len(partitions))]


def _watch(
    checkpoint: Checkpoint,
    stage: str,
    parts: int,
    progress: StageProgress,
    stop: threading.Event,
) -> None:
    """Report finished partitions every half second until the job ends.

    Finished means checkpointed, so the count is read from the checkpoint folder, which
    the driver shares with the executors; asking Spark's status tracker from a second
    thread would open a gateway connection per thread that py4j never closes."""
    last = -1
    while not stop.wait(0.5):
        done = sum(checkpoint.done(stage, i) for i in range(parts))
        if done != last:
            last = done
            progress(stage, done, parts)
