"""Lines of a raw body, and the test that protects real sentences.

Cleaning works line by line because page furniture comes in lines. Its one hard rule is
that a real sentence is never removed, so `is_sentence` leans towards "yes": anything that
ends like a sentence and has a few words is kept, whatever else it looks like.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BLOCKS_RE = re.compile(r"\n[ \t\f\v\u00a0\u2028\u2029]*\n")
_CLOSERS = "\"”’')]» “‘"  # (a stray opening quote after the stop is an extraction glitch)
_CLOSING_QUOTES = '"”’»'
_OPEN_QUOTES = "\"“‘'«"
_DOUBLE_QUOTES = '"“”«»'
_LOWER_WORD_RE = re.compile(r"(?:^|\s)[a-z]")
# "..., he said" after a quote, or a stop inside the line followed by more text
_ATTRIBUTION_RE = re.compile(r"[,!?][\"”’]\s+\w")
_INNER_STOP_RE = re.compile(r"[a-z]{2}[.!?][\"”’]?\s+\S")
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "under",
        "up",
        "with",
        "vs",
    ]
)


def normalize_line(line: str) -> str:
    """Collapse runs of white space (including no-break spaces) to one space."""
    return " ".join(line.split())


def split_lines(raw: str) -> Iterator[str]:
    """Non-empty, whitespace-normalized lines; hard-wrapped paragraphs are joined first.

    Joining matters because a wrapped fragment ("the minister said on") looks exactly
    like a heading and would otherwise be dropped as one.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    for block in _BLOCKS_RE.split(text):
        lines = [normalize_line(x) for x in block.split("\n")]
        lines = [x for x in lines if x]
        if not lines:
            continue
        if _hard_wrapped(lines):
            yield " ".join(lines)
            continue
        current = lines[0]
        for nxt in lines[1:]:
            if _continues(current, nxt):
                current = f"{current} {nxt}"
            else:
                yield current
                current = nxt
        yield current


def _hard_wrapped(lines: list[str]) -> bool:
    """A block wrapped at a fixed width: similar-length lines that mostly stop mid-sentence."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if not all(40 <= len(x) <= 100 for x in body):
        return False
    open_ended = sum(1 for x in body if not _ends_terminal(x))
    return open_ended * 2 > len(body)


def _continues(current: str, nxt: str) -> bool:
    """`nxt` carries on the sentence `current` left open ("... said\\nthat the ...")."""
    return (
        nxt[0].islower()
        and not _ends_terminal(current)
        and not current.endswith(":")
        and len(current.split()) >= 4
    )


def word_count(line: str) -> int:
    return len(line.split())


def _ends_terminal(line: str) -> bool:
    """Ends with . ? ! or …, possibly inside closing quotes or brackets."""
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in ".?!…"


def fully_quoted(line: str) -> bool:
    """A line that is one quotation and nothing else: a pull quote or quoted subheading."""
    if len(line) < 3 or line[0] not in _OPEN_QUOTES or line[-1] not in _CLOSING_QUOTES:
        return False
    inner = line[1:-1]
    return not any(ch in _DOUBLE_QUOTES for ch in inner)


def is_sentence(line: str) -> bool:
    """Whether a line reads as (at least one) real sentence, which cleaning must keep.

    Ends with . ? ! (optionally inside quotes or brackets), however short; or
    introduces what follows with a colon; or ends with a closing quote after words of its
    own ("..., he said: “...”"), which a pull quote on its own line does not have.
    """
    if _ends_terminal(line):
        return any(ch.isalpha() for ch in line)  # "Trust me." and "Mortifying." are news too
    words = word_count(line)
    if words < 3:
        return False
    if _ATTRIBUTION_RE.search(line):
        return True
    if words >= 6 and _INNER_STOP_RE.search(line) and not title_case(line):
        return True
    has_lower = _LOWER_WORD_RE.search(line) is not None
    if line.endswith(":"):
        return words >= 4 and has_lower
    if line[-1] in _CLOSING_QUOTES:
        return words >= 4 and has_lower and (words > 8 or not fully_quoted(line))
    return False


def title_case(line: str) -> bool:
    """Headline style: every word capitalized except short function words (or ALL CAPS)."""
    words = [w.strip("\"“”‘’'(),:;-–—") for w in line.split()]
    words = [w for w in words if w and w[0].isalpha()]
    if not words:
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


def looks_like_heading(line: str) -> bool:
    """A subheading inside the body: short, or in headline capitals, or a lone quotation.

    A longer line in sentence case is a sentence that lost its full stop, and is kept.
    """
    return word_count(line) <= 7 or title_case(line) or fully_quoted(line)
