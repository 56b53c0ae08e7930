"""The web app on PostgreSQL: the same pages and API answers as on SQLite.

The tests imported below are the SQLite ones, run again here with `talks_db` a fresh
PostgreSQL database holding the same story; the ones after them exercise what the
PostgreSQL reader does its own way (search, change detection, the ingest writer).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storylens.errors import StoreError
from storylens.store import open_store
from storylens.web.app import close, create_app

from .stories import StoryBuilder, talks_story
from .test_api import (  # noqa: F401 - collected again, on PostgreSQL
    test_an_article_of_unknown_outlet_has_a_null_outlet,
    test_an_event_is_the_stored_storylens_v1_object_unchanged,
    test_articles_and_events_from_the_api_make_a_valid_storylens_v1_document,
    test_events_are_listed_newest_first_with_filters_and_pages,
    test_outlets_are_counted_and_unknown_ones_kept_apart,
    test_search_returns_articles_with_their_event_and_a_plain_snippet,
)
from .test_ingest import (  # noqa: F401
    SAMPLE,
    TOKEN,
    _jsonl,
    test_pages_answer_from_the_last_commit_while_a_writer_holds_the_database,
)
from .test_pages import (  # noqa: F401
    test_a_page_served_before_a_commit_is_not_served_after_it,
    test_search_finds_words_in_article_text_and_marks_them,
    test_search_treats_operators_and_markup_as_plain_words,
    test_the_event_page_shows_claims_by_outlet_and_marks_weak_ones,
    test_the_home_page_filters_by_text_actor_outlet_and_dates,
    test_the_home_page_lists_events_newest_first,
    test_the_outlet_page_says_how_often_the_outlet_is_the_only_source,
)

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def talks_db(pg_url: str) -> str:
    return talks_story().save(pg_url)


@pytest.fixture
def app(talks_db: str) -> Iterator[FastAPI]:
    application = create_app(talks_db)
    yield application
    close(application)


def test_a_search_with_very_many_matches_counts_all_and_ranks_the_newest(
    pg_url: str, new_story: StoryBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storylens.web import reader

    for i in range(5):
        new_story.article(f"a{i}", f"Ferry report number {i}.", outlet="Harbor Wire")
    app = create_app(new_story.save(pg_url))
    monkeypatch.setattr(reader, "RANK_WINDOW", 2)
    body = TestClient(app).get("/api/search", params={"q": "ferries"}).json()  # stemmed
    close(app)
    assert body["total"] == 5
    ids = {new_story.articles[k].id for k in ("a3", "a4")}
    assert {r["article"] for r in body["results"]} == ids


def test_the_reader_version_moves_on_every_commit_and_only_then(talks_db: str) -> None:
    app = create_app(talks_db)
    reader = app.state.reader
    before = reader.version()
    assert reader.version() == before
    with open_store(talks_db) as writer:
        writer.set_state("touched", "1")
    assert reader.version() > before
    close(app)


def test_a_server_on_an_unreachable_database_fails_in_one_line() -> None:
    with pytest.raises(StoreError) as caught:
        create_app("postgresql://storylens:hunter2@127.0.0.1:1/none")
    message = str(caught.value)
    assert "cannot connect" in message
    assert "\n" not in message
    assert "hunter2" not in message


def test_uploaded_articles_are_analysed_by_the_writer_process_on_postgresql(pg_url: str) -> None:
    open_store(pg_url).close()
    app: FastAPI = create_app(pg_url, token=TOKEN)
    with TestClient(app) as c:
        upload = _jsonl(
            ("harborwire_talks_2025-05-10.txt", "Harbor Wire"),
            ("vsna_talks_2025-05-11.txt", "Valdoria State News Agency"),
        )
        answer = c.post("/api/articles", files={"file": ("talks.jsonl", upload)}, headers=AUTH)
        assert answer.status_code == 202, answer.text
        deadline = time.monotonic() + 120
        while (job := c.get(answer.headers["location"]).json())["status"] in {
            "queued",
            "running",
        }:
            assert c.get("/").status_code == 200  # pages answer during the analysis
            assert time.monotonic() < deadline, "the analysis did not finish in time"
            time.sleep(0.2)
        assert job["status"] == "done", job
        assert (job["new"], job["skipped"]) == (2, [])
        assert c.get("/api/events").json()["total"] >= 1
        hits = c.get("/api/search", params={"q": "Reyvik"}).json()["results"]
        assert {h["outlet"] for h in hits} == {"Harbor Wire", "Valdoria State News Agency"}
        assert all(h["event"] for h in hits)
    close(app)
    assert SAMPLE.is_dir()


def test_many_threads_reading_at_once_share_a_bounded_pool_of_connections(
    talks_db: str, tmp_path: Path
) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import urlsplit

    import psycopg

    from storylens.web.pg_reader import POOL_SIZE
    from storylens.web.reader import EventFilter, open_reader

    on_sqlite = open_reader(talks_story().save(tmp_path / "talks.sqlite"))
    expected = on_sqlite.events(EventFilter(q="border"), 1, 20).total
    on_sqlite.close()
    reader = open_reader(talks_db)
    with ThreadPoolExecutor(max_workers=4 * POOL_SIZE) as pool:
        totals = set(
            pool.map(lambda _: reader.events(EventFilter(q="border"), 1, 20).total, range(200))
        )
    dbname = urlsplit(talks_db).path.lstrip("/")
    with psycopg.connect(talks_db) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
            " AND application_name = 'storylens'",
            (dbname,),
        ).fetchone()
    reader.close()
    assert totals == {expected}
    assert row is not None
    assert 1 <= row[0] <= POOL_SIZE
