"""The web reader on PostgreSQL: a small pool of connections, and PostgreSQL's search.

Connections run in autocommit mode, so every statement sees the latest commit without a
transaction (and its snapshot) held open between requests; a statement borrows one from
a pool of at most POOL_SIZE per server process, so any number of server threads and
processes stay within the server's connection limit.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import psycopg

from ..errors import StoreError
from ..store import redact
from ..store.postgres import PgRow, connect, translate, without_nul
from . import reader as _reader
from .reader import MARK_END, MARK_START, Page, Reader, ts_query

POOL_SIZE = 8  # connections per server process
WAIT_SECONDS = 30  # for a free connection, before a request fails


class Rows(list[Any]):
    """Fetched rows, read like a cursor (`fetchone`, iteration)."""

    def fetchone(self) -> Any:
        return self[0] if self else None


class PostgresReader(Reader):
    """Pooled autocommit connections to a PostgreSQL database; tsvector search."""

    like = "ILIKE"
    desc = "DESC NULLS LAST"

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.source = redact(dsn)
        self._idle: list[psycopg.Connection[PgRow]] = []
        self._free = threading.BoundedSemaphore(POOL_SIZE)
        self._lock = threading.Lock()
        self._generation = 0
        self._version_lock = threading.Lock()
        self._version_conn: psycopg.Connection[PgRow] | None = None
        self._give_back(self._borrow())  # an unreachable server is reported now, not per page

    def _borrow(self) -> psycopg.Connection[PgRow]:
        if not self._free.acquire(timeout=WAIT_SECONDS):
            raise StoreError(
                f"all {POOL_SIZE} connections stayed busy for {WAIT_SECONDS} s", source=self.source
            )
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None or conn.closed:
            try:
                conn = connect(self.dsn, what="database to serve")
            except BaseException:
                self._free.release()
                raise
        conn._storylens_generation = self._generation  # type: ignore[attr-defined]
        return conn

    def _give_back(self, conn: psycopg.Connection[PgRow]) -> None:
        with self._lock:
            if conn.closed or getattr(conn, "_storylens_generation", -1) != self._generation:
                conn.close()
            else:
                self._idle.append(conn)
        self._free.release()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        conn = self._borrow()
        try:
            rows = Rows(conn.execute(translate(sql), without_nul(params)).fetchall())  # type: ignore[arg-type]
        except psycopg.OperationalError as exc:
            conn.close()  # the server went away: a later request connects again
            raise StoreError(f"PostgreSQL: {exc}".splitlines()[0], source=self.source) from exc
        finally:
            self._give_back(conn)
        return rows

    def close(self) -> None:
        with self._version_lock, self._lock:
            self._generation += 1
            for conn in self._idle:
                conn.close()
            self._idle.clear()
            if self._version_conn is not None:
                self._version_conn.close()
            self._version_conn = None

    def version(self) -> tuple[int, ...]:
        """The number every write transaction bumps (see `PostgresStore.atomic`).

        One read of a one-row table on a connection kept for it; the number only grows,
        so a version is never seen twice for different data.
        """
        with self._version_lock:
            try:
                if self._version_conn is None or self._version_conn.closed:
                    self._version_conn = connect(self.dsn, what="database to serve")
                row = self._version_conn.execute("SELECT n FROM data_version").fetchone()
            except psycopg.OperationalError as exc:
                if self._version_conn is not None:
                    self._version_conn.close()
                self._version_conn = None
                raise StoreError(f"PostgreSQL: {exc}".splitlines()[0], source=self.source) from exc
            assert row is not None
            return (self._generation, int(row[0]))

    def _text_events(self, text: str) -> tuple[str, list[Any]]:
        tsq, terms = ts_query(text)
        if not terms:
            return "", []
        return (
            "id IN (SELECT ea.event_id FROM articles a"
            " JOIN event_articles ea ON ea.article_id = a.id"
            f" WHERE a.search @@ ({tsq}))",
            list(terms),
        )

    def search(self, text: str, page: int, per_page: int) -> Page:
        """The tsvector index finds, ts_rank ranks, ts_headline marks the words."""
        tsq, terms = ts_query(text)
        if not terms:
            return Page(items=[], total=0, page=page, per_page=per_page)
        matches = f"FROM articles a, (SELECT {tsq} AS q) t WHERE a.search @@ t.q"
        total = self._execute(f"SELECT count(*) {matches}", terms).fetchone()[0]
        floor = self._execute(
            f"SELECT a.seq {matches} ORDER BY a.seq DESC LIMIT 1 OFFSET ?",
            [*terms, _reader.RANK_WINDOW - 1],
        ).fetchone()
        ids = [
            r[0]
            for r in self._execute(
                f"SELECT a.seq {matches} AND a.seq >= ?"
                " ORDER BY ts_rank(a.search, t.q) DESC, a.seq DESC LIMIT ? OFFSET ?",
                [*terms, floor[0] if floor else 0, per_page, (page - 1) * per_page],
            )
        ]
        found: dict[int, dict[str, Any]] = {}
        if ids:
            rows = self._execute(
                "SELECT a.seq AS num, a.id AS article, a.title, a.outlet, a.published,"
                " ea.event_id AS event, ts_headline('english', a.text, t.q, ?) AS snippet"
                f" FROM articles a CROSS JOIN (SELECT {tsq} AS q) t"
                " LEFT JOIN event_articles ea ON ea.article_id = a.id"
                f" WHERE a.seq IN ({','.join('?' * len(ids))})",
                [_HEADLINE, *terms, *ids],
            )
            found = {r["num"]: {k: r[k] for k in r.keys() if k != "num"} for r in rows}  # noqa: SIM118
        items = [found[i] for i in ids if i in found]
        return Page(
            items=items,
            total=int(total),
            page=page,
            per_page=per_page,
            extra={"ranked": min(int(total), _reader.RANK_WINDOW)},
        )


# one fragment of about 24 words around the matches, marked as FTS5's snippet() marks them
_HEADLINE = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=24, MinWords=12,'
    ' MaxFragments=1, FragmentDelimiter="…"'
)
