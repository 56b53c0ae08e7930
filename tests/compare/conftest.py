"""Articles written for these tests: short, invented reports of invented events."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from storylens.records import Article

MakeArticle = Callable[..., Article]


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?[”\"]?", text)
            if m.group().strip()]  # fmt: skip


@pytest.fixture
def article() -> MakeArticle:
    """article(id, text, outlet=None, **fields): sentences split at . ! ? and line breaks."""

    def make(id: str, text: str, outlet: str | None = None, **fields: Any) -> Article:
        spans = []
        for start, end in _sentences(text):
            while text[start].isspace():
                start += 1
            spans.append((start, end))
        return Article(source=f"{id}.txt", id=id, text=text, outlet=outlet, sentences=spans,
                       **fields)  # fmt: skip

    return make
