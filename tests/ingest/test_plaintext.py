"""Plain-text articles: the body as written, leading date token and headers lifted out."""

from __future__ import annotations

from pathlib import Path

from storylens.records import Article, Rejected

from .inputs import Reader


def only(items: list[Article | Rejected]) -> Article:
    assert len(items) == 1, items
    (item,) = items
    assert isinstance(item, Article), item
    return item


def test_the_five_seed_articles_are_read_and_the_date_token_becomes_the_published_date(
    seeds_dir: Path, read: Reader
) -> None:
    items = read(seeds_dir)
    assert len(items) == 5
    assert all(isinstance(i, Article) and i.format == "text" for i in items)
    by_name = {Path(i.source).name[:3]: i for i in items}
    dated = by_name["000"]
    assert isinstance(dated, Article)
    assert dated.published == "2024-03-17"
    assert dated.published_basis == "header"
    assert not dated.raw.lstrip().lower().startswith("date")
    assert dated.raw.startswith("In a meeting with his Syrian counterpart")
    assert [Path(i.source).name[:3] for i in items] == ["000", "001", "002", "003", "004"]
    assert all(i.source.startswith(str(seeds_dir)) for i in items)


def test_a_date_token_on_its_own_line_is_removed_with_its_line(
    tmp_path: Path, read: Reader
) -> None:
    (tmp_path / "a.txt").write_text("date 2025-01-09\nThe ferry ran again.\n", encoding="utf-8")
    article = only(read(tmp_path / "a.txt"))
    assert (article.raw, article.published, article.published_basis) == (
        "The ferry ran again.",
        "2025-01-09",
        "header",
    )


def test_leading_header_lines_become_metadata_and_leave_the_body(
    tmp_path: Path, read: Reader
) -> None:
    (tmp_path / "a.txt").write_text(
        "Title: Ferry service resumes\nDate: March 3, 2025\nURL: https://coastal.example/ferry\n"
        "Source: The Coastal Ledger\nLanguage: EN\n\nThe ferry to Gull Island ran again on Monday.\n"
        "Source: a harbour official, who spoke on condition of anonymity.\n",
        encoding="utf-8",
    )
    article = only(read(tmp_path / "a.txt"))
    assert article.title == "Ferry service resumes"
    assert article.published == "2025-03-03"
    assert article.published_basis == "header"
    assert article.url == "https://coastal.example/ferry"
    assert (article.outlet, article.outlet_evidence) == ("The Coastal Ledger", "header Source")
    assert article.language == "en"
    assert article.raw == (
        "The ferry to Gull Island ran again on Monday.\n"
        "Source: a harbour official, who spoke on condition of anonymity."
    )


def test_a_text_without_headers_names_no_outlet_and_no_date(tmp_path: Path, read: Reader) -> None:
    (tmp_path / "a.txt").write_text(
        "Title of nothing\nThe Coastal Ledger reports a storm.", encoding="utf-8"
    )
    article = only(read(tmp_path / "a.txt"))
    assert article.outlet is None
    assert article.outlet_evidence is None
    assert article.published is None
    assert article.published_basis is None
    assert article.raw == "Title of nothing\nThe Coastal Ledger reports a storm."


def test_an_unreadable_date_header_is_removed_but_not_guessed(tmp_path: Path, read: Reader) -> None:
    (tmp_path / "a.txt").write_text("Date: last Tuesday\nThe storm passed.", encoding="utf-8")
    article = only(read(tmp_path / "a.txt"))
    assert (article.raw, article.published, article.published_basis) == (
        "The storm passed.",
        None,
        None,
    )


def test_windows_line_endings_are_read_as_newlines(tmp_path: Path, read: Reader) -> None:
    (tmp_path / "a.txt").write_bytes(b"Title: Storm\r\n\r\nFirst line.\r\nSecond line.\r\n")
    article = only(read(tmp_path / "a.txt"))
    assert (article.title, article.raw) == ("Storm", "First line.\nSecond line.")


def test_headers_with_no_body_are_rejected(tmp_path: Path, read: Reader) -> None:
    (tmp_path / "a.txt").write_text("Title: Nothing here\nDate: 2025-01-01\n", encoding="utf-8")
    (item,) = read(tmp_path / "a.txt")
    assert isinstance(item, Rejected)
    assert item.source == str(tmp_path / "a.txt")
    assert "no article text" in item.reason
