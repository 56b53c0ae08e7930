"""WARC archives: the HTML pages a crawler saved, each read as an HTML page.

Crawls are large and often cut short (a full disk, a killed crawler), so the archive is
streamed record by record and a truncated or corrupt one still yields every page read
before the damage, followed by one Rejected that says where it stopped. Records that are
not successful HTML responses (requests, metadata, images, redirects) are not articles
and are passed over without a report.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..records import Article, Rejected
from .detect import NotText, decode
from .webpage import parse_html

_CHUNK = 1 << 16
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TRAILING_SLACK = 8  # the CRLFs after the last record are not part of its length


def read_warc(
    path: str, stream: BinaryIO, size: int, max_record_bytes: int
) -> Iterator[Article | Rejected]:
    """Articles from each HTML response of an archive; damage ends it with one Rejected."""
    records = ArchiveIterator(stream)
    iterator = iter(records)
    pages = 0
    while True:
        try:
            record = next(iterator)
            page = _payload(record, max_record_bytes)
        except StopIteration:
            break
        except _CutShort:
            yield _damaged(path, pages, "its last record is cut short")
            return
        except Exception as exc:  # warcio raises anything from ValueError to AttributeError on junk
            yield _damaged(path, pages, f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}")
            return
        if page is None:
            continue
        pages += 1
        yield page if isinstance(page, Rejected) else guarded_html(*page)
    info: Any = getattr(records, "member_info", None)
    end = info[0] + info[1] if info else 0
    if not info and size > 0:
        yield _damaged(path, pages, "no WARC record could be read")
    elif size - end > _TRAILING_SLACK:
        yield _damaged(
            path, pages, f"{size - end:,} bytes after the last complete record could not be read"
        )
    elif pages == 0:
        yield Rejected(source=path, reason="WARC archive without HTML response records")


class _CutShort(Exception):
    """A record whose payload ends before its declared Content-Length."""


def guarded_html(uri: str, text: str) -> Article | Rejected:
    """One page of the archive; a fault in extraction costs this page, not the archive."""
    try:
        return parse_html(uri, text, url=uri, fmt="warc")
    except Exception as exc:
        return Rejected(source=uri, reason=f"HTML extraction failed ({type(exc).__name__}: {exc})")


def _payload(record: Any, limit: int) -> tuple[str, str] | Rejected | None:
    """(target URI, decoded page) of an HTML response record; None for other records."""
    found = _html_payload(record, limit)
    if found is None:
        while record.raw_stream.read(_CHUNK):
            pass  # warcio would skip it the same way; reading it here shows a cut record
        if _cut_short(record):
            raise _CutShort
    return found


def _html_payload(record: Any, limit: int) -> tuple[str, str] | Rejected | None:
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or not headers.get_statuscode().startswith("2"):
            return None
        content_type = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if not content_type.lower().startswith(_HTML_TYPES):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or "<no WARC-Target-URI>"
    payload: bytes = record.content_stream().read(limit + 1)
    if len(payload) <= limit and _cut_short(record):
        raise _CutShort  # the archive ended before the record's declared length
    if len(payload) > limit:
        return Rejected(
            source=uri,
            reason=f"record over the limit of {limit:,} bytes (raise it with --max-file-mb)",
        )
    if not payload.strip():
        return Rejected(source=uri, reason="empty HTML response")
    try:
        text, _ = decode(payload, _charset(content_type))
    except NotText as exc:
        return Rejected(source=uri, reason=str(exc))
    return uri, text


def _cut_short(record: Any) -> bool:
    """Whether the stream ended before the record's declared Content-Length."""
    remaining: int = getattr(record.raw_stream, "limit", 0) or 0
    return remaining > 0


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _damaged(path: str, pages: int, why: str) -> Rejected:
    return Rejected(
        source=path,
        reason=f"truncated or corrupt WARC archive: {why}; {pages} HTML pages read before it",
    )
