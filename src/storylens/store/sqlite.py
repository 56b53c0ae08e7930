"""The SQLite store: one file, WAL, one writer.

Articles are keyed by a hash of their cleaned text and inputs by a hash of what was read,
so reading the same input twice stores nothing twice; every batch is one transaction, so
a run killed at any point leaves only whole batches behind and a re-run picks up after them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..records import Article
from .migrations import migrate


class SQLiteStore:
    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database: {exc}", source=self.path) from exc
        self.conn.row_factory = sqlite3.Row
        try:
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA busy_timeout=10000")
            self.conn.execute("PRAGMA foreign_keys=ON")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"not a storylens database ({exc}); pass a new --db file", source=self.path
            ) from exc

    # -- plumbing ------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested calls become savepoints."""
        if self.conn.in_transaction:
            name = f"sp{id(self)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self.conn
                self.conn.execute(f"RELEASE {name}")
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, params))

    # -- inputs and articles -------------------------------------------------------
    def known_inputs(self, keys: Iterable[str]) -> dict[str, str]:
        """Map each already-read input key to the article id it produced."""
        keys = list(keys)
        found: dict[str, str] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT key, article_id FROM inputs WHERE key IN ({marks})", chunk
            ):
                found[row["key"]] = row["article_id"]
        return found

    def put_articles(self, items: Sequence[tuple[str, Article]]) -> int:
        """Store (input key, article) pairs in one transaction; return how many were new."""
        new = 0
        with self.atomic() as conn:
            for key, art in items:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO articles(id, source, outlet, url, title, published,"
                    " language, duplicate_of, text, data, stages)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        art.id,
                        art.source,
                        art.outlet,
                        art.url,
                        art.title,
                        art.published,
                        art.language,
                        art.duplicate_of,
                        art.text,
                        json.dumps(_without_raw(art), ensure_ascii=False),
                        json.dumps(art.stages, sort_keys=True),
                    ),
                )
                new += cur.rowcount
                conn.execute(
                    "INSERT OR IGNORE INTO inputs(key, article_id) VALUES (?, ?)", (key, art.id)
                )
        return new

    def update_articles(self, articles: Sequence[Article]) -> None:
        with self.atomic() as conn:
            for art in articles:
                conn.execute(
                    "UPDATE articles SET data = ?, stages = ?, duplicate_of = ?, published = ?"
                    " WHERE id = ?",
                    (
                        json.dumps(_without_raw(art), ensure_ascii=False),
                        json.dumps(art.stages, sort_keys=True),
                        art.duplicate_of,
                        art.published,
                        art.id,
                    ),
                )

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.from_dict(json.loads(row["data"])) if row else None

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles in ingest order (all, or the given ids)."""
        if ids is None:
            cur = self.conn.execute("SELECT data FROM articles ORDER BY rowid")
            for row in cur:
                yield Article.from_dict(json.loads(row["data"]))
            return
        id_list = list(ids)
        for i in range(0, len(id_list), 500):
            chunk = id_list[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT data FROM articles WHERE id IN ({marks}) ORDER BY rowid", chunk
            )
            for row in rows:
                yield Article.from_dict(json.loads(row["data"]))

    def count(self, table: str) -> int:
        if table not in {"articles", "inputs", "events", "event_articles"}:
            raise StoreError(f"unknown table {table!r}")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- learned furniture ---------------------------------------------------------
    def site_line_counts(self, site: str, hashes: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in range(0, len(hashes), 500):
            chunk = list(hashes[i : i + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT line_hash, articles FROM site_lines WHERE site = ? AND line_hash IN ({marks})",
                [site, *chunk],
            ):
                out[row["line_hash"]] = row["articles"]
        return out

    def add_site_lines(self, counts: dict[tuple[str, str], int]) -> None:
        with self.atomic() as conn:
            conn.executemany(
                "INSERT INTO site_lines(site, line_hash, articles) VALUES (?,?,?)"
                " ON CONFLICT(site, line_hash) DO UPDATE SET articles = articles + excluded.articles",
                [(s, h, n) for (s, h), n in counts.items()],
            )

    def record_site_articles(self, pairs: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """Note (site, article id) pairs as counted in `site_lines`; return the new ones."""
        new: set[tuple[str, str]] = set()
        with self.atomic() as conn:
            for site, article_id in pairs:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO site_articles(site, article_id) VALUES (?, ?)",
                    (site, article_id),
                )
                if cur.rowcount:
                    new.add((site, article_id))
        return new

    # -- near-duplicates -----------------------------------------------------------
    def minhashes(self, day_from: int | None, day_to: int | None, recent: int) -> list[sqlite3.Row]:
        """Signatures dated within [day_from, day_to], plus the `recent` latest of any date.

        Both parts are bounded (an index range and a LIMIT), so loading stays linear in
        what a batch can match, not in the size of the store.
        """
        rows: dict[str, sqlite3.Row] = {}
        if day_from is not None and day_to is not None:
            for row in self.conn.execute(
                "SELECT rowid AS seq, * FROM minhashes WHERE day BETWEEN ? AND ?",
                (day_from, day_to),
            ):
                rows[row["article_id"]] = row
        if recent > 0:
            for row in self.conn.execute(
                "SELECT rowid AS seq, * FROM minhashes ORDER BY rowid DESC LIMIT ?", (recent,)
            ):
                rows[row["article_id"]] = row
        return sorted(rows.values(), key=lambda r: r["seq"])

    def minhashes_of(self, article_ids: Sequence[str]) -> dict[str, sqlite3.Row]:
        out: dict[str, sqlite3.Row] = {}
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT rowid AS seq, * FROM minhashes WHERE article_id IN ({marks})", chunk
            ):
                out[row["article_id"]] = row
        return out

    def add_minhashes(self, rows: Sequence[tuple[str, int | None, str | None, str, bytes]]) -> None:
        """Store (article id, day, duplicate_of, scheme, signature); known ids are kept."""
        with self.atomic() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO minhashes(article_id, day, duplicate_of, scheme, signature)"
                " VALUES (?,?,?,?,?)",
                rows,
            )

    # -- events --------------------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def set_state(self, key: str, value: str) -> None:
        with self.atomic() as conn:
            conn.execute(
                "INSERT INTO state(key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def put_events(self, events: Sequence[dict[str, Any]], *, replace_all: bool = False) -> None:
        """Store storylens/v1 event objects and their article membership."""
        with self.atomic() as conn:
            if replace_all:
                conn.execute("DELETE FROM event_articles")
                conn.execute("DELETE FROM events")
            for ev in events:
                conn.execute("DELETE FROM event_articles WHERE event_id = ?", (ev["id"],))
                conn.execute(
                    "INSERT INTO events(id, date, title, data) VALUES (?,?,?,?)"
                    " ON CONFLICT(id) DO UPDATE SET date = excluded.date, title = excluded.title,"
                    " data = excluded.data, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                    (ev["id"], ev.get("date"), ev.get("title"), json.dumps(ev, ensure_ascii=False)),
                )
                conn.executemany(
                    "INSERT OR REPLACE INTO event_articles(article_id, event_id) VALUES (?, ?)",
                    [(a, ev["id"]) for a in ev.get("articles", [])],
                )

    def events(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT data FROM events ORDER BY date DESC, id")
        return [json.loads(r["data"]) for r in rows]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One storylens/v1 event object, or None when there is no such event."""
        row = self.conn.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        return json.loads(row["data"]) if row else None


def _without_raw(art: Article) -> dict[str, Any]:
    data = art.to_dict()
    data.pop("raw", None)  # the cleaned text and `removed` say all that is kept of it
    return data
