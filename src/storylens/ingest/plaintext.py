"""Plain-text articles, with the few header conventions users actually use.

Copy-pasted articles often start with a `date YYYY-MM-DD` token (sometimes on the same
line as the first sentence) or with mail-style `Key: value` lines. They are facts about
the article, not part of it: they become metadata hints and are removed from `raw`, so
that a sentence splitter never sees "date 2024-03-17 In a meeting ..." as one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import Article, Rejected
from .dates import iso_date

_DATE_TOKEN = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)[ \t]*", re.I)
_HEADER = re.compile(
    r"\A[ \t]*(title|date|url|source|language)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*(?:\n|\Z)", re.I
)


def read_text(source: str, text: str) -> Iterator[Article | Rejected]:
    """One article from a plain-text body, its leading date token and headers lifted out."""
    article = parse_text(source, text)
    if isinstance(article, Rejected) or article.raw:
        yield article
    else:
        yield Rejected(source=source, reason="no article text after the header lines")


def parse_text(source: str, text: str) -> Article | Rejected:
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        return Rejected(source=source, reason="empty file (only white space)")
    article = Article(source=source, format="text")
    while True:
        token = _DATE_TOKEN.match(body)
        if token:
            article.published = iso_date(token[1]) or article.published
            if article.published:
                article.published_basis = "header"
            body = body[token.end() :]
            continue
        header = _HEADER.match(body.lstrip("\n"))
        if not header:
            break
        _apply_header(article, header[1].lower(), header[2])
        body = body.lstrip("\n")[header.end() :]
    article.raw = body.strip("\n").rstrip()
    return article


def _apply_header(article: Article, key: str, value: str) -> None:
    if key == "title":
        article.title = value
    elif key == "url":
        article.url = value
    elif key == "source":
        article.outlet = value
        article.outlet_evidence = "header Source"
    elif key == "language":
        article.language = value.lower()
    elif key == "date":
        published = iso_date(value)
        if published:
            article.published = published
            article.published_basis = "header"
