"""The PostgreSQL store: the same interface as SQLite, on a server (psycopg 3).

For corpora past what one file on one machine serves well: many readers (web workers on
other hosts), a writer that never blocks them (MVCC), and the server's own backups.
The connection runs in autocommit mode, so a read sees the latest commit and only
`atomic()` opens a transaction, the same contract as the SQLite store's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import pq
from psycopg.rows import RowMaker

from ..errors import StoreError
from .base import Store, redact
from .migrations import MIGRATIONS, PG_NOW, POSTGRES

# any number, but the same one everywhere: migrations of two processes take turns
_MIGRATION_LOCK = 0x5104_1E45


class PgRow:
    """A row readable by position or by column name, like `sqlite3.Row`."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence[Any]) -> None:
        self._index = index
        self._values = values

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)


def pg_row(cursor: Any) -> RowMaker[PgRow]:
    names = [c.name for c in cursor.description or ()]
    index = {name: i for i, name in reversed(list(enumerate(names)))}

    def make(values: Sequence[Any]) -> PgRow:
        return PgRow(index, values)

    return make


@lru_cache(maxsize=1024)  # the same few statements are sent again and again
def translate(sql: str) -> str:
    """`?` placeholders (outside quoted text) as psycopg's `%s`; a literal `%` doubled."""
    out = []
    for part in re.split(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\")", sql):
        if part.startswith(("'", '"')):
            out.append(part.replace("%", "%%"))
        else:
            out.append(part.replace("%", "%%").replace("?", "%s"))
    return "".join(out)


_JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


def without_nul(params: Sequence[Any]) -> list[Any]:
    """Parameters PostgreSQL accepts: its text cannot hold NUL, nor jsonb a `\\u0000`.

    A NUL that reached the store (the readers keep other control characters out of
    the text, not this one from JSON input) becomes U+FFFD, the replacement character,
    in the text and in the JSON records alike; SQLite keeps it as it is.
    """
    out = []
    for value in params:
        if isinstance(value, str):
            value = value.replace("\x00", "\ufffd")
            if "\\u0000" in value:
                value = _JSON_NUL.sub(lambda m: m.group(1) + "\\ufffd", value)
        out.append(value)
    return out


def connect(dsn: str, *, what: str = "database") -> psycopg.Connection[PgRow]:
    """An autocommit connection, or a one-line StoreError saying why there is none."""
    try:
        return psycopg.connect(
            dsn,
            autocommit=True,
            row_factory=pg_row,
            connect_timeout=10,
            application_name="storylens",
        )
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"cannot connect to the PostgreSQL {what}: {reason}", source=redact(dsn)
        ) from exc


class PostgresStore(Store):
    seq_column = "seq"
    now_sql = PG_NOW
    desc = "DESC NULLS LAST"

    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.source = redact(dsn)
        self.conn = connect(dsn)
        try:
            migrate_postgres(self.conn)
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(
                f"cannot set up the storylens schema ({_first_line(exc)}); pass an empty"
                " database, or one storylens created, that this user owns",
                source=self.source,
            ) from exc

    def close(self) -> None:
        self.conn.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[PgRow]:
        try:
            return self.conn.execute(translate(sql), without_nul(params))  # type: ignore[arg-type]
        except psycopg.OperationalError as exc:
            raise StoreError(f"PostgreSQL: {_first_line(exc)}", source=self.source) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        try:
            with self.conn.cursor() as cur:
                cur.executemany(translate(sql), [without_nul(r) for r in rows])  # type: ignore[arg-type]
        except psycopg.OperationalError as exc:
            raise StoreError(f"PostgreSQL: {_first_line(exc)}", source=self.source) from exc

    @contextmanager
    def atomic(self) -> Iterator[PostgresStore]:
        """One write transaction; nested calls become savepoints.

        The transaction first bumps the one row of `data_version`: that row lock makes
        writers take turns (as SQLite's BEGIN IMMEDIATE does), and readers learn from the
        number, cheaply, that something was committed (as from SQLite's data_version).
        """
        if self.conn.info.transaction_status != pq.TransactionStatus.IDLE:
            with self.conn.transaction():
                yield self
            return
        try:
            with self.conn.transaction():
                self.conn.execute("UPDATE data_version SET n = n + 1")
                yield self
        except psycopg.OperationalError as exc:
            raise StoreError(f"PostgreSQL: {_first_line(exc)}", source=self.source) from exc


def migrate_postgres(conn: psycopg.Connection[Any]) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied.

    Each runs in its own transaction under an advisory lock, so two processes opening a
    new database at once (a server and its ingest worker) apply each migration once.
    """
    names = {version: name for version, name, _ in MIGRATIONS}
    applied = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY,"
            f" name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT {PG_NOW})"
        )
        # one row, bumped by every write transaction: what readers poll for changes
        conn.execute("CREATE TABLE IF NOT EXISTS data_version (n BIGINT NOT NULL)")
        conn.execute(
            "INSERT INTO data_version(n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM data_version)"
        )
    for version in sorted(POSTGRES):
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            done = conn.execute("SELECT 1 FROM migrations WHERE version = %s", (version,))
            if done.fetchone():
                continue
            for statement in POSTGRES[version]:
                conn.execute(statement)  # no parameters: sent as written
            conn.execute(
                "INSERT INTO migrations(version, name) VALUES (%s, %s)", (version, names[version])
            )
            applied.append(version)
    return applied


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
