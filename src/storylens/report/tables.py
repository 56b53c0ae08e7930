"""Flat tables of the analysis (one row per article, event, claim, quote or figure).

Researchers load these into pandas, R or a spreadsheet; the JSON document stays the
complete record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..store import Store

TABLES = ("articles", "events", "claims", "quotes", "figures")


def _event_of(store: Store) -> dict[str, str]:
    return {r["article_id"]: r["event_id"] for r in store.query("SELECT * FROM event_articles")}


def rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    if table == "articles":
        event_of = _event_of(store)
        for art in store.articles():
            yield {
                "id": art.id,
                "source": art.source,
                "outlet": art.outlet,
                "url": art.url,
                "title": art.title,
                "published": art.published,
                "published_basis": art.published_basis,
                "language": art.language,
                "duplicate_of": art.duplicate_of,
                "event": event_of.get(art.id),
                "text": art.text,
            }
        return
    for ev in store.events():
        if table == "events":
            yield {
                "id": ev["id"],
                "title": ev.get("title"),
                "date": ev.get("date"),
                "locations": "; ".join(ev.get("locations", [])),
                "outlets": "; ".join(o for o in ev.get("outlets", []) if o),
                "articles": len(ev.get("articles", [])),
                "claims": len(ev.get("claims", [])),
            }
        elif table == "claims":
            for c in ev.get("claims", []):
                yield {
                    "event": ev["id"],
                    "id": c["id"],
                    "text": c["text"],
                    "status": c["status"],
                    "independent_sources": c["independent_sources"],
                    "outlets": "; ".join(o for o in c.get("outlets", []) if o),
                    "mentions": json.dumps(c.get("mentions", [])),
                }
        elif table == "quotes":
            for q in ev.get("quotes", []):
                yield {
                    "event": ev["id"],
                    "speaker": q.get("speaker_name"),
                    "kind": q.get("kind"),
                    "text": q.get("text"),
                    "variants": q.get("variants"),
                    "mentions": json.dumps(q.get("mentions", [])),
                }
        elif table == "figures":
            for f in ev.get("figures", []):
                yield {
                    "event": ev["id"],
                    "what": f.get("what"),
                    "value": f.get("value"),
                    "qualifier": f.get("qualifier"),
                    "unit": f.get("unit"),
                    "conflict": f.get("conflict"),
                    "mentions": json.dumps(f.get("mentions", [])),
                }
