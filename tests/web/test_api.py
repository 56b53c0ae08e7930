"""The JSON API mirrors storylens/v1 and fails in one pinned shape."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storylens.errors import InputError, NotFound, StoreError, StorylensError, UsageError
from storylens.report.validate import problems
from storylens.web.app import close, create_app

ERROR_KEYS = {"status", "code", "message"}


def test_an_event_is_the_stored_storylens_v1_object_unchanged(client: TestClient, story) -> None:
    stored = next(e for e in story.events if e["id"] == "e-talks")
    assert client.get("/api/events/e-talks").json() == stored


def test_events_are_listed_newest_first_with_filters_and_pages(client: TestClient) -> None:
    body = client.get("/api/events", params={"per_page": 2}).json()
    assert [e["id"] for e in body["events"]] == ["e-talks", "e-ferry"]
    assert (body["total"], body["page"], body["per_page"]) == (3, 1, 2)
    page2 = client.get("/api/events", params={"per_page": 2, "page": 2}).json()
    assert [e["id"] for e in page2["events"]] == ["e-2023"]
    only = client.get("/api/events", params={"actor": "morlan", "from": "2025"}).json()
    assert [e["id"] for e in only["events"]] == ["e-talks"]


def test_articles_and_events_from_the_api_make_a_valid_storylens_v1_document(
    client: TestClient,
) -> None:
    events = client.get("/api/events", params={"per_page": 200}).json()["events"]
    ids = [a for ev in events for a in ev["articles"]]
    articles = [client.get(f"/api/articles/{a}").json() for a in ids]
    assert all(a["event"] for a in articles)
    doc = {"schema": "storylens/v1", "articles": articles, "events": events}
    assert problems(doc) == []


def test_an_article_of_unknown_outlet_has_a_null_outlet(client: TestClient, story) -> None:
    body = client.get(f"/api/articles/{story.articles['xx'].id}").json()
    assert body["outlet"] is None
    assert body["outlet_evidence"] is None


def test_outlets_are_counted_and_unknown_ones_kept_apart(client: TestClient) -> None:
    body = client.get("/api/outlets").json()
    assert body["outlets"][0] == {"name": "Harbor Wire", "articles": 3}
    assert body["unknown_outlet_articles"] == 1
    assert None not in [o["name"] for o in body["outlets"]]


def test_search_returns_articles_with_their_event_and_a_plain_snippet(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Marisol hospital"}).json()
    assert [(r["event"], r["outlet"]) for r in body["results"]] == [
        ("e-ferry", "Northgate Observer")
    ]
    assert "\x02" not in body["results"][0]["snippet"]
    assert "hospital" in body["results"][0]["snippet"]


def test_the_openapi_document_describes_the_api_and_its_error_shape(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/articles/{article_id}",
        "/api/outlets",
        "/api/search",
        "/api/articles",
    } <= set(doc["paths"])
    not_found = doc["paths"]["/api/events/{event_id}"]["get"]["responses"]["404"]
    assert not_found["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/events/nope", 404, "not_found"),
        ("/api/articles/nope", 404, "not_found"),
        ("/api/jobs/j1", 404, "not_found"),
        ("/api/nothing-here", 404, "not_found"),
        ("/api/events?page=0", 422, "invalid_request"),
        ("/api/events?from=yesterday", 422, "invalid_request"),
        ("/api/search", 422, "invalid_request"),
    ],
)
def test_every_api_error_has_one_json_shape(
    client: TestClient, url: str, status: int, code: str
) -> None:
    answer = client.get(url)
    assert answer.status_code == status
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    assert (body["error"]["status"], body["error"]["code"]) == (status, code)
    assert body["error"]["message"]


def test_a_wrong_method_is_answered_in_the_same_shape(client: TestClient) -> None:
    body = client.delete("/api/events").json()
    assert body == {
        "error": {"status": 405, "code": "method_not_allowed", "message": "Method Not Allowed"}
    }


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (NotFound("no such thing"), 404, "not_found"),
        (UsageError("bad option"), 400, "usage_error"),
        (InputError("unreadable"), 422, "input_error"),
        (StoreError("locked"), 500, "store_error"),
        (StorylensError("plain"), 500, "internal_error"),
    ],
)
def test_library_errors_keep_their_http_status_and_name_their_code(
    app: FastAPI, error: StorylensError, status: int, code: str
) -> None:
    @app.get("/api/raise-for-test")
    def _raise() -> None:
        raise error

    body = TestClient(app).get("/api/raise-for-test").json()
    assert body == {"error": {"status": status, "code": code, "message": error.message}}


def test_a_bug_is_a_500_in_the_same_shape_without_internals(app: FastAPI) -> None:
    @app.get("/api/bug-for-test")
    def _bug() -> None:
        raise KeyError("secret internal detail")

    answer = TestClient(app, raise_server_exceptions=False).get("/api/bug-for-test")
    assert answer.status_code == 500
    assert answer.json()["error"]["code"] == "internal_error"
    assert "secret" not in answer.text


def test_a_search_with_very_many_matches_counts_all_and_ranks_the_newest(
    tmp_path, new_story, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storylens.web import reader

    for i in range(5):
        new_story.article(f"a{i}", f"Ferry report number {i}.", outlet="Harbor Wire")
    app = create_app(new_story.save(tmp_path / "many.sqlite"))
    monkeypatch.setattr(reader, "RANK_WINDOW", 2)
    body = TestClient(app).get("/api/search", params={"q": "ferry"}).json()
    close(app)
    assert body["total"] == 5
    ids = {new_story.articles[k].id for k in ("a3", "a4")}
    assert {r["article"] for r in body["results"]} == ids
