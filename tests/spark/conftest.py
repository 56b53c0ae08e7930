"""One local Spark session for the whole test run (starting a JVM costs seconds), and the
bundled sample corpus analysed once by each engine."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from storylens.analyze import RunReport, analyze
from storylens.settings import Settings
from storylens.spark import SparkOptions, analyze_spark
from storylens.store.sqlite import SQLiteStore

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "storylens" / "sample" / "corpus"


@pytest.fixture(scope="session")
def spark() -> Any:
    from storylens.spark.session import session

    # not stopped at the end: the JVM ends with this process, and stop() can take long
    return session("local[2]")


@dataclass
class Runs:
    single: SQLiteStore
    spark: SQLiteStore
    spark_report: RunReport
    checkpoint: Path


@pytest.fixture(scope="session")
def sample_runs(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    """The sample corpus through both engines. Spark gets 3-day windows and 8-article
    partitions so that several windows, boundaries and partitions are exercised."""
    folder = tmp_path_factory.mktemp("engines")
    single = SQLiteStore(folder / "single.sqlite")
    analyze([str(SAMPLE)], single, Settings())
    store = SQLiteStore(folder / "spark.sqlite")
    checkpoint = folder / "checkpoint"
    options = SparkOptions(checkpoint=str(checkpoint), partition_size=8, window_days=3)
    report = analyze_spark([str(SAMPLE)], store, Settings(), options)
    yield Runs(single, store, report, checkpoint)
    single.close()
    store.close()
