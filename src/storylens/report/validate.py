"""Check a storylens/v1 document against the rules every document must keep.

Used by the tests on every document we produce, and available to users who post-process
documents and want to know they still hold.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

ARTICLE_FIELDS = (
    "id",
    "source",
    "outlet",
    "outlet_evidence",
    "url",
    "title",
    "published",
    "published_basis",
    "language",
    "text",
    "removed",
    "duplicate_of",
    "sentences",
)
EVENT_FIELDS = (
    "id",
    "title",
    "articles",
    "outlets",
    "date",
    "date_evidence",
    "locations",
    "actors",
    "claims",
    "quotes",
    "figures",
    "framing",
    "summary",
    "related",
)
BASES = {"header", "dateline", "metadata", "inferred", None}
STATUSES = {"corroborated", "single-source", "disputed"}
RELATIONS = {"look-alike", "follows", "precedes"}


def problems(doc: dict[str, Any]) -> list[str]:
    """Every way `doc` breaks the storylens/v1 rules; empty when it keeps them all."""
    return list(_problems(doc))


def _problems(doc: dict[str, Any]) -> Iterator[str]:
    if doc.get("schema") != "storylens/v1":
        yield f"schema is {doc.get('schema')!r}, not 'storylens/v1'"
    texts: dict[str, str] = {}
    for art in doc.get("articles", []):
        for f in ARTICLE_FIELDS:
            if f not in art:
                yield f"article {art.get('id')}: missing field {f!r}"
        texts[art.get("id", "")] = art.get("text", "")
        if art.get("published_basis") not in BASES:
            yield f"article {art.get('id')}: published_basis {art.get('published_basis')!r}"
        for s, e in art.get("sentences", []):
            if not 0 <= s <= e <= len(art.get("text", "")):
                yield f"article {art.get('id')}: sentence [{s}, {e}] outside its text"
    seen: dict[str, str] = {}
    event_ids = {ev.get("id") for ev in doc.get("events", [])}
    for ev in doc.get("events", []):
        eid = ev.get("id")
        for f in EVENT_FIELDS:
            if f not in ev:
                yield f"event {eid}: missing field {f!r}"
        for a in ev.get("articles", []):
            if a not in texts:
                yield f"event {eid}: article {a} is not in articles"
            if a in seen:
                yield f"article {a} belongs to events {seen[a]} and {eid}"
            seen[a] = eid
        for where, mention in _mentions(ev):
            aid, s, e = mention.get("article"), mention.get("start"), mention.get("end")
            if aid not in texts:
                yield f"event {eid} {where}: article {aid} is not in articles"
            elif not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(texts[aid])):
                yield f"event {eid} {where}: offsets [{s}, {e}] outside article {aid}"
            elif "text" in mention and texts[aid][s:e] != mention["text"]:
                yield f"event {eid} {where}: text[{s}:{e}] is not {mention['text']!r}"
        for c in ev.get("claims", []):
            outlets = set(c.get("outlets", []))  # null (unknown outlet) counts once
            if c.get("status") not in STATUSES:
                yield f"event {eid} claim {c.get('id')}: status {c.get('status')!r}"
            if c.get("independent_sources", 0) > len(outlets):
                yield f"event {eid} claim {c.get('id')}: more independent sources than outlets"
        for r in ev.get("related", []):
            if r.get("relation") not in RELATIONS or r.get("event") not in event_ids:
                yield f"event {eid}: bad related link {r}"


def _mentions(ev: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for d in ev.get("date_evidence", []):
        yield "date_evidence", d
    for key in ("claims", "quotes", "figures", "summary"):
        for i, item in enumerate(ev.get(key, [])):
            for m in item.get("mentions", []):
                yield f"{key}[{i}]", m
