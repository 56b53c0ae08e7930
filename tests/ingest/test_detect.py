"""Choosing the reader (content first, extension second), decoding, and refusing non-text."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storylens.ingest import detect
from storylens.ingest.detect import NotText, decode
from storylens.records import Article, Rejected

from .inputs import Reader, page, warc, warc_record

ARTICLE = "The ferry to Gull Island ran again on Monday, the harbour office said."


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", ARTICLE, "text"),
        ("a", ARTICLE, "text"),
        ("a.html", "<div><p>fragment without a doctype</p></div>", "html"),
        ("a.txt", "  <!DOCTYPE html><html><body></body></html>", "html"),
        ("a.txt", "<html lang='en'><body></body></html>", "html"),
        ("a.txt", "<head><title>Saved</title></head><body><p>x</p></body>", "html"),
        ("a.dat", json.dumps({"text": ARTICLE}) + "\n", "jsonl"),
        ("a.jsonl", "not json at all", "jsonl"),
        ("a.txt", '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
        ("a", '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        ("a.rss", ARTICLE, "feed"),
        ("a.txt", "WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("a.htm", '{"text": "a JSON line in a misnamed file"}', "jsonl"),
    ],
)
def test_the_format_is_chosen_by_content_first_and_extension_second(
    name: str, content: str, expected: str
) -> None:
    assert detect(name, content.encode()) == expected


def test_a_gzipped_warc_is_recognised_by_what_it_holds() -> None:
    archive = warc([warc_record("https://valleycourier.example/a", page().encode())], compress=True)
    assert detect("download.bin", archive[:8192]) == "warc"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive or office document"),
        (gzip.compress(b"just some text", mtime=0), "gzip archive"),
        (b"plain words\x00with a NUL in the middle", "contains NUL bytes"),
    ],
)
def test_binary_files_are_rejected_with_what_they_are(
    tmp_path: Path, read: Reader, content: bytes, kind: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    (item,) = read(path)
    assert item == Rejected(source=str(path), reason=f"binary file ({kind})")


def test_an_empty_file_is_rejected_as_empty(tmp_path: Path, read: Reader) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"  \n\t\n")
    empty, blank = read(tmp_path / "a.txt", tmp_path / "b.txt")
    assert empty == Rejected(source=str(tmp_path / "a.txt"), reason="empty file")
    assert blank == Rejected(source=str(tmp_path / "b.txt"), reason="empty file (only white space)")


def test_a_file_over_the_size_limit_is_rejected_naming_size_and_limit(
    tmp_path: Path, read: Reader
) -> None:
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE * 100, encoding="utf-8")
    (item,) = read(path, max_file_bytes=1000)
    assert isinstance(item, Rejected)
    assert f"{path.stat().st_size:,} bytes" in item.reason
    assert "over the 1,000 bytes limit" in item.reason
    assert "--max-file-mb" in item.reason


def test_a_missing_path_is_rejected_and_the_run_goes_on(tmp_path: Path, read: Reader) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    missing, article = read(tmp_path / "nope.txt", tmp_path / "a.txt")
    assert missing == Rejected(
        source=str(tmp_path / "nope.txt"), reason="no such file or directory"
    )
    assert isinstance(article, Article)


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        ("\ufeffCaf\u00e9 \u201cquotes\u201d".encode(), "utf-8-sig"),
        ("Caf\u00e9 \u201cquotes\u201d".encode(), "utf-8"),
        ("Caf\u00e9 \u201cquotes\u201d".encode("cp1252"), "cp1252"),
        ("\ufeffCaf\u00e9 \u201cquotes\u201d".encode("utf-16-le"), "utf-16"),
    ],
)
def test_text_in_a_real_encoding_is_decoded_rather_than_rejected(
    encoded: bytes, encoding: str
) -> None:
    assert decode(encoded) == ("Caf\u00e9 \u201cquotes\u201d", encoding)


def test_latin1_bytes_that_cp1252_leaves_undefined_still_decode() -> None:
    text, encoding = decode(b"Fa\xe7ade \x81 r\xe9nov\xe9e")
    assert (text, encoding) == ("Fa\u00e7ade \x81 r\u00e9nov\u00e9e", "latin-1")


def test_bytes_full_of_control_characters_are_not_text() -> None:
    with pytest.raises(NotText, match="binary file"):
        decode(bytes(range(1, 32)) * 20)
