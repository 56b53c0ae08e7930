"""The quality gate of the cleaning issue: on ECB+, cleaning removes less than 0.5% of the
characters of the gold-annotated sentences (the benchmark prints the full table)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "cleaning.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_cleaning", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_cleaning_keeps_the_gold_annotated_sentences_of_ecbplus(ecbplus_dir: Path) -> None:
    bench = _bench()
    result = bench.measure(bench.load_ecbplus(ecbplus_dir))
    assert result.articles == 772
    assert result.gold_chars > 100_000
    assert result.gold_share < bench.GATE, result.lost_examples[:5]
