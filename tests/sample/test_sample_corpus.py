"""The bundled sample corpus is complete, well-formed, and agrees with its ground truth.

`storylens demo` and the acceptance checks run on this corpus and compare the result with
`expected.json`, so a broken feed, a missing record or a stale expectation would make
them fail for reasons that have nothing to do with storylens. These tests read the corpus
with the same third-party parsers storylens uses (feedparser, warcio) and nothing else.
"""

from __future__ import annotations

import gzip
import html
import importlib.util
import json
import re
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pytest
from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "src" / "storylens" / "sample"
CORPUS = SAMPLE / "corpus"
EXPECTED = SAMPLE / "expected.json"
WARC_BUILDER = ROOT / "tools" / "build_sample_warc.py"
OUTLET_DOMAINS = {
    "Harbor Wire": "harborwire.example",
    "The Meridian Post": "meridianpost.example",
    "Valdoria State News Agency": "vsna.example",
    "Coastline Daily": "coastlinedaily.example",
    "Northgate Observer": "northgateobserver.example",
    "Pulse24 Now": "pulse24now.example",
    "Ferrous Notes": "ferrousnotes.example",
}


class _TextOf(HTMLParser):
    """Visible text of an HTML fragment, one block per line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in ("p", "div", "h1", "h2", "h3", "li", "br", "footer", "nav", "section"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(markup: str) -> str:
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    return html.unescape("".join(parser.parts))


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def expected() -> dict[str, Any]:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def warc_responses() -> dict[str, tuple[str, str]]:
    """Target URI -> (content type, body) for every response record of every archive."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(CORPUS.rglob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response":
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                kind = record.http_headers.get_header("Content-Type") or ""
                found[uri] = (kind, record.content_stream().read().decode("utf-8"))
    return found


@cache
def corpus_articles() -> dict[str, dict[str, str]]:
    """Every article of the corpus by its storylens `source`: format, raw and visible text."""
    articles: dict[str, dict[str, str]] = {}

    def add(source: str, fmt: str, raw: str, is_html: bool, meta: str = "") -> None:
        assert source not in articles, f"two articles share the source {source}"
        text = visible_text(raw) if is_html else raw
        articles[source] = {"format": fmt, "raw": raw, "text": text, "meta": meta}

    for path in sorted(CORPUS.rglob("*")):
        rel = path.relative_to(CORPUS).as_posix()
        if path.suffix == ".txt":
            add(rel, "text", path.read_text(encoding="utf-8"), False)
        elif path.suffix == ".html":
            add(rel, "html", path.read_text(encoding="utf-8"), True)
        elif path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, start=1):
                row = json.loads(line)
                body = row.get("text") or row["html"]
                add(f"{rel}:{number}", "jsonl", body, "text" not in row, meta=line)
        elif path.suffix in (".xml", ".atom"):
            feed = feedparser.parse(path.read_bytes())
            fmt = "atom" if feed.version.startswith("atom") else "rss"
            for entry in feed.entries:
                add(entry.link, fmt, entry.content[0].value, True)
    for uri, (kind, body) in warc_responses().items():
        if kind.startswith("text/html"):
            add(uri, "warc", body, True)
    return articles


def article_body(source: str) -> str:
    """The article itself: the <article> element of a page, else the whole text."""
    raw = corpus_articles()[source]["raw"]
    match = re.search(r"<article\b.*?</article>", raw, re.S)
    return _squash(visible_text(match.group(0)) if match else corpus_articles()[source]["text"])


def test_corpus_holds_30_to_36_articles_counting_lines_items_and_records() -> None:
    assert 30 <= len(corpus_articles()) <= 36


def test_every_input_format_is_present() -> None:
    formats = {article["format"] for article in corpus_articles().values()}
    assert formats == {"text", "html", "jsonl", "rss", "atom", "warc"}


def test_feeds_parse_cleanly_with_html_content_and_dates() -> None:
    counts = {}
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix not in (".xml", ".atom"):
            continue
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, f"{path.name}: {feed.get('bozo_exception')}"
        counts[feed.version] = len(feed.entries)
        for entry in feed.entries:
            assert entry.link.startswith("https://")
            assert ".example/" in entry.link
            assert entry.published_parsed is not None
            assert "<p>" in entry.content[0].value
    assert counts == {"rss20": 3, "atom10": 2}


def test_warc_holds_html_responses_among_other_records() -> None:
    html_uris = [uri for uri, (kind, _) in warc_responses().items() if kind.startswith("text/html")]
    assert 2 <= len(html_uris) <= 3
    assert len(warc_responses()) > len(html_uris), "a non-HTML response should be there to skip"


def test_warc_build_is_reproducible_from_its_sources(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_sample_warc", WARC_BUILDER)
    assert spec is not None
    assert spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = builder  # dataclasses look their module up here
    try:
        spec.loader.exec_module(builder)
    finally:
        del sys.modules[spec.name]
    rebuilt = builder.build(tmp_path / "crawl.warc.gz")
    committed = next(CORPUS.rglob("*.warc.gz"))
    assert rebuilt.read_bytes() == committed.read_bytes(), "run tools/build_sample_warc.py"
    with gzip.open(committed) as stream:
        assert stream.read(8) == b"WARC/1.0"


def test_jsonl_lines_carry_the_documented_fields_only() -> None:
    allowed = {"text", "html", "id", "title", "url", "published", "outlet", "language"}
    for path in CORPUS.rglob("*.jsonl"):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert 4 <= len(rows) <= 6
        assert any("html" in row for row in rows)
        assert any("text" in row for row in rows)
        for row in rows:
            assert set(row) <= allowed
            assert ("text" in row) != ("html" in row)


@pytest.mark.parametrize(
    "pattern",
    [
        r"<html lang=",
        r"<title>",
        r'<meta property="og:site_name"',
        r'<meta property="article:published_time"',
        r'<link rel="canonical" href="https://[a-z0-9]+\.example/',
        r"<nav",
        r"<article",
        r"<footer",
    ],
)
def test_every_html_page_has_full_page_metadata_and_structure(pattern: str) -> None:
    pages = list(SAMPLE.rglob("*.html"))
    assert pages
    for page in pages:
        assert re.search(pattern, page.read_text(encoding="utf-8")), f"{page.name}: {pattern}"


def test_plain_text_files_cover_every_way_of_giving_a_date() -> None:
    texts = [a["raw"] for a in corpus_articles().values() if a["format"] == "text"]
    date_token = [t for t in texts if re.match(r"\s*date \d{4}-\d{2}-\d{2} \S", t)]
    headers = [
        t for t in texts if re.match(r"Title: .+\n(?:\w+: .+\n)*Date: \d{4}-\d{2}-\d{2}\n", t)
    ]
    datelines = [
        t for t in texts if re.search(r"^\w+ \d{1,2}, \d{4} at \d{1,2}:\d{2} [ap]m$", t, re.M)
    ]
    any_date = re.compile(
        r"\d{4}-\d{2}-\d{2}|^Date:|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d",
        re.M,
    )
    undated = [t for t in texts if not any_date.search(t)]
    assert date_token
    assert headers
    assert datelines
    assert len(undated) == 1


def test_articles_are_short_news_stories() -> None:
    for source in corpus_articles():
        words = len(article_body(source).split())
        assert 120 <= words <= 450, f"{source}: {words} words"


def test_urls_use_only_reserved_example_domains() -> None:
    for article in corpus_articles().values():
        for host in re.findall(r"https?://([^/\"'<>\s]+)", article["raw"]):
            assert host.endswith(".example"), host
    for source in corpus_articles():
        if source.startswith("http"):
            assert source.split("/")[2].endswith(".example")


def test_expected_lists_every_article_exactly_once() -> None:
    listed = [a["source"] for a in expected()["articles"]]
    assert sorted(listed) == sorted(corpus_articles())
    assert expected()["article_count"] == len(listed)
    for article in expected()["articles"]:
        assert article["format"] == corpus_articles()[article["source"]]["format"]
        assert (CORPUS / article["file"]).is_file()
        if article["outlet"] is not None:
            assert article["outlet"] in OUTLET_DOMAINS


def test_expected_events_reference_existing_articles_and_events() -> None:
    events = expected()["events"]
    by_source = {a["source"]: a for a in expected()["articles"]}
    for key, event in events.items():
        assert event["sources"], key
        for source in event["sources"]:
            assert by_source[source]["event"] == key
    for article in expected()["articles"]:
        assert article["event"] is None or article["source"] in events[article["event"]]["sources"]
    assert expected()["no_event"] == [
        a["source"] for a in expected()["articles"] if a["event"] is None
    ]
    for relation in expected()["related"]:
        assert relation["event"] in events
        assert relation["other"] in events
    for copy in expected()["wire_copies"]:
        assert by_source[copy["copy"]]["copy_of"] == copy["original"]
        assert by_source[copy["original"]]["event"] == by_source[copy["copy"]]["event"]


def test_articles_are_published_within_two_days_of_their_event() -> None:
    from datetime import date

    events = expected()["events"]
    for article in expected()["articles"]:
        if article["event"] is None or article["published"] is None:
            continue
        lag = date.fromisoformat(article["published"]) - date.fromisoformat(
            events[article["event"]]["date"]
        )
        assert 0 <= lag.days <= 2, article["source"]


def _mentions(node: Any) -> list[dict[str, str]]:
    """Every {"source", "text"} pair anywhere in the expectations."""
    if isinstance(node, dict):
        found = [node] if set(node) >= {"source", "text"} and "format" not in node else []
        return found + [m for value in node.values() for m in _mentions(value)]
    if isinstance(node, list):
        return [m for value in node for m in _mentions(value)]
    return []


def test_every_expected_evidence_text_occurs_in_its_article() -> None:
    mentions = _mentions({k: v for k, v in expected().items() if k != "articles"})
    assert len(mentions) > 40
    for mention in mentions:
        assert mention["source"] in corpus_articles(), mention["source"]
        body = _squash(corpus_articles()[mention["source"]]["text"])
        assert _squash(mention["text"]) in body, mention


def test_expected_outlets_show_themselves_in_their_articles() -> None:
    for article in expected()["articles"]:
        found = corpus_articles()[article["source"]]
        outlet, raw = article["outlet"], found["raw"] + found["meta"]
        if outlet is None:
            assert not any(domain in raw for domain in OUTLET_DOMAINS.values())
            continue
        evidence = [OUTLET_DOMAINS[outlet], outlet, "HW/", "VSNA/", "since 1998"]
        assert any(clue in raw or clue in article["source"] for clue in evidence), article


def test_repeated_footer_appears_in_at_least_three_articles_of_each_site() -> None:
    footers = expected()["furniture"]["repeated_footers"]
    assert set(footers) == {"Coastline Daily", "Valdoria State News Agency"}
    for outlet, footer in footers.items():
        of_outlet = [a["source"] for a in expected()["articles"] if a["outlet"] == outlet]
        assert sorted(footer["sources"]) == sorted(of_outlet)
        assert len(of_outlet) >= 3
        for source in of_outlet:
            lines = [_squash(line) for line in corpus_articles()[source]["text"].splitlines()]
            assert footer["line"] in lines, f"{source} lacks the {outlet} footer"


def test_disputed_figures_really_disagree_between_independent_outlets() -> None:
    for dispute in expected()["figures"]["disputed"]:
        values = dispute["values"]
        assert len(values) >= 2
        independents = [set(v["independent_outlets"]) for v in values.values()]
        assert all(independents)
        assert not set.intersection(*independents)


def test_look_alike_events_share_place_but_not_date() -> None:
    events = expected()["events"]
    look_alikes = [r for r in expected()["related"] if r["relation"] == "look-alike"]
    assert len(look_alikes) >= 2
    for relation in look_alikes:
        one, other = events[relation["event"]], events[relation["other"]]
        assert one["location"] == other["location"]
        assert one["date"] != other["date"]
    follows = [r for r in expected()["related"] if r["relation"] == "follows"]
    assert follows
    for relation in follows:
        assert events[relation["event"]]["date"] > events[relation["other"]]["date"]
