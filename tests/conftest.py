"""Shared fixtures: where the development data lives, and small corpora we write ourselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.testing import shared_data


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = shared_data() / "seeds"
    if not path.is_dir():
        pytest.fail(f"the seed articles are missing: expected {path} (../shared/data/seeds)")
    return path


@pytest.fixture(scope="session")
def ecbplus_dir() -> Path:
    path = shared_data() / "ecbplus"
    if not (path / "documents.jsonl").is_file():
        pytest.fail(f"ECB+ is missing: expected {path}/documents.jsonl")
    return path
