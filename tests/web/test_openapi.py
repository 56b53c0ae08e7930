"""schemathesis against the OpenAPI document: generated requests never break the server,
and every answer matches what the document says (status, content type, body schema).

The operations are driven through `APIOperation.as_strategy()` with our own fixture,
because schemathesis' pytest loader (`from_fixture`) does not run under pytest 9.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

from storylens.web.app import close, create_app

from .stories import talks_story

OPERATIONS = [
    ("GET", "/api/events"),
    ("GET", "/api/events/{event_id}"),
    ("GET", "/api/articles/{article_id}"),
    ("GET", "/api/outlets"),
    ("GET", "/api/search"),
    ("POST", "/api/articles"),
    ("GET", "/api/jobs/{job_id}"),
]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    db = talks_story().save(Path(tmp_path_factory.mktemp("api")) / "api.sqlite")
    app = create_app(db, token="not-sent-by-schemathesis", max_upload=64 * 1024)
    yield schemathesis.openapi.from_asgi("/api/openapi.json", app)
    close(app)


def test_the_tests_cover_every_operation_of_the_document(api_schema: Any) -> None:
    found = {(r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


# Negative data (requests the document forbids) exists only where a parameter is bounded.
CASES = [(m, p, GenerationMode.POSITIVE) for m, p in OPERATIONS] + [
    ("GET", "/api/events", GenerationMode.NEGATIVE),
    ("GET", "/api/search", GenerationMode.NEGATIVE),
]


@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_every_generated_request_is_answered_as_the_document_says(
    api_schema: Any, method: str, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def check(case: Any) -> None:
        case.call_and_validate()

    check()
