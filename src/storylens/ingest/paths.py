"""Walk the paths a user gives and hand each file to the reader that fits it.

Everything here streams: directories are walked lazily in sorted order (so two runs over
the same folder read the same articles in the same order), one file is in memory at a
time, and JSON Lines and WARC files are never held whole. Whatever goes wrong with one
input becomes one `Rejected` naming it, and the walk goes on: a run over a thousand files
must not die on file 731.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO

from ..records import Article, Rejected
from ..settings import Settings
from .detect import (
    HEAD_BYTES,
    NotText,
    binary_kind,
    declared_charset,
    decode,
    detect,
    extension_format,
    is_warc,
)
from .feeds import read_feed
from .jsonlines import read_jsonl
from .plaintext import read_text
from .warc import read_warc
from .webpage import read_html

Item = Article | Rejected
STDIN = "<stdin>"


def read_paths(
    paths: Sequence[str], settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every article in `paths` (files, directories read recursively, `-` for JSON Lines
    on standard input), in order, with one `Rejected` for each input that cannot be read.

    Never raises for bad input; `stdin` defaults to the process's standard input.
    """
    for name in paths:
        given = os.fspath(name)  # a Path given by library callers becomes a str source
        if given == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _guarded(STDIN, read_jsonl(STDIN, stream, settings.max_file_bytes))
        else:
            yield from _read_path(given, settings)


def _read_path(given: str, settings: Settings) -> Iterator[Item]:
    try:
        info = os.stat(given)
    except FileNotFoundError:
        yield Rejected(source=given, reason="no such file or directory")
        return
    except OSError as exc:
        yield Rejected(source=given, reason=f"cannot read: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(info.st_mode):
        for path in _walk(given):
            if isinstance(path, Rejected):
                yield path
            else:
                yield from _guarded(path, _read_file(path, settings))
    else:
        yield from _guarded(given, _read_file(given, settings))


def _walk(directory: str) -> Iterator[str | Rejected]:
    """Files under `directory`, depth first in name order; hidden entries and symlinked
    directories (which can loop) are left out. Only names are kept while a folder is
    walked, so a folder of a million files costs its names, not a million stat records."""
    try:
        with os.scandir(directory) as listing:
            names = sorted(entry.name for entry in listing if not entry.name.startswith("."))
    except OSError as exc:
        yield Rejected(source=directory, reason=f"cannot list directory: {exc.strerror or exc}")
        return
    for name in names:
        path = os.path.join(directory, name)
        if os.path.isdir(path) and not os.path.islink(path):
            yield from _walk(path)
        else:
            yield path


def _read_file(path: str, settings: Settings) -> Iterator[Item]:
    limit = settings.max_file_bytes
    try:
        info = os.stat(path)
    except OSError as exc:
        yield Rejected(source=path, reason=f"cannot read: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(info.st_mode):
        yield Rejected(source=path, reason="not a regular file")
        return
    if info.st_size == 0:
        yield Rejected(source=path, reason="empty file")
        return
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
        if is_warc(head) or (
            head.startswith(b"\x1f\x8b") and extension_format(path) == "warc"
        ):  # streamed: the size limit applies to each record
            handle.seek(0)
            yield from read_warc(path, handle, info.st_size, limit)
            return
        kind = binary_kind(head)
        if kind:
            yield Rejected(source=path, reason=f"binary file ({kind})")
            return
        fmt = detect(path, head)
        if fmt == "jsonl":  # streamed: the size limit applies to each line
            handle.seek(0)
            yield from read_jsonl(path, handle, limit)
            return
        if info.st_size > limit:
            yield Rejected(
                source=path,
                reason=f"file is {_mb(info.st_size)}, over the {_mb(limit)} limit "
                "(raise it with --max-file-mb)",
            )
            return
        data = head + handle.read(limit + 1 - len(head))
    yield from _read_document(path, fmt, data)


def _read_document(path: str, fmt: str, data: bytes) -> Iterator[Item]:
    """A whole-file format (text, HTML, feed) from the bytes of one file."""
    if fmt == "feed":
        yield from read_feed(path, data)
        return
    try:
        text, _ = decode(data, declared_charset(data[:HEAD_BYTES]) if fmt == "html" else None)
    except NotText as exc:
        yield Rejected(source=path, reason=str(exc))
        return
    if not text.strip():
        yield Rejected(source=path, reason="empty file (only white space)")
    elif fmt == "html":
        yield from read_html(path, text)
    else:
        yield from read_text(path, text)


def _guarded(source: str, items: Iterable[Item]) -> Iterator[Item]:
    """Pass items on; a fault while reading becomes one Rejected naming the input."""
    try:
        yield from items
    except OSError as exc:
        yield Rejected(source=source, reason=f"cannot read: {exc.strerror or exc}")
    except Exception as exc:
        message = " ".join(str(exc).split())[:200]
        yield Rejected(source=source, reason=f"could not be read ({type(exc).__name__}: {message})")


def _mb(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:,.1f} MB"
    return f"{size:,} bytes"
