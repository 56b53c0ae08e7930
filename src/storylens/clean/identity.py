"""Article ids that hash the cleaned text, so re-reading an article changes nothing.

Case and white space are folded first: the same story re-extracted with different line
breaks, or re-cleaned after learned furniture is removed, keeps one id per text.
"""

from __future__ import annotations

import hashlib


def normalized_text(text: str) -> str:
    return " ".join(text.lower().split())


def article_id(text: str) -> str:
    """First 16 hex digits of sha256 over the normalized cleaned text."""
    return hashlib.sha256(normalized_text(text).encode("utf-8")).hexdigest()[:16]
