"""The SQLite store: migrations, idempotent writes, whole batches or nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storylens.errors import StoreError
from storylens.records import Article, Removal
from storylens.store.migrations import MIGRATIONS
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


def test_a_new_database_is_brought_to_the_latest_schema_and_records_each_migration(
    tmp_path: Path,
) -> None:
    with SQLiteStore(tmp_path / "a.sqlite") as store:
        versions = [r["version"] for r in store.query("SELECT version FROM migrations")]
    assert versions == [v for v, _, _ in MIGRATIONS]


def test_reopening_a_database_applies_nothing_twice(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "a.sqlite").close()
    with SQLiteStore(tmp_path / "a.sqlite") as store:
        assert store.count("articles") == 0
        assert len(store.query("SELECT * FROM migrations")) == len(MIGRATIONS)


def test_the_database_file_uses_write_ahead_logging(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.sqlite") as store:
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"


def test_storing_the_same_article_twice_stores_it_once(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.sqlite") as store:
        assert store.put_articles([("k1", _article(1)), ("k2", _article(2))]) == 2
        assert store.put_articles([("k1", _article(1)), ("k3", _article(1))]) == 0
        assert store.count("articles") == 2
        assert store.known_inputs(["k1", "k3", "k9"]) == {"k1": f"{1:016x}", "k3": f"{1:016x}"}


def test_an_article_comes_back_as_it_was_stored(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.sqlite") as store:
        store.put_articles([("k", _article(7))])
        back = store.article(f"{7:016x}")
    assert back is not None
    assert back.text == "Body 7."
    assert back.removed == [Removal(text="Advertisement", reason="boilerplate")]
    assert back.sentences == [(0, 7)]


def _store_then_die(store: SQLiteStore) -> None:
    with store.atomic():
        store.put_articles([("k1", _article(1))])
        raise RuntimeError("killed")


def _set_state_then_die(store: SQLiteStore) -> None:
    with store.atomic():
        store.set_state("x", "1")
        raise RuntimeError("inner")


def test_a_batch_that_fails_half_way_leaves_nothing_behind(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "a.sqlite")
    with pytest.raises(RuntimeError):
        _store_then_die(store)
    assert store.count("articles") == 0
    assert store.known_inputs(["k1"]) == {}


def test_a_failing_inner_step_rolls_back_only_itself(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "a.sqlite")
    with store.atomic():
        store.put_articles([("k1", _article(1))])
        with pytest.raises(RuntimeError):
            _set_state_then_die(store)
    assert store.count("articles") == 1
    assert store.get_state("x") is None


def test_a_file_that_is_not_a_database_is_refused_with_its_path(tmp_path: Path) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_text("these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match=r"notes\.sqlite"):
        SQLiteStore(bad)


def test_events_are_stored_with_their_members_and_replaced_on_update(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.sqlite") as store:
        store.put_articles([("k1", _article(1)), ("k2", _article(2))])
        store.put_events(
            [{"id": "e1", "date": "2025-01-01", "articles": [f"{1:016x}", f"{2:016x}"]}]
        )
        store.put_events([{"id": "e1", "date": "2025-01-02", "articles": [f"{1:016x}"]}])
        assert store.events() == [{"id": "e1", "date": "2025-01-02", "articles": [f"{1:016x}"]}]
        assert store.count("event_articles") == 1


def test_the_schema_is_readable_by_plain_sqlite(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "a.sqlite") as store:
        store.put_articles([("k", _article(3))])
    conn = sqlite3.connect(tmp_path / "a.sqlite")
    assert conn.execute("SELECT text FROM articles").fetchone() == ("Body 3.",)
