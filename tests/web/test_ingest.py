"""Ingest over HTTP: off without a token, bounded, and analysed behind the pages' back."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storylens.web.app import close, create_app

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def writable(talks_db: Path) -> Iterator[TestClient]:
    app = create_app(talks_db, token=TOKEN, max_upload=4096)
    with TestClient(app) as c:
        yield c
    close(app)


def _error(answer) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    body = answer.json()["error"]
    assert body["status"] == answer.status_code
    return answer.status_code, body["code"]


def test_a_server_started_without_a_token_refuses_every_write(client: TestClient) -> None:
    answer = client.post("/api/articles", json={"text": "Something happened."}, headers=AUTH)
    assert _error(answer) == (403, "forbidden")
    assert "--token" in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
        {"Authorization": f"Bearer {TOKEN}x"},
    ],
)
def test_a_write_without_the_exact_bearer_token_is_unauthorized(
    writable: TestClient, headers: dict[str, str]
) -> None:
    answer = writable.post("/api/articles", json={"text": "Something happened."}, headers=headers)
    assert _error(answer) == (401, "unauthorized")
    assert answer.headers["www-authenticate"] == "Bearer"


def test_a_body_over_the_limit_is_refused_before_it_is_read_whole(writable: TestClient) -> None:
    big = json.dumps({"text": "word " * 2000})
    answer = writable.post(
        "/api/articles", content=big, headers={**AUTH, "content-type": "application/json"}
    )
    assert _error(answer) == (413, "payload_too_large")


def test_a_body_streamed_without_a_length_is_still_bounded(writable: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b'{"text": "' + b"x" * 100 + b'"}\n'

    answer = writable.post(
        "/api/articles", content=chunks(), headers={**AUTH, "content-type": "application/x-ndjson"}
    )
    assert _error(answer) == (413, "payload_too_large")


def test_an_unknown_body_type_is_refused_with_the_types_that_work(writable: TestClient) -> None:
    answer = writable.post(
        "/api/articles", content=b"hello", headers={**AUTH, "content-type": "text/html"}
    )
    assert _error(answer) == (415, "unsupported_media_type")
    assert "application/x-ndjson" in answer.json()["error"]["message"]


def test_a_body_that_is_not_json_is_an_input_error(writable: TestClient) -> None:
    answer = writable.post(
        "/api/articles", content=b"{not json", headers={**AUTH, "content-type": "application/json"}
    )
    assert _error(answer) == (422, "input_error")


def test_an_upload_without_a_file_field_is_an_input_error(writable: TestClient) -> None:
    answer = writable.post(
        "/api/articles", data={"other": "x"}, files={"nope": ("a.jsonl", b"{}")}, headers=AUTH
    )
    assert _error(answer) == (422, "input_error")


def test_articles_that_cannot_be_read_are_reported_and_nothing_is_queued(
    writable: TestClient,
) -> None:
    answer = writable.post("/api/articles", json=[{"title": "no body"}, 42], headers=AUTH)
    assert answer.status_code == 202
    job = answer.json()
    assert (job["status"], job["received"]) == ("done", 0)
    assert [r["source"] for r in job["rejected"]] == ["api:1", "api:2"]
    assert writable.get(answer.headers["location"]).json() == job


def test_the_openapi_document_says_writes_need_the_token(writable: TestClient) -> None:
    op = writable.get("/api/openapi.json").json()["paths"]["/api/articles"]["post"]
    assert {"401", "403", "413", "415"} <= set(op["responses"])


SAMPLE = Path(__file__).resolve().parents[2] / "src" / "storylens" / "sample" / "corpus" / "txt"


def _jsonl(*items: tuple[str, str]) -> bytes:
    lines = [
        json.dumps({"id": name, "outlet": outlet, "text": (SAMPLE / name).read_text("utf-8")})
        for name, outlet in items
    ]
    return ("\n".join(lines) + "\n").encode()


def test_uploaded_articles_are_analysed_while_the_pages_keep_answering(tmp_path: Path) -> None:
    from storylens.store.sqlite import SQLiteStore

    db = tmp_path / "empty.sqlite"
    SQLiteStore(db).close()
    app: FastAPI = create_app(db, token=TOKEN)
    with TestClient(app) as c:
        upload = _jsonl(
            ("harborwire_talks_2025-05-10.txt", "Harbor Wire"),
            ("vsna_talks_2025-05-11.txt", "Valdoria State News Agency"),
        )
        answer = c.post("/api/articles", files={"file": ("talks.jsonl", upload)}, headers=AUTH)
        assert answer.status_code == 202, answer.text
        job_url = answer.headers["location"]
        deadline = time.monotonic() + 120
        while (job := c.get(job_url).json())["status"] in {"queued", "running"}:
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


def test_pages_answer_from_the_last_commit_while_a_writer_holds_the_database(
    talks_db: Path, client: TestClient, story
) -> None:
    from storylens.store import open_store

    with open_store(talks_db) as writer, writer.atomic():
        writer.put_events([{**story.events[1], "title": "Renamed, not yet committed"}])
        started = time.monotonic()
        page = client.get("/events/e-2023")
        assert time.monotonic() - started < 2  # not waiting for the writer's lock
    assert page.status_code == 200
    assert "Ilsung and Vash discuss border cooperation" in page.text
    assert "Renamed" in client.get("/events/e-2023").text  # seen once committed


def test_a_job_whose_analysis_cannot_run_is_reported_failed_with_the_reason(
    writable: TestClient, tmp_path: Path
) -> None:
    app = writable.app
    app.state.worker.db_path = str(tmp_path / "not-a-database")  # type: ignore[attr-defined]
    (tmp_path / "not-a-database").write_bytes(b"this is not SQLite" * 100)
    answer = writable.post("/api/articles", json={"text": "Something happened."}, headers=AUTH)
    assert answer.status_code == 202
    deadline = time.monotonic() + 60
    while (job := writable.get(answer.headers["location"]).json())["status"] in {
        "queued",
        "running",
    }:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert job["status"] == "failed"
    assert "not a storylens database" in job["error"]
