"""The storage interface: every read and write the pipeline makes, written once.

SQLite (one file, the zero-set-up default) and PostgreSQL (a server, for corpora that
outgrow one machine) differ in a few words of SQL and in how they connect; everything
else, what is stored and how one batch becomes one transaction, lives here so the two
cannot drift apart. Statements use `?` placeholders; a backend translates them.

Articles are keyed by a hash of their cleaned text and inputs by a hash of what was read,
so reading the same input twice stores nothing twice; every batch is one transaction, so
a run killed at any point leaves only whole batches behind and a re-run picks up after them.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, Self
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError
from ..records import Article

CHUNK = 500  # ids per `IN (...)` list: far below either backend's parameter limit
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def redact(db: str) -> str:
    """`--db` as messages show it: a URL's password is replaced by ***."""
    if not is_postgres(db):
        return db
    parts = urlsplit(db)
    if parts.password is None:
        return db
    userinfo, host = parts.netloc.rsplit("@", 1)
    user = userinfo.split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def is_postgres(db: str) -> bool:
    """Whether `--db` names a PostgreSQL database (a URL) rather than a SQLite file."""
    return db.startswith(POSTGRES_SCHEMES)


class Row(Protocol):
    """A result row: by position (`row[0]`) or by column name (`row["id"]`)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> list[str]: ...


class Cursor(Protocol):
    """What executing one statement gives back."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...


class Store(ABC):
    """One storylens database, whichever engine holds it."""

    #: the column that numbers rows in insertion order ("rowid" in SQLite)
    seq_column: str = "rowid"
    #: the SQL expression of the current UTC time as an ISO-8601 string
    now_sql: str = ""
    #: where a user sees which database this is (a path, or a URL without password)
    source: str = ""
    #: newest first with undated rows last, as SQLite orders NULLs by default
    desc: str = "DESC"

    # -- plumbing ------------------------------------------------------------------
    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement with `?` placeholders."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement with `?` placeholders once per row."""

    @abstractmethod
    def atomic(self) -> AbstractContextManager[Store]:
        """One write transaction; nested calls become savepoints. Writers take turns."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.execute(sql, params))

    # -- inputs and articles -------------------------------------------------------
    def known_inputs(self, keys: Iterable[str]) -> dict[str, str]:
        """Map each already-read input key to the article id it produced."""
        found: dict[str, str] = {}
        for chunk, marks in _chunks(list(keys)):
            for row in self.execute(
                f"SELECT key, article_id FROM inputs WHERE key IN ({marks})", chunk
            ):
                found[row["key"]] = row["article_id"]
        return found

    def put_articles(self, items: Sequence[tuple[str, Article]]) -> int:
        """Store (input key, article) pairs in one transaction; return how many were new.

        Writers take turns (see `atomic`), so the ids found before inserting are the ids
        that were there: the count needs no answer per row, and both engines can send the
        rows in one go (psycopg pipelines them to the server).
        """
        ids = {art.id for _, art in items}
        with self.atomic():
            known = self._known_ids("articles", "id", ids)
            self.executemany(
                "INSERT INTO articles(id, source, outlet, url, title, published,"
                " language, duplicate_of, text, data, stages)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                [
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
                    )
                    for _, art in items
                ],
            )
            self.executemany(
                "INSERT INTO inputs(key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(key, art.id) for key, art in items],
            )
        return len(ids - known)

    def _known_ids(self, table: str, column: str, values: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk, marks in _chunks(sorted(values)):
            rows = self.execute(f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", chunk)
            found.update(r[0] for r in rows)
        return found

    def update_articles(self, articles: Sequence[Article]) -> None:
        with self.atomic():
            self.executemany(
                "UPDATE articles SET data = ?, stages = ?, duplicate_of = ?, published = ?"
                " WHERE id = ?",
                [
                    (
                        json.dumps(_without_raw(art), ensure_ascii=False),
                        json.dumps(art.stages, sort_keys=True),
                        art.duplicate_of,
                        art.published,
                        art.id,
                    )
                    for art in articles
                ],
            )

    def article(self, article_id: str) -> Article | None:
        row = self.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.from_dict(json.loads(row["data"])) if row else None

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles in ingest order (all, or the given ids)."""
        seq = self.seq_column
        if ids is None:
            # in pages by storage number: memory stays flat however many there are
            last = 0
            while True:
                rows = self.query(
                    f"SELECT {seq} AS seq, data FROM articles WHERE {seq} > ?"
                    f" ORDER BY {seq} LIMIT ?",
                    (last, CHUNK),
                )
                for row in rows:
                    yield Article.from_dict(json.loads(row["data"]))
                if len(rows) < CHUNK:
                    return
                last = int(rows[-1]["seq"])
        for chunk, marks in _chunks(list(ids)):
            rows = self.query(
                f"SELECT data FROM articles WHERE id IN ({marks}) ORDER BY {seq}", chunk
            )
            for row in rows:
                yield Article.from_dict(json.loads(row["data"]))

    def count(self, table: str) -> int:
        if table not in {"articles", "inputs", "events", "event_articles"}:
            raise StoreError(f"unknown table {table!r}")
        return int(self.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- learned furniture ---------------------------------------------------------
    def site_line_counts(self, site: str, hashes: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for chunk, marks in _chunks(list(hashes)):
            for row in self.execute(
                f"SELECT line_hash, articles FROM site_lines WHERE site = ? AND line_hash IN ({marks})",
                [site, *chunk],
            ):
                out[row["line_hash"]] = int(row["articles"])
        return out

    def add_site_lines(self, counts: dict[tuple[str, str], int]) -> None:
        with self.atomic():
            self.executemany(
                "INSERT INTO site_lines(site, line_hash, articles) VALUES (?,?,?)"
                " ON CONFLICT(site, line_hash) DO UPDATE"
                " SET articles = site_lines.articles + excluded.articles",
                # a fixed order, so two writers never wait on each other's rows crosswise
                [(s, h, n) for (s, h), n in sorted(counts.items())],
            )

    def record_site_articles(self, pairs: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """Note (site, article id) pairs as counted in `site_lines`; return the new ones."""
        new: set[tuple[str, str]] = set()
        with self.atomic():
            for site, article_id in pairs:
                cur = self.execute(
                    "INSERT INTO site_articles(site, article_id) VALUES (?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (site, article_id),
                )
                if cur.rowcount > 0:
                    new.add((site, article_id))
        return new

    # -- near-duplicates -----------------------------------------------------------
    def _minhash_columns(self) -> str:
        return f"article_id, day, duplicate_of, scheme, signature, {self.seq_column} AS seq"

    def minhashes(self, day_from: int | None, day_to: int | None, recent: int) -> list[Row]:
        """Signatures dated within [day_from, day_to], plus the `recent` latest of any date.

        Both parts are bounded (an index range and a LIMIT), so loading stays linear in
        what a batch can match, not in the size of the store. Rows carry `seq`, their
        storage order.
        """
        rows: dict[str, Row] = {}
        cols = self._minhash_columns()
        if day_from is not None and day_to is not None:
            for row in self.execute(
                f"SELECT {cols} FROM minhashes WHERE day BETWEEN ? AND ?", (day_from, day_to)
            ):
                rows[row["article_id"]] = row
        if recent > 0:
            for row in self.execute(
                f"SELECT {cols} FROM minhashes ORDER BY {self.seq_column} DESC LIMIT ?", (recent,)
            ):
                rows[row["article_id"]] = row
        return sorted(rows.values(), key=lambda r: int(r["seq"]))

    def minhashes_of(self, article_ids: Sequence[str]) -> dict[str, Row]:
        out: dict[str, Row] = {}
        cols = self._minhash_columns()
        for chunk, marks in _chunks(list(article_ids)):
            for row in self.execute(
                f"SELECT {cols} FROM minhashes WHERE article_id IN ({marks})", chunk
            ):
                out[row["article_id"]] = row
        return out

    def add_minhashes(self, rows: Sequence[tuple[str, int | None, str | None, str, bytes]]) -> None:
        """Store (article id, day, duplicate_of, scheme, signature); known ids are kept."""
        with self.atomic():
            self.executemany(
                "INSERT INTO minhashes(article_id, day, duplicate_of, scheme, signature)"
                " VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                rows,
            )

    # -- state ---------------------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        row = self.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return str(row["value"]) if row else None

    def set_state(self, key: str, value: str) -> None:
        with self.atomic():
            self.execute(
                "INSERT INTO state(key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- events --------------------------------------------------------------------
    def event_features(self) -> list[Row]:
        """Every stored (article_id, data, event_id) of the event stage, in storage order."""
        return self.query(
            "SELECT f.article_id, f.data, m.event_id FROM event_features f"
            f" LEFT JOIN event_articles m ON m.article_id = f.article_id ORDER BY f.{self.seq_column}"
        )

    def put_event_features(self, rows: Sequence[tuple[str, int | None, str]]) -> None:
        """Store (article id, day, features JSON), replacing what an article had."""
        with self.atomic():
            self.executemany(
                "INSERT INTO event_features(article_id, day, data) VALUES (?,?,?)"
                " ON CONFLICT(article_id) DO UPDATE SET day = excluded.day, data = excluded.data",
                rows,
            )

    def add_event(self, event_id: str, date: str | None, title: str | None, data: str) -> None:
        """Give an event its row unless it has one (an existing row keeps its object)."""
        with self.atomic():
            self.execute(
                "INSERT INTO events(id, date, title, data) VALUES (?,?,?,?)"
                " ON CONFLICT(id) DO NOTHING",
                (event_id, date, title, data),
            )

    def set_event_members(self, event_id: str, article_ids: Sequence[str]) -> None:
        """Make these articles members of the event (each article is in one event)."""
        with self.atomic():
            self.executemany(
                "INSERT INTO event_articles(article_id, event_id) VALUES (?, ?)"
                " ON CONFLICT(article_id) DO UPDATE SET event_id = excluded.event_id",
                [(a, event_id) for a in article_ids],
            )

    def delete_event(self, event_id: str) -> None:
        with self.atomic():
            self.execute("DELETE FROM event_articles WHERE event_id = ?", (event_id,))
            self.execute("DELETE FROM events WHERE id = ?", (event_id,))

    def put_events(self, events: Sequence[dict[str, Any]], *, replace_all: bool = False) -> None:
        """Store storylens/v1 event objects and their article membership."""
        with self.atomic():
            if replace_all:
                self.execute("DELETE FROM event_articles")
                self.execute("DELETE FROM events")
            for ev in events:
                self.execute("DELETE FROM event_articles WHERE event_id = ?", (ev["id"],))
                self.execute(
                    "INSERT INTO events(id, date, title, data) VALUES (?,?,?,?)"
                    " ON CONFLICT(id) DO UPDATE SET date = excluded.date, title = excluded.title,"
                    f" data = excluded.data, updated_at = {self.now_sql}",
                    (ev["id"], ev.get("date"), ev.get("title"), json.dumps(ev, ensure_ascii=False)),
                )
                self.set_event_members(ev["id"], ev.get("articles", []))

    def events(self) -> list[dict[str, Any]]:
        rows = self.query(f"SELECT data FROM events ORDER BY date {self.desc}, id")
        return [json.loads(r["data"]) for r in rows]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One storylens/v1 event object, or None when there is no such event."""
        row = self.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        return json.loads(row["data"]) if row else None


def _chunks(values: list[Any]) -> Iterator[tuple[list[Any], str]]:
    for i in range(0, len(values), CHUNK):
        chunk = values[i : i + CHUNK]
        yield chunk, ",".join("?" * len(chunk))


def _without_raw(art: Article) -> dict[str, Any]:
    data = art.to_dict()
    data.pop("raw", None)  # the cleaned text and `removed` say all that is kept of it
    return data
