"""Numbered schema migrations, each recorded in `migrations` once it has run.

One numbered list serves both engines: a SQLite migration is a function of a connection
(in MIGRATIONS), and the PostgreSQL text of the same version is in POSTGRES beside it.
They differ only where the engines do (FTS5 vs a tsvector column, triggers in SQL vs
PL/pgSQL, rowid vs an identity column). Adding one means appending to both, never
editing an old one, so every existing database can be brought up to date.
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
    _script(
        conn,
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
        """,
    )


def m002_events(conn: sqlite3.Connection) -> None:
    _script(
        conn,
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
        """,
    )


def m003_line_counts(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        """
        -- how many articles of one site carry a given short line: learned furniture
        CREATE TABLE site_lines (
            site TEXT NOT NULL,
            line_hash TEXT NOT NULL,
            articles INTEGER NOT NULL,
            PRIMARY KEY (site, line_hash)
        );
        """,
    )


def _statements(conn: sqlite3.Connection, statements: list[str]) -> None:
    # Trigger bodies hold ";", so these are run one statement at a time, unsplit.
    for statement in statements:
        conn.execute(statement)


def m004_search(conn: sqlite3.Connection) -> None:
    """Full-text search over articles, and the actors of each event, for the web UI.

    FTS5 reads the text through a view keyed by `article_numbers.n`, an INTEGER PRIMARY
    KEY, because the implicit rowid of `articles` may change on VACUUM and the index
    would then point at the wrong articles. Triggers keep both indexes current however
    articles and events are written, so the writers need not know about them.
    """
    _statements(
        conn,
        [
            "CREATE TABLE article_numbers (n INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE)",
            "CREATE VIEW article_search_source AS SELECT n.n AS n, a.title AS title, a.text AS text"
            " FROM article_numbers n JOIN articles a ON a.id = n.article_id",
            "CREATE VIRTUAL TABLE article_search USING fts5(title, text,"
            " content='article_search_source', content_rowid='n',"
            " tokenize='porter unicode61 remove_diacritics 2')",
            "CREATE TRIGGER article_search_ai AFTER INSERT ON articles BEGIN"
            " INSERT INTO article_numbers(article_id) VALUES (new.id);"
            " INSERT INTO article_search(rowid, title, text)"
            "  SELECT n, new.title, new.text FROM article_numbers WHERE article_id = new.id;"
            " END",
            "CREATE TRIGGER article_search_ad AFTER DELETE ON articles BEGIN"
            " INSERT INTO article_search(article_search, rowid, title, text)"
            "  SELECT 'delete', n, old.title, old.text FROM article_numbers WHERE article_id = old.id;"
            " DELETE FROM article_numbers WHERE article_id = old.id;"
            " END",
            "CREATE TRIGGER article_search_au AFTER UPDATE OF title, text ON articles BEGIN"
            " INSERT INTO article_search(article_search, rowid, title, text)"
            "  SELECT 'delete', n, old.title, old.text FROM article_numbers WHERE article_id = old.id;"
            " INSERT INTO article_search(rowid, title, text)"
            "  SELECT n, new.title, new.text FROM article_numbers WHERE article_id = new.id;"
            " END",
            "INSERT INTO article_numbers(article_id) SELECT id FROM articles ORDER BY rowid",
            "INSERT INTO article_search(article_search) VALUES ('rebuild')",
            # every name and alias of every actor of an event, for the "actor" filter
            "CREATE TABLE event_actors (event_id TEXT NOT NULL, name TEXT NOT NULL,"
            " PRIMARY KEY (event_id, name)) WITHOUT ROWID",
            "CREATE INDEX event_actors_name ON event_actors(name COLLATE NOCASE)",
            "CREATE TRIGGER event_actors_ai AFTER INSERT ON events BEGIN"
            f" {_EVENT_ACTORS_INSERT};"
            " END",
            "CREATE TRIGGER event_actors_au AFTER UPDATE OF data ON events BEGIN"
            " DELETE FROM event_actors WHERE event_id = old.id;"
            f" {_EVENT_ACTORS_INSERT};"
            " END",
            "CREATE TRIGGER event_actors_ad AFTER DELETE ON events BEGIN"
            " DELETE FROM event_actors WHERE event_id = old.id;"
            " END",
            _EVENT_ACTORS_INSERT.replace("new.", "events.").replace(
                "FROM json_each(events.data", "FROM events, json_each(events.data"
            ),
        ],
    )


_EVENT_ACTORS_INSERT = (
    "INSERT OR IGNORE INTO event_actors(event_id, name)"
    " SELECT new.id, v.value FROM json_each(new.data, '$.actors') a,"
    " json_each(CASE WHEN a.type = 'object' THEN a.value ELSE '{}' END) v"
    " WHERE v.key = 'name' AND v.type = 'text'"
    " UNION SELECT new.id, al.value FROM json_each(new.data, '$.actors') a,"
    " json_each(CASE WHEN a.type = 'object' THEN a.value ELSE '{}' END, '$.aliases') al"
    " WHERE al.type = 'text'"
)


def m005_clean_state(conn: sqlite3.Connection) -> None:
    """What the cross-article cleaning steps remember between runs.

    `site_articles` records which articles already added to `site_lines`, so a batch
    cleaned twice (a resumed run) counts once. `minhashes` keeps each article's MinHash
    signature and publication day, so a later run finds copies of earlier articles by
    loading only the signatures of nearby days.
    """
    _script(
        conn,
        """
        CREATE TABLE site_articles (
            site TEXT NOT NULL,
            article_id TEXT NOT NULL,       -- the id clean.v1 gave the article
            PRIMARY KEY (site, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE minhashes (
            article_id TEXT PRIMARY KEY,
            day INTEGER,                    -- days since 1970-01-01 of `published` (NULL: unknown)
            duplicate_of TEXT,              -- the original this article copies, if any
            scheme TEXT NOT NULL,           -- datasketch hashing scheme of the signature
            signature BLOB NOT NULL         -- the hash values, little-endian
        );
        CREATE INDEX minhashes_day ON minhashes(day);
        """,
    )


def m006_event_summaries(conn: sqlite3.Connection) -> None:
    """The few numbers a list of events shows, kept beside each event by triggers.

    Listing events is the web UI's most frequent query; reading these small rows instead
    of parsing every event's whole JSON keeps it fast at any corpus size.
    """
    _statements(
        conn,
        [
            "CREATE TABLE event_summaries (event_id TEXT PRIMARY KEY,"
            " locations TEXT NOT NULL,          -- JSON array"
            "\n outlets TEXT NOT NULL,         -- JSON array; null is an unknown outlet"
            "\n articles INTEGER NOT NULL, corroborated INTEGER NOT NULL,"
            " single_source INTEGER NOT NULL, disputed INTEGER NOT NULL) WITHOUT ROWID",
            f"CREATE TRIGGER event_summaries_ai AFTER INSERT ON events BEGIN {_EVENT_SUMMARY}; END",
            "CREATE TRIGGER event_summaries_au AFTER UPDATE OF data ON events BEGIN"
            " DELETE FROM event_summaries WHERE event_id = old.id;"
            f" {_EVENT_SUMMARY};"
            " END",
            "CREATE TRIGGER event_summaries_ad AFTER DELETE ON events BEGIN"
            " DELETE FROM event_summaries WHERE event_id = old.id;"
            " END",
            _EVENT_SUMMARY.replace("new.", "events.") + " FROM events",
        ],
    )


def _summary_count(status: str) -> str:
    return (
        "(SELECT count(*) FROM json_each(new.data, '$.claims') c WHERE c.type = 'object'"
        f" AND json_extract(c.value, '$.status') = '{status}')"
    )


def _summary_array(path: str) -> str:
    return (
        f"CASE json_type(new.data, '{path}') WHEN 'array'"
        f" THEN json_extract(new.data, '{path}') ELSE '[]' END"
    )


_EVENT_SUMMARY = (
    "INSERT OR REPLACE INTO event_summaries(event_id, locations, outlets, articles,"
    " corroborated, single_source, disputed)"
    f" SELECT new.id, {_summary_array('$.locations')}, {_summary_array('$.outlets')},"
    " coalesce(json_array_length(new.data, '$.articles'), 0),"
    f" {_summary_count('corroborated')}, {_summary_count('single-source')},"
    f" {_summary_count('disputed')}"
)


def m007_events_newest_first(conn: sqlite3.Connection) -> None:
    """Pages of the newest-first list of events are found in this index alone."""
    conn.execute("CREATE INDEX IF NOT EXISTS events_date_id ON events(date, id)")


MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "articles", m001_articles),
    (2, "events", m002_events),
    (3, "line_counts", m003_line_counts),
    (4, "search", m004_search),
    (5, "clean_state", m005_clean_state),
    (6, "event_summaries", m006_event_summaries),
    (7, "events_newest_first", m007_events_newest_first),
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


# -- PostgreSQL ----------------------------------------------------------------------
# Text that is sorted or compared by range is COLLATE "C": byte order, as in SQLite,
# whatever locale the server was created with (dates compare with a "~" suffix, ids sort
# the same on both engines). `seq` identity columns stand in for SQLite's rowid.

PG_NOW = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""

# every name and alias of an event's actors, as the SQLite triggers of m004 find them
_PG_ACTORS = """
CREATE FUNCTION storylens_event_actors() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actors jsonb;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM event_actors WHERE event_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    actors := NEW.data::jsonb -> 'actors';
    IF jsonb_typeof(actors) = 'array' THEN
      INSERT INTO event_actors(event_id, name)
      SELECT NEW.id, a ->> 'name' FROM jsonb_array_elements(actors) a
       WHERE jsonb_typeof(a -> 'name') = 'string'
      UNION
      SELECT NEW.id, al #>> '{}' FROM jsonb_array_elements(actors) a,
             jsonb_array_elements(CASE WHEN jsonb_typeof(a -> 'aliases') = 'array'
                                       THEN a -> 'aliases' ELSE '[]'::jsonb END) al
       WHERE jsonb_typeof(al) = 'string'
      ON CONFLICT DO NOTHING;
    END IF;
  END IF;
  RETURN NULL;
END $$
"""

# the few numbers a list of events shows, as the SQLite triggers of m006 keep them
_PG_SUMMARIES = """
CREATE FUNCTION storylens_event_summaries() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
  claims jsonb;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM event_summaries WHERE event_id = OLD.id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    d := NEW.data::jsonb;
    claims := CASE WHEN jsonb_typeof(d -> 'claims') = 'array' THEN d -> 'claims'
                   ELSE '[]'::jsonb END;
    INSERT INTO event_summaries(event_id, locations, outlets, articles, corroborated,
                                single_source, disputed)
    SELECT NEW.id,
           CASE WHEN jsonb_typeof(d -> 'locations') = 'array' THEN (d -> 'locations')::text
                ELSE '[]' END,
           CASE WHEN jsonb_typeof(d -> 'outlets') = 'array' THEN (d -> 'outlets')::text
                ELSE '[]' END,
           CASE WHEN jsonb_typeof(d -> 'articles') = 'array'
                THEN jsonb_array_length(d -> 'articles') ELSE 0 END,
           (SELECT count(*) FROM jsonb_array_elements(claims) c
             WHERE jsonb_typeof(c) = 'object' AND c ->> 'status' = 'corroborated'),
           (SELECT count(*) FROM jsonb_array_elements(claims) c
             WHERE jsonb_typeof(c) = 'object' AND c ->> 'status' = 'single-source'),
           (SELECT count(*) FROM jsonb_array_elements(claims) c
             WHERE jsonb_typeof(c) = 'object' AND c ->> 'status' = 'disputed')
    ON CONFLICT (event_id) DO UPDATE SET locations = excluded.locations,
      outlets = excluded.outlets, articles = excluded.articles,
      corroborated = excluded.corroborated, single_source = excluded.single_source,
      disputed = excluded.disputed;
  END IF;
  RETURN NULL;
END $$
"""

POSTGRES: dict[int, list[str]] = {
    1: [
        'CREATE TABLE articles (id TEXT COLLATE "C" PRIMARY KEY, source TEXT NOT NULL,'
        ' outlet TEXT COLLATE "C", url TEXT, title TEXT, published TEXT COLLATE "C",'
        " language TEXT, duplicate_of TEXT, text TEXT NOT NULL, data TEXT NOT NULL,"
        f" stages TEXT NOT NULL, ingested_at TEXT NOT NULL DEFAULT {PG_NOW},"
        " seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE)",
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE TABLE inputs (key TEXT PRIMARY KEY, article_id TEXT NOT NULL)",
    ],
    2: [
        'CREATE TABLE events (id TEXT COLLATE "C" PRIMARY KEY, date TEXT COLLATE "C",'
        f" title TEXT, data TEXT NOT NULL, updated_at TEXT NOT NULL DEFAULT {PG_NOW})",
        "CREATE INDEX events_date ON events(date)",
        "CREATE TABLE event_articles (article_id TEXT PRIMARY KEY REFERENCES articles(id),"
        " event_id TEXT NOT NULL REFERENCES events(id))",
        "CREATE INDEX event_articles_event ON event_articles(event_id)",
        "CREATE TABLE event_features (article_id TEXT PRIMARY KEY REFERENCES articles(id),"
        " day INTEGER, data TEXT NOT NULL, seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE)",
        "CREATE INDEX event_features_day ON event_features(day)",
        "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ],
    3: [
        "CREATE TABLE site_lines (site TEXT NOT NULL, line_hash TEXT NOT NULL,"
        " articles INTEGER NOT NULL, PRIMARY KEY (site, line_hash))",
    ],
    4: [
        # PostgreSQL's own full-text search: a stored tsvector (title weighted above the
        # text) kept current by the engine itself, and a GIN index over it
        "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS"
        " (setweight(to_tsvector('english', coalesce(title, '')), 'A')"
        " || setweight(to_tsvector('english', text), 'B')) STORED",
        "CREATE INDEX articles_search ON articles USING GIN (search)",
        "CREATE TABLE event_actors (event_id TEXT NOT NULL, name TEXT NOT NULL,"
        " PRIMARY KEY (event_id, name))",
        "CREATE INDEX event_actors_name ON event_actors(lower(name))",
        _PG_ACTORS,
        "CREATE TRIGGER event_actors_sync AFTER INSERT OR DELETE OR UPDATE OF data ON events"
        " FOR EACH ROW EXECUTE FUNCTION storylens_event_actors()",
        "UPDATE events SET data = data",  # fill for events stored before this migration
    ],
    5: [
        "CREATE TABLE site_articles (site TEXT NOT NULL, article_id TEXT NOT NULL,"
        " PRIMARY KEY (site, article_id))",
        "CREATE TABLE minhashes (article_id TEXT PRIMARY KEY, day INTEGER, duplicate_of TEXT,"
        " scheme TEXT NOT NULL, signature BYTEA NOT NULL,"
        " seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE)",
        "CREATE INDEX minhashes_day ON minhashes(day)",
    ],
    6: [
        "CREATE TABLE event_summaries (event_id TEXT PRIMARY KEY, locations TEXT NOT NULL,"
        " outlets TEXT NOT NULL, articles INTEGER NOT NULL, corroborated INTEGER NOT NULL,"
        " single_source INTEGER NOT NULL, disputed INTEGER NOT NULL)",
        _PG_SUMMARIES,
        "CREATE TRIGGER event_summaries_sync AFTER INSERT OR DELETE OR UPDATE OF data ON events"
        " FOR EACH ROW EXECUTE FUNCTION storylens_event_summaries()",
        "UPDATE events SET data = data",
    ],
    7: [
        # newest first with undated events last, the order SQLite gives `date DESC`
        "CREATE INDEX IF NOT EXISTS events_date_id ON events(date DESC NULLS LAST, id DESC)",
    ],
}

if sorted(POSTGRES) != [v for v, _, _ in MIGRATIONS]:  # pragma: no cover - a coding slip
    raise RuntimeError("every migration needs its PostgreSQL text, and only those")
