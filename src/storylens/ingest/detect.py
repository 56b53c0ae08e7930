"""Decide what an input is from its first bytes, and turn bytes into text.

Users hand over whatever they have: a folder with a stray PDF, a page saved in cp1252, a
gzip that is really a WARC. The format is chosen by content first and by extension
second (docs: input-formats.md), so a `.txt` file that holds an HTML page is read as a
page, and an input that is not text at all is named as binary rather than read as
garbage.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import re
import zlib
from typing import Final, Literal

Format = Literal["text", "html", "jsonl", "feed", "warc"]

HEAD_BYTES: Final = 8192  # enough to see a doctype, a feed root or a WARC header

# Magic numbers of the non-text files people leave in news folders.
_MAGIC: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "legacy office document"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x00asm", "WebAssembly module"),
    (b"PAR1", "Parquet file"),
)
_RIFF_KINDS: Final = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>/]")
_HTML_START = re.compile(
    r"\A(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)

EXTENSIONS: Final[dict[str, Format]] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}


class NotText(ValueError):
    """The bytes are not text in any encoding we accept; the message says what they are."""


def extension_format(name: str) -> Format | None:
    lowered = name.lower()
    if lowered.endswith(".warc.gz"):
        return "warc"
    dot = lowered.rfind(".")
    return EXTENSIONS.get(lowered[dot:]) if dot >= 0 else None


def is_warc(head: bytes) -> bool:
    """A WARC starts with a `WARC/1.x` version line, plain or inside a gzip member."""
    if head.startswith(b"WARC/"):
        return True
    if not head.startswith(b"\x1f\x8b"):
        return False
    try:
        inflated = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return False
    return inflated.startswith(b"WARC/")


def binary_kind(head: bytes) -> str | None:
    """Name the kind of a binary file from its first bytes; None when it may be text."""
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text has NUL bytes but announces itself
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[head[8:12]]
    if b"\x00" in head:
        return "contains NUL bytes"
    return None


def detect(name: str, head: bytes) -> Format:
    """Pick the reader for an input from its first bytes, then from its file name."""
    if is_warc(head):
        return "warc"
    by_name = extension_format(name)
    start = _peek_text(head)
    if _HTML_START.match(start):
        return "html"
    if start.startswith("{") and _first_line_is_object(start):
        return "jsonl"
    if start.startswith("<") and _FEED_ROOT.search(head):
        return "feed"
    return by_name or "text"


def _peek_text(head: bytes) -> str:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head.decode(encoding, errors="ignore").lstrip()
    return head.decode("latin-1").lstrip()


def _first_line_is_object(start: str) -> bool:
    line = start.split("\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        # a long first line may be cut off by the head: an object still open is enough
        return len(line) >= HEAD_BYTES // 2 and line.rstrip().startswith('{"')


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode text, returning (text, encoding).

    UTF-8 (with or without BOM) and other BOM-marked Unicode first, then an encoding the
    document declares (an HTML `<meta charset>`), then cp1252, which is what most
    non-UTF-8 English news pages really are, then latin-1. A decoding that fits is better
    than a rejection; a result full of control characters is not text and raises NotText.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), encoding)
    candidates = ["utf-8"]
    if declared:
        with contextlib.suppress(LookupError):
            candidates.append(codecs.lookup(declared).name)
    candidates += ["cp1252", "latin-1"]
    for encoding in candidates:
        try:
            return _checked(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in a `<meta>` tag, if any."""
    found = _META_CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def _checked(text: str, encoding: str) -> tuple[str, str]:
    sample = text[:HEAD_BYTES]
    controls = len(_CONTROL.findall(sample))
    if sample and controls > max(4, len(sample) // 20):
        raise NotText(f"binary file (control characters when read as {encoding})")
    return text, encoding
