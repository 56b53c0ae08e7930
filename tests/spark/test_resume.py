"""A Spark run killed with SIGKILL resumes: finished partitions are read, not recomputed,
and the store ends up with every article once and the events of an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from storylens.settings import Settings
from storylens.spark import SparkOptions, analyze_spark
from storylens.spark.checkpoint import read_log
from storylens.store.sqlite import SQLiteStore

PLACES = ["Port Salen", "Brannock", "Kessa", "Orvel", "Tamsin Bay", "Lorne"]
THINGS = ["bridge", "ferry terminal", "school", "clinic", "water plant", "rail depot"]
N, PARTITION = 160, 8


def _write_corpus(folder: Path) -> None:
    """N small fictional articles (our own words): openings of things in six towns."""
    folder.mkdir()
    for i in range(N):
        place, thing = PLACES[i % len(PLACES)], THINGS[(i // len(PLACES)) % len(THINGS)]
        (folder / f"a{i:03d}.txt").write_text(
            f"date 2025-0{1 + i % 9}-1{i % 10} The new {thing} in {place} opened on Monday, "
            f"officials said, after work that cost {100 + i} million crowns.\n\n"
            f"Mayor Ilse Varn{i} told reporters the {thing} would serve {1000 + 7 * i} residents.\n",
            encoding="utf-8",
        )


def _command(corpus: Path, db: Path, checkpoint: Path) -> list[str]:
    return [
        sys.executable, "-m", "storylens", "analyze", str(corpus), "--db", str(db),
        "--engine", "spark", "--spark-master", "local[2]", "--quiet",
        "--partition-size", str(PARTITION), "--checkpoint", str(checkpoint),
    ]  # fmt: skip


def _computed(checkpoint: Path, stage: str) -> list[int]:
    return [
        e["part"] for e in read_log(checkpoint) if e["event"] == "computed" and e["stage"] == stage
    ]


def _membership(store: SQLiteStore) -> dict[str, str]:
    rows = store.query("SELECT article_id, event_id FROM event_articles")
    return {r["article_id"]: r["event_id"] for r in rows}


@pytest.mark.slow
def test_a_killed_spark_run_resumes_without_redoing_finished_partitions(
    spark: Any, tmp_path: Path
) -> None:
    corpus, db, checkpoint = tmp_path / "corpus", tmp_path / "run.sqlite", tmp_path / "ck"
    _write_corpus(corpus)
    # its own session (process group), so the kill takes the driver, its JVM and workers
    proc = subprocess.Popen(
        _command(corpus, db, checkpoint),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 400
    while len(_computed(checkpoint, "nlp")) < 3 and proc.poll() is None:
        assert time.monotonic() < deadline, "no nlp partition finished in time"
        time.sleep(0.1)
    assert proc.poll() is None, "the run ended before it could be killed; make the corpus larger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = set(_computed(checkpoint, "nlp"))
    assert 3 <= len(finished) < N // PARTITION

    rerun = subprocess.run(
        _command(corpus, db, checkpoint), capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]

    # (a) every nlp partition was computed exactly once over both runs; the finished ones
    # were read back by the second run
    log = read_log(checkpoint)
    computed = Counter(_computed(checkpoint, "nlp"))
    assert sorted(computed) == list(range(N // PARTITION))
    assert set(computed.values()) == {1}
    reused = {e["part"] for e in log if e["event"] == "reused" and e["stage"] == "nlp"}
    assert finished <= reused
    assert any(e["event"] == "reused" and e["stage"] == "prepare" for e in log)

    # (b) every article once, and the events of a run that was never interrupted
    reference = SQLiteStore(tmp_path / "reference.sqlite")
    options = SparkOptions(checkpoint=str(tmp_path / "ck-ref"), partition_size=PARTITION)
    analyze_spark([str(corpus)], reference, Settings(), options)
    with SQLiteStore(db) as store:
        assert store.count("articles") == store.count("inputs") == N
        assert store.count("articles") == reference.count("articles")
        assert _membership(store) == _membership(reference)
        assert store.get_state("dirty_events") == "[]"
    reference.close()
