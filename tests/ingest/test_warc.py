"""WARC archives: every HTML response is a page; a damaged archive keeps what was read."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.records import Article, Rejected

from .inputs import PARAGRAPHS, Reader, page, warc, warc_record


def crawl() -> list[bytes]:
    return [
        warc_record("https://valleycourier.example/a", page().encode()),
        warc_record("https://valleycourier.example/logo.png", b"\x89PNG....", "image/png"),
        warc_record("https://valleycourier.example/old", b"<html>moved</html>", status="301 Moved"),
        warc_record("https://valleycourier.example/b", page(PARAGRAPHS[::-1]).encode()),
    ]


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_each_html_response_is_read_as_a_page_under_its_target_uri(
    tmp_path: Path, read: Reader, compress: bool
) -> None:
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(warc(crawl(), compress=compress))
    items = read(path)
    assert [i.source for i in items] == [
        "https://valleycourier.example/a",
        "https://valleycourier.example/b",
    ]
    for item in items:
        assert isinstance(item, Article)
        assert item.format == "warc"
        assert item.url == item.source
        assert PARAGRAPHS[0] in item.raw.split("\n\n")
        assert "Zephyr" not in item.raw
        assert item.site_name == "The Valley Courier"


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_a_truncated_archive_yields_the_pages_read_and_one_rejection(
    tmp_path: Path, read: Reader, compress: bool
) -> None:
    whole = warc(crawl(), compress=compress)
    last = warc(crawl()[-1:], compress=compress)
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(whole[: len(whole) - len(last) // 2])  # cut in the middle of the last page
    items = read(path)
    assert isinstance(items[0], Article)
    assert items[0].source == "https://valleycourier.example/a"
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(rejected) == 1
    assert rejected[0].source == str(path)
    assert "truncated or corrupt WARC archive" in rejected[0].reason


def test_garbage_after_a_gzip_warc_header_is_one_rejection(tmp_path: Path, read: Reader) -> None:
    whole = warc(crawl(), compress=True)
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(whole[:40])
    (item,) = read(path)
    assert isinstance(item, Rejected)
    assert item.source == str(path)
    assert "truncated or corrupt WARC archive" in item.reason


def test_a_record_over_the_size_limit_is_rejected_and_the_next_is_read(
    tmp_path: Path, read: Reader
) -> None:
    big = warc_record("https://valleycourier.example/big", page(PARAGRAPHS * 40).encode())
    small = warc_record("https://valleycourier.example/small", page().encode())
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc([big, small], compress=False))
    first, second = read(path, max_file_bytes=5000)
    assert isinstance(first, Rejected)
    assert first.source == "https://valleycourier.example/big"
    assert "5,000 bytes" in first.reason
    assert isinstance(second, Article)
    assert second.source == "https://valleycourier.example/small"
