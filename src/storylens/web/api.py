"""The JSON API: the storylens/v1 objects, filtered and paginated, plus ingest.

Answers are the stored JSON returned as it is, so what a script reads here is exactly
what `storylens analyze --json` writes. Writing is possible only when the server was
started with a token, and only with that token.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..errors import InputError, NotFound
from ..records import Article
from ..report.document import article_json
from . import models
from .errors import Forbidden, Unauthorized
from .ingest import media_type, parse_json, parse_jsonl, read_bounded
from .reader import MARK_END, MARK_START, EventFilter

router = APIRouter(prefix="/api")

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
PageNo = Annotated[int, Query(ge=1, le=100_000, description="1-based page number")]
PerPage = Annotated[int, Query(ge=1, le=200)]


def _state(request: Request) -> Any:
    return request.app.state


@router.get("/events", response_model=models.EventList, summary="Events, newest first")
def list_events(
    request: Request,
    q: Annotated[str, Query(max_length=500, description="words in the title or articles")] = "",
    actor: Annotated[str, Query(max_length=200)] = "",
    outlet: Annotated[str, Query(max_length=200)] = "",
    date_from: Annotated[str, Query(alias="from", pattern=DATE)] = "",
    date_to: Annotated[str, Query(alias="to", pattern=DATE)] = "",
    page: PageNo = 1,
    per_page: PerPage = 25,
) -> JSONResponse:
    flt = EventFilter(q=q, actor=actor, outlet=outlet, date_from=date_from, date_to=date_to)
    res = _state(request).reader.events(flt, page, per_page)
    return JSONResponse(
        {"events": res.items, "total": res.total, "page": res.page, "per_page": res.per_page}
    )


@router.get("/events/{event_id}", response_model=models.Event, summary="One event")
def get_event(request: Request, event_id: str) -> JSONResponse:
    return JSONResponse(_state(request).reader.event(event_id))


@router.get("/articles/{article_id}", response_model=models.ArticleOut, summary="One article")
def get_article(request: Request, article_id: str) -> JSONResponse:
    data = _state(request).reader.article(article_id)
    body = article_json(Article.from_dict({k: v for k, v in data.items() if k != "event"}))
    body["event"] = data["event"]
    return JSONResponse(body)


@router.get("/outlets", response_model=models.OutletList, summary="Outlets and their articles")
def list_outlets(request: Request) -> JSONResponse:
    outlets, unknown = _state(request).reader.outlets()
    return JSONResponse({"outlets": outlets, "unknown_outlet_articles": unknown})


@router.get("/search", response_model=models.SearchResults, summary="Full-text search")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    page: PageNo = 1,
    per_page: PerPage = 20,
) -> JSONResponse:
    res = _state(request).reader.search(q, page, per_page)
    for hit in res.items:
        hit["snippet"] = hit["snippet"].replace(MARK_START, "").replace(MARK_END, "")
    return JSONResponse(
        {
            "query": q,
            "total": res.total,
            "page": res.page,
            "per_page": res.per_page,
            "results": res.items,
        }
    )


def _authorize(request: Request) -> None:
    token: str | None = _state(request).token
    if token is None:
        raise Forbidden("this server is read-only; start it with --token to accept articles")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        value.strip().encode(), token.encode()
    ):
        raise Unauthorized("send the server's token as 'Authorization: Bearer TOKEN'")


@router.post(
    "/articles",
    status_code=202,
    response_model=models.Job,
    summary="Queue articles for analysis (needs the server's token)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "object"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
            },
        }
    },
)
async def post_articles(request: Request) -> JSONResponse:
    _authorize(request)
    state = _state(request)
    kind = media_type(request.headers.get("content-type", ""))
    body = await read_bounded(
        request.stream(), request.headers.get("content-length"), state.max_upload
    )
    # parsing (and, for the first job, starting the writer process) runs in a thread:
    # a 10 MB body must not hold up the requests of other clients
    if kind == "application/json":
        items = await run_in_threadpool(parse_json, body)
    elif kind == "multipart/form-data":
        data, name = await _read_upload(request, body)
        items = await run_in_threadpool(parse_jsonl, name, data, state.settings.max_file_bytes)
    else:
        items = await run_in_threadpool(parse_jsonl, "api", body, state.settings.max_file_bytes)
    job = await run_in_threadpool(state.worker.submit, items)
    return JSONResponse(job.to_json(), status_code=202, headers={"Location": f"/api/jobs/{job.id}"})


async def _read_upload(request: Request, body: bytes) -> tuple[bytes, str]:
    """The content and name of the one file field `file` of a multipart body."""

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    upload_request = Request(request.scope, replay)
    try:
        form = await upload_request.form(max_files=1, max_fields=4, max_part_size=64 * 1024)
    except Exception as exc:  # the multipart parser raises several unrelated types
        raise InputError(f"the upload is not valid multipart/form-data: {exc}") from exc
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise InputError("the upload has no file field named 'file'")
        name = (upload.filename or "upload").rsplit("/", 1)[-1][:100]  # a label, never opened
        return await upload.read(), name
    finally:
        await form.close()


@router.get("/jobs/{job_id}", response_model=models.Job, summary="The state of an ingest job")
def get_job(request: Request, job_id: str) -> JSONResponse:
    worker = _state(request).worker
    job = worker.job(job_id) if worker is not None else None
    if job is None:
        raise NotFound(f"there is no ingest job {job_id!r}")
    return JSONResponse(job.to_json())
