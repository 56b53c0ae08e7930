"""Server-rendered pages: every page works without JavaScript.

Handlers gather the data (reader) and the derived views (views), and hand both to a
template; the templates escape everything they print.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import NotFound
from ..report.highlight import segments
from . import views
from .reader import EventFilter

router = APIRouter()

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
PageNo = Annotated[int, Query(ge=1, le=100_000)]


def _render(request: Request, template: str, **context: Any) -> HTMLResponse:
    html = request.app.state.templates.get_template(template).render(request=request, **context)
    response = HTMLResponse(html)
    request.app.state.pages.store(request, response.body)
    return response


def _cached(request: Request) -> HTMLResponse | None:
    body = request.app.state.pages.lookup(request)
    return None if body is None else HTMLResponse(body)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(
    request: Request,
    q: Annotated[str, Query(max_length=500)] = "",
    actor: Annotated[str, Query(max_length=200)] = "",
    outlet: Annotated[str, Query(max_length=200)] = "",
    date_from: Annotated[str, Query(alias="from", pattern=DATE)] = "",
    date_to: Annotated[str, Query(alias="to", pattern=DATE)] = "",
    page: PageNo = 1,
) -> HTMLResponse:
    if (hit := _cached(request)) is not None:
        return hit
    flt = EventFilter(
        q=q.strip(),
        actor=actor.strip(),
        outlet=outlet.strip(),
        date_from=date_from,
        date_to=date_to,
    )
    res = request.app.state.reader.event_summaries(flt, page, 25)
    for item in res.items:
        item["href"] = "/events/" + quote(item["id"], safe="")
        item["outlets_html"] = views.outlets_html(item["outlets"])
    return _render(request, "home.html", flt=flt, res=res)


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    if (hit := _cached(request)) is not None:
        return hit
    reader = request.app.state.reader
    ev = views.normalized(reader.event(event_id))
    heads = reader.article_heads(list(ev.get("articles", [])))
    mentioned = {
        m.get("article")
        for key in ("quotes", "figures", "summary")
        for item in ev.get(key, [])
        for m in item.get("mentions", [])
    }
    missing = [a for a in mentioned if isinstance(a, str) and a not in heads]
    heads.update(reader.article_heads(missing))
    related = reader.event_heads([r.get("event", "") for r in ev.get("related", [])])
    quotes = [
        (q, views.citations(q, f"quote-{i}", heads)) for i, q in enumerate(ev.get("quotes", []))
    ]
    figures = [
        (f, views.citations(f, f"figure-{i}", heads)) for i, f in enumerate(ev.get("figures", []))
    ]
    summary = [(s, views.citations(s, "", heads)) for s in ev.get("summary", [])]
    return _render(
        request,
        "event.html",
        summary=summary,
        ev=ev,
        heads=heads,
        quotes=quotes,
        figures=figures,
        matrix=views.coverage(ev, heads),
        counts=views.claim_counts(ev),
        timeline=views.timeline(ev, related),
        framing_outlets=sorted({o for f in ev.get("framing", []) for o in f.get("terms", {})}),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(
    request: Request, article_id: str, focus: Annotated[str, Query(max_length=100)] = ""
) -> HTMLResponse:
    if (hit := _cached(request)) is not None:
        return hit
    reader = request.app.state.reader
    art = reader.article(article_id)
    ev = views.normalized(reader.event(art["event"])) if art.get("event") else None
    text = art.get("text", "")
    marks = views.marks_for(ev, article_id, len(text))
    counts: dict[str, int] = defaultdict(int)
    for kind in {(m.kind, m.ref) for m in marks}:
        counts[kind[0]] += 1
    original = reader.article_heads([art["duplicate_of"]]) if art.get("duplicate_of") else {}
    return _render(
        request,
        "article.html",
        art=art,
        ev=ev,
        segments=segments(text, marks, focus),
        counts=counts,
        focus=focus,
        original=original.get(art.get("duplicate_of") or ""),
        safe_url=_safe_url(art.get("url")),
    )


def _safe_url(url: str | None) -> str | None:
    """Only web links become links: a `javascript:` URL in an input stays text."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


@router.get("/outlets", response_class=HTMLResponse, include_in_schema=False)
def outlets_page(request: Request) -> HTMLResponse:
    if (hit := _cached(request)) is not None:
        return hit
    outlets, unknown = request.app.state.reader.outlets()
    return _render(request, "outlets.html", outlets=outlets, unknown=unknown)


@router.get("/outlets/{name:path}", response_class=HTMLResponse, include_in_schema=False)
def outlet_page(request: Request, name: str, page: PageNo = 1) -> HTMLResponse:
    if (hit := _cached(request)) is not None:
        return hit
    state = request.app.state
    res = state.reader.outlet_articles(name, page, 50)
    key = (name, state.reader.version())
    profile = state.profiles.get(key)
    if profile is None:
        events = [views.normalized(e) for e in state.reader.outlet_events(name)]
        profile = views.outlet_profile(name, events)
        if len(state.profiles) > 256:
            state.profiles.clear()
        state.profiles[key] = profile
    return _render(request, "outlet.html", name=name, res=res, profile=profile)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request, q: Annotated[str, Query(max_length=500)] = "", page: PageNo = 1
) -> HTMLResponse:
    if (hit := _cached(request)) is not None:
        return hit
    res = request.app.state.reader.search(q, page, 20) if q.strip() else None
    return _render(request, "search.html", q=q, res=res)


@router.get("/static/{name}", include_in_schema=False)
def static(request: Request, name: str) -> Response:
    found = request.app.state.static.get(name)
    if found is None:
        raise NotFound(f"there is no static file {name!r}")
    body, media, etag = found
    headers = {"ETag": etag, "Cache-Control": "public, max-age=86400"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media, headers=headers)
