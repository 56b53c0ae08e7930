"""The SQLite store: one file, WAL, one writer (see `Store` for what is stored and how)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .base import Store
from .migrations import migrate


class SQLiteStore(Store):
    seq_column = "rowid"
    now_sql = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
    desc = "DESC"

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        self.source = self.path
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

    def close(self) -> None:
        self.conn.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def atomic(self) -> Iterator[SQLiteStore]:
        """One write transaction; nested calls become savepoints.

        BEGIN IMMEDIATE takes the write lock at once, so two writers take turns instead
        of one failing half-way with "database is locked".
        """
        if self.conn.in_transaction:
            name = f"sp{id(self)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
                self.conn.execute(f"RELEASE {name}")
            except BaseException:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
                raise
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
