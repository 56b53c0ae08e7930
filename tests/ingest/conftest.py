"""Fixtures of the reader tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.ingest import read_paths
from storylens.records import Article, Rejected
from storylens.settings import Settings

from .inputs import Reader


@pytest.fixture
def read() -> Reader:
    """read(*paths, **settings) -> every item read_paths yields, as a list."""

    def run(*paths: Path | str, **options: int) -> list[Article | Rejected]:
        return list(read_paths([str(p) for p in paths], Settings(**options)))  # type: ignore[arg-type]

    return run
