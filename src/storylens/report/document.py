"""The `storylens/v1` JSON document: the contract users' scripts and the web UI read.

Field names and meanings follow `shared/spec/output-schema.md` exactly; the store keeps
each event already in that shape, so building the document is a read, not a recompute.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from ..records import Article
from ..store import Store

SCHEMA = "storylens/v1"


def article_json(art: Article) -> dict[str, Any]:
    return {
        "id": art.id,
        "source": art.source,
        "outlet": art.outlet,
        "outlet_evidence": art.outlet_evidence,
        "url": art.url,
        "title": art.title,
        "published": art.published,
        "published_basis": art.published_basis,
        "language": art.language,
        "text": art.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in art.removed],
        "duplicate_of": art.duplicate_of,
        "sentences": [[s, e] for s, e in art.sentences],
    }


def build_document(store: Store) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "articles": [article_json(a) for a in store.articles()],
        "events": store.events(),
    }


def _chunks(store: Store) -> Iterator[str]:
    """The document as JSON text, one article at a time, so memory stays flat."""
    generated = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    yield f'{{"schema": "{SCHEMA}", "generated_at": "{generated}", "articles": ['
    for i, art in enumerate(store.articles()):
        yield ("," if i else "") + "\n  " + json.dumps(article_json(art), ensure_ascii=False)
    yield '\n], "events": ['
    for i, ev in enumerate(store.events()):
        yield ("," if i else "") + "\n  " + json.dumps(ev, ensure_ascii=False)
    yield "\n]}\n"


def write_document(store: Store, out: str | Path | IO[str]) -> None:
    if isinstance(out, (str, Path)):
        tmp = Path(str(out) + ".part")
        with tmp.open("w", encoding="utf-8") as fh:
            fh.writelines(_chunks(store))
        tmp.replace(out)
    else:
        out.writelines(_chunks(store))
