"""RSS and Atom feeds: one article per item.

Feeds are how many users follow outlets, and an item carries what a saved page hides in
its markup: the link, the date, the feed's title (a good site-name hint). Item content
is usually an HTML fragment, turned into paragraphs of text here.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any
from xml.sax import SAXParseException

import feedparser

from ..records import Article, Rejected
from .dates import from_struct, iso_date
from .webpage import fragment_text


def read_feed(source: str, data: bytes) -> Iterator[Article | Rejected]:
    """Articles from a feed's items; a feed that breaks off yields the items before it."""
    # a stream, never bytes or str: feedparser would treat those as a path or URL to open
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    entries: list[Any] = list(parsed.get("entries", []))
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version") and not entries:
        reason = f" ({_one_line(error)})" if error else ""
        yield Rejected(source=source, reason=f"not an RSS/Atom feed{reason}")
        return
    feed: Any = parsed.get("feed", {})
    site_name = _text(feed.get("title"))
    language = _text(feed.get("language"))
    for number, entry in enumerate(entries, start=1):
        yield _item(f"{source}:{number}", entry, site_name, language)
    if isinstance(error, SAXParseException):
        yield Rejected(
            source=source,
            reason=f"malformed feed XML ({_one_line(error)}); {len(entries)} items read before it",
        )
    elif not entries:
        yield Rejected(source=source, reason="feed without items")


def _item(
    fallback: str, entry: Any, site_name: str | None, language: str | None
) -> Article | Rejected:
    link = _text(entry.get("link"))
    source = link or fallback
    body = ""
    for content in entry.get("content", []) or []:
        candidate = _as_text(content.get("value"), content.get("type"))
        if len(candidate) > len(body):
            body = candidate
    summary_detail = entry.get("summary_detail") or {}
    summary = _as_text(entry.get("summary"), summary_detail.get("type"))
    if len(summary) > len(body):
        body = summary
    if not body:
        return Rejected(
            source=source,
            reason=f"feed item {fallback.rsplit(':', 1)[-1]} has no summary or content",
        )
    published = from_struct(entry.get("published_parsed") or entry.get("updated_parsed"))
    published = published or iso_date(entry.get("published") or entry.get("updated"))
    return Article(
        source=source,
        raw=body,
        format="feed",
        title=_text(entry.get("title")),
        url=link,
        published=published,
        published_basis="metadata" if published else None,
        site_name=site_name,
        language=language.split("-")[0].lower() if language else None,
    )


def _as_text(value: object, kind: object) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    if isinstance(kind, str) and "html" in kind:
        return fragment_text(value)
    return fragment_text(value) if "<" in value else value.strip()


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _one_line(error: object) -> str:
    return " ".join(str(error).split())[:200]
