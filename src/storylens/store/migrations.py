"""Numbered schema migrations, each recorded in `migrations` once it has run.

A migration is a function of a connection; adding one means appending to MIGRATIONS,
never editing an old one, so every existing database can be brought up to date.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _script(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT the migration's transaction half-way; run one by one.
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def m001_articles(conn: sqlite3.Connection) -> None:
    _script(conn,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,            -- hash of the normalized cleaned text
            source TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            title TEXT,
            published TEXT,
            language TEXT,
            duplicate_of TEXT,
            text TEXT NOT NULL,
            data TEXT NOT NULL,             -- the whole Article record as JSON
            stages TEXT NOT NULL,           -- {"clean": "clean.v1", ...}
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet);
        -- every input ever read (source + hash of its raw content): a re-run skips these
        CREATE TABLE inputs (
            key TEXT PRIMARY KEY,
            article_id TEXT NOT NULL
        );
        """
    )


def m002_events(conn: sqlite3.Connection) -> None:
    _script(conn,
        """
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            date TEXT,
            title TEXT,
            data TEXT NOT NULL,             -- the storylens/v1 event object as JSON
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX events_date ON events(date);
        CREATE TABLE event_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            event_id TEXT NOT NULL REFERENCES events(id)
        );
        CREATE INDEX event_articles_event ON event_articles(event_id);
        -- per-article features the incremental event stage compares (JSON)
        CREATE TABLE event_features (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            day INTEGER,                    -- event day number, for time blocking
            data TEXT NOT NULL
        );
        CREATE INDEX event_features_day ON event_features(day);
        CREATE TABLE state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


def m003_line_counts(conn: sqlite3.Connection) -> None:
    _script(conn,
        """
        -- how many articles of one site carry a given short line: learned furniture
        CREATE TABLE site_lines (
            site TEXT NOT NULL,
            line_hash TEXT NOT NULL,
            articles INTEGER NOT NULL,
            PRIMARY KEY (site, line_hash)
        );
        """
    )


MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "articles", m001_articles),
    (2, "events", m002_events),
    (3, "line_counts", m003_line_counts),
]


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )
    done = {row[0] for row in conn.execute("SELECT version FROM migrations")}
    applied = []
    for version, name, fn in MIGRATIONS:
        if version in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            fn(conn)
            conn.execute("INSERT INTO migrations(version, name) VALUES (?, ?)", (version, name))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
