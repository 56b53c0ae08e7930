"""Read-only queries the pages and the API share, on SQLite or PostgreSQL.

Each server thread reads through its own connection, so pages never wait on the writer:
SQLite in WAL mode and PostgreSQL (MVCC) both show a reader the last committed state
while the ingest worker writes. Queries select the few columns a page shows and parse an
event's JSON only when the page needs the event itself. The queries are written once;
the two readers differ in how they connect, how they search text, and how they notice
that a writer committed.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from ..errors import NotFound, StoreError
from ..store import is_postgres

# snippet() markers: control characters that escaping keeps apart from the article text
MARK_START, MARK_END = "\x02", "\x03"
RANK_WINDOW = 1000  # search ranks the newest this many matches (see Reader.search)


@dataclass(slots=True, kw_only=True)
class EventFilter:
    """What the home page and /api/events narrow the list of events by."""

    q: str = ""
    actor: str = ""
    outlet: str = ""
    date_from: str = ""
    date_to: str = ""

    def active(self) -> bool:
        return any((self.q, self.actor, self.outlet, self.date_from, self.date_to))


@dataclass(slots=True, kw_only=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        reachable = int(self.extra.get("ranked", self.total))
        return max(1, -(-reachable // self.per_page))


def search_terms(text: str) -> list[str]:
    """The words and "quoted phrases" a user typed, each to be found, at most 20.

    Operators and punctuation typed by a user are searched for, not interpreted.
    """
    terms = []
    text = text.replace("\x00", " ")  # SQLite ends an FTS5 string at a NUL
    for raw in re.findall(r'"[^"]*"|\S+', text)[:20]:
        term = raw.strip('"').replace('"', " ").strip()
        if term and re.search(r"\w", term):
            terms.append(term)
    return terms


def fts_query(text: str) -> str:
    """User words as an FTS5 query that cannot be a syntax error.

    Every word or "quoted phrase" becomes one quoted FTS5 string, all of them required.
    """
    return " ".join('"' + term + '"' for term in search_terms(text))


def ts_query(text: str) -> tuple[str, list[str]]:
    """The same words as a PostgreSQL tsquery expression (SQL with `?`) and its values.

    Each term is a phrase (`phraseto_tsquery`, which cannot be a syntax error), all of
    them required (`&&`); the `english` configuration stems as FTS5's porter tokenizer does.
    """
    terms = search_terms(text)
    sql = " && ".join("phraseto_tsquery('english', ?)" for _ in terms)
    return sql, terms


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...


class Reader:
    """Per-thread read-only connections to one storylens database (see `open_reader`)."""

    like = "LIKE"  # case-insensitive matching of user text
    desc = "DESC"  # newest first, undated last

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement (`?` placeholders) on this thread's connection."""
        raise NotImplementedError

    def close(self) -> None:
        """Close every thread's connection; a later query opens a fresh one."""
        raise NotImplementedError

    def version(self) -> tuple[int, ...]:
        """Changes whenever any writer commits: a cache key for pages and derived numbers."""
        raise NotImplementedError

    def _text_events(self, text: str) -> tuple[str, list[Any]]:
        """A condition on `id`: events with an article matching the words ("" if none)."""
        raise NotImplementedError

    def search(self, text: str, page: int, per_page: int) -> Page:
        """Articles matching every word, best first among the newest RANK_WINDOW matches.

        Ranking costs time for every match, so a word found in half the corpus would make
        each search slow; ranking only the most recently added matches keeps a search as
        fast at a million articles as at a thousand, and the total still counts them all.
        Snippets are made for the shown page only.
        """
        raise NotImplementedError

    # -- events --------------------------------------------------------------------
    def events(self, flt: EventFilter, page: int, per_page: int) -> Page:
        """A page of storylens/v1 events, newest first (by the day the event happened)."""
        total, ids = self._event_page(flt, page, per_page)
        rows = self._execute(
            f"SELECT id, data FROM events WHERE id IN ({','.join('?' * len(ids)) or 'NULL'})", ids
        )
        found = {r["id"]: r["data"] for r in rows}
        items = [json.loads(found[i]) for i in ids if i in found]
        return Page(items=items, total=total, page=page, per_page=per_page)

    def event_summaries(self, flt: EventFilter, page: int, per_page: int) -> Page:
        """Like `events`, but only what a list shows (no event JSON is parsed)."""
        total, ids = self._event_page(flt, page, per_page)
        rows = self._execute(
            "SELECT e.id, e.date, e.title, s.locations, s.outlets, s.articles, s.corroborated,"
            " s.single_source, s.disputed FROM events e"
            " JOIN event_summaries s ON s.event_id = e.id"
            f" WHERE e.id IN ({','.join('?' * len(ids)) or 'NULL'})",
            ids,
        )
        found = {r["id"]: dict(r) for r in rows}
        items = []
        for i in ids:
            if i in found:
                item = found[i]
                item["locations"] = _json_list(item["locations"])
                item["outlets"] = _json_list(item["outlets"])
                items.append(item)
        return Page(items=items, total=total, page=page, per_page=per_page)

    def _event_page(self, flt: EventFilter, page: int, per_page: int) -> tuple[int, list[str]]:
        """How many events match, and the ids on one page (index-only when unfiltered)."""
        where, params = self._event_conditions(flt)
        sql_where = " WHERE " + " AND ".join(where) if where else ""
        total = self._execute(f"SELECT count(*) FROM events{sql_where}", params).fetchone()[0]
        ids = [
            r[0]
            for r in self._execute(
                f"SELECT id FROM events{sql_where} ORDER BY date {self.desc}, id DESC"
                " LIMIT ? OFFSET ?",
                [*params, per_page, (page - 1) * per_page],
            )
        ]
        return int(total), ids

    def _event_conditions(self, flt: EventFilter) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if flt.outlet:
            where.append(
                "id IN (SELECT ea.event_id FROM articles a JOIN event_articles ea"
                " ON ea.article_id = a.id WHERE a.outlet = ?)"
            )
            params.append(flt.outlet)
        if flt.actor:
            where.append(
                f"id IN (SELECT event_id FROM event_actors WHERE name {self.like} ? ESCAPE '\\')"
            )
            params.append(_like(flt.actor))
        if flt.q:
            cond = f"title {self.like} ? ESCAPE '\\'"
            params.append(_like(flt.q))
            text_cond, text_params = self._text_events(flt.q)
            if text_cond:
                cond += " OR " + text_cond
                params += text_params
            where.append(f"({cond})")
        if flt.date_from:
            where.append("date >= ?")
            params.append(flt.date_from)
        if flt.date_to:
            where.append("date <= ?")
            params.append(flt.date_to + "~")  # "~" sorts after any time part
        return where, params

    def event(self, event_id: str) -> dict[str, Any]:
        row = self._execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise NotFound(f"there is no event {event_id!r}; see /api/events for the list")
        data: dict[str, Any] = json.loads(row["data"])
        return data

    def event_heads(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Title and date of some events, for links (related events, search hits)."""
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._execute(
                f"SELECT id, date, title FROM events WHERE id IN ({marks})", chunk
            ):
                out[r["id"]] = {"id": r["id"], "date": r["date"], "title": r["title"]}
        return out

    # -- articles ------------------------------------------------------------------
    def article_heads(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The columns a list of articles shows, without parsing their records."""
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._execute(
                "SELECT id, source, outlet, url, title, published, duplicate_of"
                f" FROM articles WHERE id IN ({marks})",
                chunk,
            ):
                out[r["id"]] = dict(r)
        return out

    def article(self, article_id: str) -> dict[str, Any]:
        row = self._execute(
            "SELECT a.data, ea.event_id FROM articles a LEFT JOIN event_articles ea"
            " ON ea.article_id = a.id WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"there is no article {article_id!r}; search for it at /api/search")
        data: dict[str, Any] = json.loads(row["data"])
        data["event"] = row["event_id"]
        return data

    # -- outlets -------------------------------------------------------------------
    def outlets(self) -> tuple[list[dict[str, Any]], int]:
        """Every outlet with its number of articles; and how many have no known outlet."""
        unknown = 0
        out = []
        for r in self._execute(
            "SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet"
        ):
            if r["outlet"] is None:
                unknown = int(r["n"])
            else:
                out.append({"name": r["outlet"], "articles": int(r["n"])})
        return out, unknown

    def outlet_articles(self, outlet: str, page: int, per_page: int) -> Page:
        total = self._execute(
            "SELECT count(*) FROM articles WHERE outlet = ?", (outlet,)
        ).fetchone()[0]
        if not total:
            raise NotFound(f"no article is from the outlet {outlet!r}; see /outlets")
        rows = self._execute(
            "SELECT a.id, a.title, a.published, a.source, a.duplicate_of, ea.event_id"
            " FROM articles a LEFT JOIN event_articles ea ON ea.article_id = a.id"
            f" WHERE a.outlet = ? ORDER BY a.published {self.desc}, a.id LIMIT ? OFFSET ?",
            (outlet, per_page, (page - 1) * per_page),
        )
        return Page(items=[dict(r) for r in rows], total=int(total), page=page, per_page=per_page)

    def outlet_events(self, outlet: str) -> list[dict[str, Any]]:
        rows = self._execute(
            "SELECT data FROM events WHERE id IN (SELECT ea.event_id FROM articles a"
            " JOIN event_articles ea ON ea.article_id = a.id WHERE a.outlet = ?)",
            (outlet,),
        )
        return [json.loads(r["data"]) for r in rows]


class SQLiteReader(Reader):
    """Read-only (`mode=ro`) connections to a SQLite file; FTS5 for search."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError("no such database; run `storylens analyze` first", source=str(path))
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._generation = 0
        self._version_lock = threading.Lock()
        self._version_conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "generation", -1) != self._generation:
            conn = self._connect()
            self._local.conn, self._local.generation = conn, self._generation
        return conn

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def _connect(self) -> sqlite3.Connection:
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout=5000")
        with self._lock:
            self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._version_lock, self._lock:
            self._generation += 1
            for conn in self._all:
                conn.close()
            self._all.clear()
            self._version_conn = None

    def version(self) -> tuple[int, ...]:
        """`PRAGMA data_version` on one connection of our own.

        It is SQLite's own answer to "did another connection (or process) commit since I
        last asked?"; the counter only grows, so a version is never seen twice for
        different data.
        """
        with self._version_lock:
            if self._version_conn is None:
                self._version_conn = self._connect()
            return (
                self._generation,
                int(self._version_conn.execute("PRAGMA data_version").fetchone()[0]),
            )

    def _text_events(self, text: str) -> tuple[str, list[Any]]:
        match = fts_query(text)
        if not match:
            return "", []
        return (
            "id IN (SELECT ea.event_id FROM article_search"
            " JOIN article_numbers n ON n.n = article_search.rowid"
            " JOIN event_articles ea ON ea.article_id = n.article_id"
            " WHERE article_search MATCH ?)",
            [match],
        )

    def search(self, text: str, page: int, per_page: int) -> Page:
        """FTS5 finds, bm25 ranks, snippet() marks the words (see `Reader.search`)."""
        match = fts_query(text)
        if not match:
            return Page(items=[], total=0, page=page, per_page=per_page)
        conn = self.conn
        total = conn.execute(
            "SELECT count(*) FROM article_search WHERE article_search MATCH ?", (match,)
        ).fetchone()[0]
        floor = conn.execute(
            "SELECT rowid FROM article_search WHERE article_search MATCH ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (match, RANK_WINDOW - 1),
        ).fetchone()
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT rowid FROM article_search WHERE article_search MATCH ? AND rowid >= ?"
                " ORDER BY rank LIMIT ? OFFSET ?",
                (match, floor[0] if floor else 0, per_page, (page - 1) * per_page),
            )
        ]
        marks = ",".join("?" * len(ids))
        rows = conn.execute(
            "SELECT article_search.rowid AS num, nums.article_id AS article, a.title,"
            " a.outlet, a.published, ea.event_id AS event,"
            f" snippet(article_search, 1, '{MARK_START}', '{MARK_END}', '…', 24) AS snippet"
            " FROM article_search JOIN article_numbers nums ON nums.n = article_search.rowid"
            " JOIN articles a ON a.id = nums.article_id"
            " LEFT JOIN event_articles ea ON ea.article_id = a.id"
            f" WHERE article_search MATCH ? AND article_search.rowid IN ({marks})",
            (match, *ids),
        )
        found = {r["num"]: {k: r[k] for k in r.keys() if k != "num"} for r in rows}  # noqa: SIM118
        items = [found[i] for i in ids if i in found]
        return Page(
            items=items,
            total=int(total),
            page=page,
            per_page=per_page,
            extra={"ranked": min(int(total), RANK_WINDOW)},
        )


def open_reader(db: str | Path) -> Reader:
    """The reader of `db`: a `postgresql://` URL, else a SQLite file (which must exist)."""
    if is_postgres(str(db)):
        from .pg_reader import PostgresReader

        return PostgresReader(str(db))
    return SQLiteReader(db)


def _json_list(text: str) -> list[Any]:
    value = json.loads(text)
    return value if isinstance(value, list) else []
