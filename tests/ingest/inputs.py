"""Small inputs for the reader tests, written here (fictional news), never copied data."""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable, Sequence

from storylens.records import Article, Rejected

PARAGRAPHS = (
    "The Harbor bridge in Millbrook reopened on Tuesday after eight months of repairs, "
    "the city council said in a statement.",
    "Mayor Dana Whitfield said the work cost 4.2 million dollars and came in under the "
    "budget the council had approved last spring.",
    '"We are proud of the crews who worked through the winter," Whitfield told reporters '
    "at the reopening ceremony on the east bank.",
)


def page(paragraphs: Sequence[str] = PARAGRAPHS, *, head: str = "", lang: str = "en") -> str:
    """A news page with navigation, an ad, a comment thread and a footer around the text."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>Harbor bridge reopens | The Valley Courier</title>
<meta property="og:site_name" content="The Valley Courier">
<meta property="og:title" content="Harbor bridge reopens after repairs">
<meta property="article:published_time" content="2025-04-02T10:00:00Z">
<link rel="canonical" href="https://valleycourier.example/news/bridge">{head}
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<div class="advertisement ad-banner">Buy the new Zephyr phone today! Sponsored</div>
<article><h1>Harbor bridge reopens after repairs</h1>
{body}
</article>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Great news for commuters, finally! posted by reader123</p></div></section>
<footer><p>Copyright 2025 The Valley Courier. All rights reserved.</p></footer>
</body></html>
"""


def warc_record(
    uri: str, payload: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"
) -> bytes:
    """One WARC/1.0 response record, written by hand so the test controls every byte."""
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode() + payload
    record_id = hashlib.sha1(uri.encode()).hexdigest()[:32]
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2025-04-02T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def warc(records: Sequence[bytes], *, compress: bool) -> bytes:
    """An archive of records, each its own gzip member when compressed (as crawlers do)."""
    return b"".join(gzip.compress(r, mtime=0) if compress else r for r in records)


# read(*paths, **settings): every item read_paths yields, as a list (the `read` fixture)
Reader = Callable[..., list[Article | Rejected]]
