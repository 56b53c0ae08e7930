"""JSON Lines: one article per line; a broken line costs that line and nothing more."""

from __future__ import annotations

import io
import json
from pathlib import Path

from storylens.ingest import read_paths
from storylens.records import Article, Rejected
from storylens.settings import Settings

from .inputs import PARAGRAPHS, Reader, page

FULL = {
    "id": "vc-0042",
    "title": "Ferry service resumes",
    "url": "https://coastal.example/ferry",
    "published": "2025-03-03T08:15:00Z",
    "outlet": "The Coastal Ledger",
    "language": "EN",
    "text": "The ferry to Gull Island ran again on Monday.",
}


def lines(*objects: object) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects)


def test_each_line_is_one_article_with_its_metadata(tmp_path: Path, read: Reader) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(lines(FULL, {"text": "A second, bare article."}), encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert first.source == f"{path}:1"
    assert second.source == f"{path}:2"
    assert first.format == "jsonl"
    assert first.raw == "The ferry to Gull Island ran again on Monday."
    assert first.title == "Ferry service resumes"
    assert first.url == "https://coastal.example/ferry"
    assert (first.published, first.published_basis) == ("2025-03-03T08:15:00+00:00", "metadata")
    assert (first.outlet, first.outlet_evidence) == ("The Coastal Ledger", "jsonl field outlet")
    assert first.language == "en"
    assert first.input_id == "vc-0042"
    assert (second.outlet, second.published, second.title) == (None, None, None)


def test_a_malformed_line_is_one_rejection_and_the_file_goes_on(
    tmp_path: Path, read: Reader
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        lines({"text": "First."}, '{"text": "unterminated', {"text": "Third."}), encoding="utf-8"
    )
    first, bad, third = read(path)
    assert isinstance(first, Article)
    assert isinstance(third, Article)
    assert third.source == f"{path}:3"
    assert isinstance(bad, Rejected)
    assert bad.source == f"{path}:2"
    assert bad.reason.startswith("invalid JSON: ")
    assert "\n" not in bad.reason
    assert str(bad).startswith(f"{path}:2: invalid JSON: ")


def test_lines_without_text_or_with_wrong_types_are_rejected_with_the_field_named(
    tmp_path: Path, read: Reader
) -> None:
    path = tmp_path / "batch.ndjson"
    path.write_text(
        lines({"title": "no body"}, {"text": ["a", "list"]}, [1, 2], {"text": "ok", "outlet": 7}),
        encoding="utf-8",
    )
    reasons = [item.reason for item in read(path) if isinstance(item, Rejected)]
    assert reasons == [
        'no "text" or "html" field with content',
        'field "text" must be a string, got an array',
        "expected a JSON object, got an array",
        'field "outlet" must be a string, got a number',
    ]


def test_blank_lines_are_skipped_and_line_numbers_stay_true(tmp_path: Path, read: Reader) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(lines({"text": "One."}, "", "   ", {"text": "Four."}), encoding="utf-8")
    assert [item.source for item in read(path)] == [f"{path}:1", f"{path}:4"]


def test_an_html_field_is_read_as_a_page(tmp_path: Path, read: Reader) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(
        lines({"html": page(), "url": "https://valleycourier.example/b"}), encoding="utf-8"
    )
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.format == "jsonl"
    assert PARAGRAPHS[1] in article.raw.split("\n\n")
    assert "Zephyr" not in article.raw
    assert article.url == "https://valleycourier.example/b"
    assert article.site_name == "The Valley Courier"


def test_standard_input_is_read_as_json_lines(tmp_path: Path) -> None:
    stream = io.BytesIO(lines({"text": "From a pipe."}, "not json").encode())
    good, bad = read_paths(["-"], Settings(), stdin=stream)
    assert isinstance(good, Article)
    assert good.source == "<stdin>:1"
    assert good.raw == "From a pipe."
    assert isinstance(bad, Rejected)
    assert bad.source == "<stdin>:2"


def test_a_line_over_the_size_limit_is_rejected_without_losing_the_next(
    tmp_path: Path, read: Reader
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(lines({"text": "x" * 500}, {"text": "short"}), encoding="utf-8")
    big, small = read(path, max_file_bytes=100)
    assert isinstance(big, Rejected)
    assert "100 bytes" in big.reason
    assert isinstance(small, Article)
    assert small.source == f"{path}:2"


def test_a_jsonl_file_is_streamed_so_the_file_size_limit_does_not_apply(
    tmp_path: Path, read: Reader
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(lines(*({"text": f"Article number {i}."} for i in range(20))), encoding="utf-8")
    items = read(path, max_file_bytes=200)
    assert len(items) == 20
    assert all(isinstance(i, Article) for i in items)


def test_a_cp1252_line_is_decoded_rather_than_rejected(tmp_path: Path, read: Reader) -> None:
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(
        '{"text": "Caf\u00e9 owners \u201cwelcomed\u201d the ferry."}\n'.encode("cp1252")
    )
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.raw == "Caf\u00e9 owners \u201cwelcomed\u201d the ferry."


def test_lone_surrogate_escapes_become_replacement_characters(tmp_path: Path, read: Reader) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text(
        '{"text": "Broken \\ud800 character.", "title": "T\\udfff"}\n', encoding="utf-8"
    )
    (article,) = read(path)
    assert isinstance(article, Article)
    assert (article.raw, article.title) == ("Broken \ufffd character.", "T\ufffd")


def test_an_html_fragment_in_a_line_is_read_without_a_surrounding_document(
    tmp_path: Path, read: Reader
) -> None:
    path = tmp_path / "fragments.jsonl"
    path.write_text(
        lines({"html": "<p>The ferry ran again.</p><p>Crews cheered.</p>"}), encoding="utf-8"
    )
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.raw == "The ferry ran again.\n\nCrews cheered."
