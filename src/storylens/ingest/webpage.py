"""HTML pages: the article's own words, without the page around them.

A saved news page is mostly navigation, ads, share buttons and reader comments; only the
main text may reach the analysis, or menus become "claims" and comment threads become
"quotes". trafilatura finds the main text; it is run for precision (no comments, link-
dense blocks pruned), and its blocks are joined with blank lines so that paragraph
boundaries survive for the sentence splitter. Page metadata (title, date, site name,
canonical URL, language) is kept as hints; `clean` decides what to trust.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html
from lxml import etree
from trafilatura import bare_extraction
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from ..records import Article, Rejected
from .dates import iso_date

# block elements of a feed item's HTML: each ends a paragraph
_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
                     "pre", "section", "article", "header", "footer", "dd", "dt"})  # fmt: skip
_LANG = re.compile(r"\A[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*\Z")
_SPACES = re.compile(r"[ \t\u00a0]+")
# htmldate's extensive search reads dates out of the body text; the page's own
# metadata is what a "metadata" basis promises.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def read_html(
    source: str, text: str, *, url: str | None = None, fmt: str = "html"
) -> Iterator[Article | Rejected]:
    """One article from an HTML page, or a Rejected when the page has no main text."""
    yield parse_html(source, text, url=url, fmt=fmt)


def parse_html(
    source: str, text: str, *, url: str | None = None, fmt: str = "html"
) -> Article | Rejected:
    if "html" not in text[:50].lower():
        # a fragment (a JSON Lines "html" field): trafilatura refuses what does not look
        # like a whole document, and logs an error for it
        text = f"<html><body>{text}</body></html>"
    tree = load_html(text)
    if tree is None:
        return Rejected(source=source, reason="malformed HTML: no document could be parsed")
    language = page_language(tree)
    document = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
        output_format="txt",  # not "python": that renders the text we render from `body` again
    )
    if document is None or isinstance(document, dict):
        return Rejected(
            source=source, reason="HTML page without main text (nothing but page furniture)"
        )
    raw = body_text(document.body)
    if not raw:
        return Rejected(
            source=source, reason="HTML page without main text (nothing but page furniture)"
        )
    published = iso_date(document.date)
    return Article(
        source=source,
        raw=raw,
        format=fmt,
        title=document.title or None,
        url=url or document.url or None,
        published=published,
        published_basis="metadata" if published else None,
        site_name=document.sitename or None,
        language=language,
    )


def body_text(body: etree._Element | None) -> str:
    """trafilatura's main-text tree as text, one block per paragraph, blank line between."""
    if body is None:
        return ""
    blocks = (xmltotxt(child, False).strip() for child in body)
    return "\n\n".join(block for block in blocks if block)


def page_language(tree: lxml.html.HtmlElement) -> str | None:
    """The language the page declares (`<html lang>`, Content-Language, og:locale)."""
    candidates: list[str] = [
        tree.get("lang") or "",
        tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "",
    ]
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in {"content-language", "og:locale", "language", "dc.language"}:
            candidates.append(meta.get("content") or "")
    for value in candidates:
        value = value.strip().split(",")[0].strip()
        if _LANG.match(value):
            return value.replace("_", "-").split("-")[0].lower()
    return None


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed item's content): blocks become paragraphs.

    Feed items are short, so trafilatura's page heuristics would discard them; the
    fragment is already the article, it only needs its tags turned into line breaks.
    """
    if "<" not in html:
        return _paragraphs(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _paragraphs(re.sub(r"<[^>]*>", " ", html))
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for element in root.iter():
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n"))
    out: list[str] = []
    blank = False
    for line in lines:
        if not line:
            blank = bool(out)
            continue
        if out:
            out.append("\n\n" if blank else "\n")
        out.append(line)
        blank = False
    return "".join(out)
