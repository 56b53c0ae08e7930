"""Readers: turn files, folders, feeds, archives and stdin into `Article` records.

The `ingest` stage fills `source`, `raw`, `format` and the metadata hints the input
states itself (title, url, published + basis, site_name, outlet + evidence only when
the input names it, language, input_id). Bad input never stops a run: each unreadable
file, line, item or archive becomes one `Rejected`.

    for item in read_paths(["articles/", "feed.xml", "-"], Settings()):
        ...

`input_key(article)` is the key for skipping inputs already read: it hashes where the
article came from and what it says, so re-reading an unchanged file gives the same keys,
and an edited file gives new ones.
"""

from __future__ import annotations

import hashlib

from ..records import Article
from .detect import Format, detect
from .paths import read_paths

__all__ = ["Format", "detect", "input_key", "read_paths"]


def input_key(article: Article) -> str:
    """sha256 (hex) of `source` and `raw`: the same input read again has the same key."""
    digest = hashlib.sha256()
    digest.update(article.source.encode("utf-8", "surrogatepass"))
    digest.update(b"\x00")
    digest.update(article.raw.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
