"""What only the SQLite store does (the shared behaviour is in test_store.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storylens.errors import StoreError
from storylens.records import Article, Removal
from storylens.store.sqlite import SQLiteStore


def _article(i: int) -> Article:
    return Article(
        source=f"file{i}.txt",
        raw=f"raw {i}",
        id=f"{i:016x}",
        text=f"Body {i}.",
        removed=[Removal(text="Advertisement", reason="boilerplate")],
        sentences=[(0, 7)],
    )


def test_the_database_file_uses_write_ahead_logging(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.sqlite") as store:
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"


def test_a_file_that_is_not_a_database_is_refused_with_its_path(tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match=r"notes\.sqlite"):
        SQLiteStore(bad)


def test_the_schema_is_readable_by_plain_sqlite(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.sqlite") as store:
        store.put_articles([("k", _article(3))])
    conn = sqlite3.connect(tmp_path / "a.sqlite")
    assert conn.execute("SELECT text FROM articles").fetchone() == ("Body 3.",)
