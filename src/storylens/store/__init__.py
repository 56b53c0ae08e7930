"""Where storylens keeps its analysis: a SQLite file or a PostgreSQL database.

`open_store` is the one way in; `--db` takes a file path or a `postgresql://` URL.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import Row, Store, is_postgres, redact

__all__ = ["Row", "Store", "is_postgres", "open_store", "redact"]


def open_store(db: str | Path, *, must_exist: bool = False) -> Store:
    """The store `db` names: a `postgresql://` (or `postgres://`) URL, else a SQLite file.

    `must_exist` refuses a SQLite path with no file behind it, so reading commands do
    not create an empty database at a mistyped path. (A PostgreSQL database is created
    by its administrator, so connecting to it is the test.)
    """
    text = str(db)
    if is_postgres(text):
        from .postgres import PostgresStore

        return PostgresStore(text)
    if must_exist and not Path(text).exists():
        raise StoreError(
            f"no database at {text}; create one with `storylens analyze PATH --db {text}`"
        )
    from .sqlite import SQLiteStore

    return SQLiteStore(text)
