"""Rendered pages, kept until the database changes.

A page is a pure function of its URL and the committed database, and the database
changes only when a writer commits, so the same request between two commits gets the
same bytes without querying and rendering again. The database's version is read from
the file system (size and modification time of the database and its WAL, which every
commit changes) before the page's queries run, so a page is never filed under a newer
version than the data it shows.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from fastapi import Request

from .reader import Reader

Key = tuple[str, str, tuple[int, ...]]


class PageCache:
    def __init__(self, reader: Reader, size: int = 512) -> None:
        self.reader = reader
        self.size = size
        self._pages: OrderedDict[Key, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def lookup(self, request: Request) -> bytes | None:
        """The page for this request if it is still current; remembers the key otherwise."""
        key = (request.url.path, request.url.query, self.reader.version())
        request.state.page_key = key
        with self._lock:
            body = self._pages.get(key)
            if body is not None:
                self._pages.move_to_end(key)
            return body

    def store(self, request: Request, body: bytes) -> None:
        key: Key | None = getattr(request.state, "page_key", None)
        if key is None or self.size <= 0:
            return
        with self._lock:
            self._pages[key] = body
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
