"""JSON Lines: one article per line, streamed, so a file of a million articles never
has to fit in memory and one broken line costs one article, not the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..records import Article, Rejected
from .dates import iso_date
from .detect import NotText, decode
from .webpage import parse_html

_OPTIONAL = ("id", "title", "url", "published", "outlet", "language")
_CHUNK = 1 << 16
# JSON may escape lone UTF-16 surrogates (`\ud800`); no UTF-8 writer downstream could store them
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl(name: str, stream: BinaryIO, max_line_bytes: int) -> Iterator[Article | Rejected]:
    """Articles from a JSON Lines stream; `name` is the file (or `<stdin>`) for sources."""
    read_any = False
    for number, line in _lines(stream, max_line_bytes):
        source = f"{name}:{number}"
        read_any = read_any or line is None or bool(line.strip())
        if line is None:
            yield Rejected(
                source=source,
                reason=f"line longer than the limit of {max_line_bytes:,} bytes (raise it with --max-file-mb)",
            )
            continue
        if not line.strip():
            continue
        yield parse_line(source, line)
    if not read_any:
        yield Rejected(source=name, reason="no JSON lines (empty or only white space)")


def parse_line(source: str, line: bytes) -> Article | Rejected:
    try:
        text, _ = decode(line)
        data = json.loads(text)
    except NotText as exc:
        return Rejected(source=source, reason=str(exc))
    except json.JSONDecodeError as exc:
        return Rejected(source=source, reason=f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return Rejected(source=source, reason="invalid JSON: nested too deeply")
    if not isinstance(data, dict):
        return Rejected(source=source, reason=f"expected a JSON object, got {_kind(data)}")
    return article_from_object(source, data)


def article_from_object(source: str, data: dict[str, Any]) -> Article | Rejected:
    """An Article from one decoded JSON object, checking the fields the format defines."""
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL:
        value = data.get(key)
        if key == "id" and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            return Rejected(
                source=source, reason=f'field "{key}" must be a string, got {_kind(value)}'
            )
        fields[key] = _valid(value).strip() or None if isinstance(value, str) else None
    body = data.get("text")
    html = data.get("html")
    for key, value in (("text", body), ("html", html)):
        if value is not None and not isinstance(value, str):
            return Rejected(
                source=source, reason=f'field "{key}" must be a string, got {_kind(value)}'
            )
    if isinstance(body, str) and body.strip():
        raw = _valid(body).replace("\r\n", "\n").strip()
        article = Article(source=source, raw=raw, format="jsonl")
    elif isinstance(html, str) and html.strip():
        parsed = parse_html(source, _valid(html), url=fields["url"], fmt="jsonl")
        if isinstance(parsed, Rejected):
            return parsed
        article = parsed
    else:
        return Rejected(source=source, reason='no "text" or "html" field with content')
    published = iso_date(fields["published"])
    article.title = fields["title"] or article.title
    article.url = fields["url"] or article.url
    if published:
        article.published, article.published_basis = published, "metadata"
    if fields["outlet"]:
        article.outlet, article.outlet_evidence = fields["outlet"], "jsonl field outlet"
    if fields["language"]:
        article.language = fields["language"].lower()
    article.input_id = fields["id"]
    return article


def _valid(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; None for a line over `limit` bytes, which is skipped unread."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drop the rest of the oversized line without holding it
                rest = stream.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _kind(value: object) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), "null" if value is None else "a number"
    )
