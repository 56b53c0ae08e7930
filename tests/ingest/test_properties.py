"""Whatever bytes a user hands over, every reader yields Articles or Rejecteds and never raises.

40 examples per property keep the suite fast; for a deeper search before a release, run
with STORYLENS_HYPOTHESIS_EXAMPLES=1000.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storylens.ingest import read_paths
from storylens.records import Article, Rejected
from storylens.settings import Settings

from .inputs import page, warc, warc_record

EXTENSIONS = ("", ".txt", ".html", ".jsonl", ".xml", ".rss", ".atom", ".warc", ".warc.gz")
FAST = settings(
    max_examples=int(os.environ.get("STORYLENS_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | words,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(words, inner, max_size=3),
    max_leaves=8,
)
article_objects = st.fixed_dictionaries(
    {},
    optional=dict.fromkeys(
        ("text", "html", "id", "title", "url", "published", "outlet", "language"),
        json_values | words,
    ),
)
tags = st.sampled_from(["html", "body", "p", "div", "nav", "script", "article", "rss", "channel", "item",
                        "feed", "entry", "title", "link", "description", "content", "pubDate"])  # fmt: skip


@st.composite
def markup(draw: st.DrawFn, depth: int = 3) -> str:
    """Random, often unbalanced, HTML/XML-ish markup built from real tag names."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        choice = draw(st.integers(0, 4))
        tag = draw(tags)
        if choice == 0 or depth == 0:
            parts.append(draw(words).replace("<", " "))
        elif choice == 1:
            parts.append(f"<{tag}>{draw(markup(depth - 1))}</{tag}>")
        elif choice == 2:
            parts.append(f"<{tag}>")  # never closed
        elif choice == 3:
            parts.append(f"</{tag}>")  # never opened
        else:
            parts.append(
                f'<{tag} {draw(st.sampled_from(["lang", "href", "type", "x"]))}="{draw(words)}">'
            )
    return "".join(parts)


def check(name: str, data: bytes, **options: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = list(read_paths([str(path)], Settings(**options)))  # type: ignore[arg-type]
    assert items, "every input yields at least one Article or Rejected"
    for item in items:
        assert isinstance(item, Article | Rejected)
        if isinstance(item, Rejected):
            assert item.reason
            assert "\n" not in item.reason
        else:
            assert item.raw.strip()
            item.raw.encode("utf-8")  # storable: no lone surrogates from JSON escapes


@FAST
@given(data=st.binary(max_size=2000), extension=st.sampled_from(EXTENSIONS))
def test_random_bytes_under_any_name_never_raise(data: bytes, extension: str) -> None:
    check("input" + extension, data)


@FAST
@given(
    objects=st.lists(article_objects | json_values, max_size=5),
    junk=st.lists(st.binary(max_size=30), max_size=2),
)
def test_random_json_lines_never_raise(objects: list[object], junk: list[bytes]) -> None:
    lines = [json.dumps(o).encode() for o in objects] + [j.replace(b"\n", b" ") for j in junk]
    check("batch.jsonl", b"\n".join(lines) + b"\n", max_file_bytes=100_000)


@FAST
@given(body=markup(), prefix=st.sampled_from(["", "<!DOCTYPE html>", '<?xml version="1.0"?>', "<rss>", "<feed>"]),
       extension=st.sampled_from([".html", ".xml", ".rss", ".atom", ".txt"]))  # fmt: skip
def test_random_markup_as_pages_and_feeds_never_raises(
    body: str, prefix: str, extension: str
) -> None:
    check("input" + extension, (prefix + body).encode("utf-8", "surrogatepass"))


@FAST
@given(
    cut=st.floats(min_value=0.0, max_value=1.0),
    compress=st.booleans(),
    noise=st.binary(max_size=20),
    paragraphs=st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=4),
)
def test_random_truncated_or_damaged_archives_never_raise(
    cut: float, compress: bool, noise: bytes, paragraphs: list[str]
) -> None:
    html = page([p.replace("<", " ") for p in paragraphs]).encode("utf-8", "surrogatepass")
    archive = warc([warc_record("https://valleycourier.example/a", html)] * 2, compress=compress)
    damaged = archive[: max(1, int(len(archive) * cut))] + noise
    check("crawl.warc.gz" if compress else "crawl.warc", damaged)


@FAST
@given(data=st.binary(max_size=500), cut=st.integers(1, 200))
def test_random_truncated_gzip_never_raises(data: bytes, cut: int) -> None:
    check("crawl.warc.gz", gzip.compress(b"WARC/1.0\r\n" + data, mtime=0)[:cut])
