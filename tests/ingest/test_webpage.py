"""HTML pages: the article's paragraphs, without the navigation, ads and comments around them."""

from __future__ import annotations

from pathlib import Path

from storylens.ingest.webpage import fragment_text
from storylens.records import Article, Rejected

from .inputs import PARAGRAPHS, Reader, page


def read_one(read: Reader, path: Path) -> Article:
    items = read(path)
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def test_a_saved_page_gives_its_paragraphs_separated_by_blank_lines(
    tmp_path: Path, read: Reader
) -> None:
    (tmp_path / "bridge.html").write_text(page(), encoding="utf-8")
    article = read_one(read, tmp_path / "bridge.html")
    assert article.format == "html"
    paragraphs = article.raw.split("\n\n")
    for expected in PARAGRAPHS:
        assert expected in paragraphs


def test_navigation_ads_comments_and_footer_are_not_part_of_the_text(
    tmp_path: Path, read: Reader
) -> None:
    (tmp_path / "bridge.html").write_text(page(), encoding="utf-8")
    raw = read_one(read, tmp_path / "bridge.html").raw
    for furniture in ("Home", "Weather", "Zephyr", "reader123", "Comments", "All rights reserved"):
        assert furniture not in raw


def test_page_metadata_becomes_hints_but_never_an_outlet(tmp_path: Path, read: Reader) -> None:
    (tmp_path / "bridge.html").write_text(page(), encoding="utf-8")
    article = read_one(read, tmp_path / "bridge.html")
    assert article.title == "Harbor bridge reopens after repairs"
    assert article.url == "https://valleycourier.example/news/bridge"
    assert (article.published, article.published_basis) == ("2025-04-02", "metadata")
    assert article.site_name == "The Valley Courier"
    assert article.language == "en"
    assert article.outlet is None
    assert article.outlet_evidence is None


def test_a_page_is_recognised_by_its_doctype_whatever_the_file_is_called(
    tmp_path: Path, read: Reader
) -> None:
    (tmp_path / "saved-article.txt").write_text(page(), encoding="utf-8")
    article = read_one(read, tmp_path / "saved-article.txt")
    assert article.format == "html"
    assert PARAGRAPHS[0] in article.raw


def test_a_cp1252_page_declared_as_such_keeps_its_curly_quotes(
    tmp_path: Path, read: Reader
) -> None:
    quoted = ("\u201cWe are proud of the crews,\u201d Whitfield said at the ceremony on the bank.",)
    html = page(PARAGRAPHS[:2] + quoted).replace('charset="utf-8"', 'charset="windows-1252"')
    (tmp_path / "bridge.html").write_bytes(html.encode("cp1252"))
    raw = read_one(read, tmp_path / "bridge.html").raw
    assert quoted[0] in raw


def test_a_page_with_nothing_but_furniture_is_rejected(tmp_path: Path, read: Reader) -> None:
    (tmp_path / "menu.html").write_text(
        '<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>',
        encoding="utf-8",
    )
    (item,) = read(tmp_path / "menu.html")
    assert isinstance(item, Rejected)
    assert item.source == str(tmp_path / "menu.html")
    assert "without main text" in item.reason


def test_an_html_fragment_becomes_paragraphs_of_plain_text() -> None:
    text = fragment_text(
        "<p>The <b>ferry</b> ran.</p><p>Then it stopped<br>again.</p><script>x()</script>"
    )
    assert text == "The ferry ran.\n\nThen it stopped\nagain."
