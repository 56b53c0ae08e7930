"""`analyze --engine spark` gives what the single-process engine gives, and stores it once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from storylens.evaluate.metrics import bcubed, groups
from storylens.settings import Settings
from storylens.spark import SparkOptions, analyze_spark, default_checkpoint
from storylens.spark.checkpoint import read_log
from storylens.store import Store, open_store
from storylens.store.sqlite import SQLiteStore

from .conftest import SAMPLE, Runs


def _membership(store: Store) -> dict[str, str]:
    rows = store.query("SELECT article_id, event_id FROM event_articles")
    return {r["article_id"]: r["event_id"] for r in rows}


def test_spark_finds_the_same_events_as_the_single_process_engine(sample_runs: Runs) -> None:
    single, spark = _membership(sample_runs.single), _membership(sample_runs.spark)
    assert set(spark) == set(single)  # the same articles (same cleaned text, same ids)
    assert bcubed(groups(single), groups(spark)).f1 >= 0.99


def test_the_sample_needed_several_windows_and_partitions(sample_runs: Runs) -> None:
    log = read_log(sample_runs.checkpoint)
    computed = Counter(e["stage"] for e in log if e["event"] == "computed")
    assert computed["nlp"] == 4  # 31 articles in partitions of 8
    (windows,) = [e["part"] for e in log if e["stage"] == "windows"]
    assert windows > 1  # 3-day windows over a corpus spanning weeks


def test_every_article_is_stored_once_with_its_analysis(sample_runs: Runs) -> None:
    single, spark = sample_runs.single, sample_runs.spark
    assert spark.count("articles") == single.count("articles") == 31
    assert spark.count("inputs") == single.count("inputs")
    by_id = {a.id: a for a in single.articles()}
    for art in spark.articles():
        ref = by_id[art.id]
        assert art.stages == ref.stages
        assert art.duplicate_of == ref.duplicate_of  # near-duplicates: same originals
        assert [r.text for r in art.removed] == [r.text for r in ref.removed]  # furniture
        assert art.quotes == ref.quotes


def test_events_are_described_and_compared_like_the_single_process_ones(
    sample_runs: Runs,
) -> None:
    def described(store: SQLiteStore) -> dict[frozenset[str], dict[str, Any]]:
        return {frozenset(ev["articles"]): ev for ev in store.events()}

    single, spark = described(sample_runs.single), described(sample_runs.spark)
    assert set(spark) == set(single)
    for members, ev in spark.items():
        ref = single[members]
        for field in ("id", "date", "title", "location", "claims", "figures", "summary"):
            assert ev.get(field) == ref.get(field), field
    assert sample_runs.spark.get_state("dirty_events") == "[]"


def test_a_finished_run_leaves_no_partitions_behind_and_says_what_it_did(
    sample_runs: Runs,
) -> None:
    report = sample_runs.spark_report
    assert (report.read, report.new, report.known, report.skipped) == (31, 31, 0, [])
    assert not list(sample_runs.checkpoint.glob("run-*"))


def test_running_again_over_the_same_inputs_stores_nothing_new(
    spark: Any, sample_runs: Runs, tmp_path: Path
) -> None:
    options = SparkOptions(checkpoint=str(tmp_path / "ck"), partition_size=8, window_days=3)
    before = _membership(sample_runs.spark)
    report = analyze_spark([str(SAMPLE)], sample_runs.spark, Settings(), options)
    assert (report.new, report.known) == (0, 31)
    assert _membership(sample_runs.spark) == before


def test_the_checkpoint_folder_defaults_to_one_next_to_the_database() -> None:
    assert default_checkpoint("data/news.sqlite") == "data/news.sqlite.checkpoint"


def test_spark_writes_to_postgresql_what_it_writes_to_sqlite(
    sample_runs: Runs, pg_url: str, tmp_path: Path
) -> None:
    options = SparkOptions(checkpoint=str(tmp_path / "ck"), partition_size=8, window_days=3)
    with open_store(pg_url) as store:
        report = analyze_spark([str(SAMPLE)], store, Settings(), options)
        assert report.new == sample_runs.spark_report.new
        assert _membership(store) == _membership(sample_runs.spark)  # same events, same ids
        on_pg = {e["id"]: e for e in store.events()}
    on_sqlite = {e["id"]: e for e in sample_runs.spark.events()}
    assert on_pg == on_sqlite
