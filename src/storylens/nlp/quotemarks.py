"""Find directly quoted passages by their quote marks, in every style news text uses.

Curly and guillemet pairs are unambiguous; straight double quotes pair up by position
within a paragraph; single quotes (‘ ’ and ') double as apostrophes, so they count only
where they open after a space and close before a space or punctuation. A quote left open
at a paragraph end that the next paragraph re-opens is one multi-paragraph quote, as
news style writes it.
"""

from __future__ import annotations

import re

Pair = tuple[int, int]  # (index of the opening mark, index of the closing mark)

_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"))
_OPEN_BEFORE = ' \t\n([{—–-:/"“«'
_LETTER = re.compile(r"\w")


def find_quote_marks(text: str) -> list[Pair]:
    """Every (open, close) pair of quote marks, outermost only, in text order."""
    pairs: list[Pair] = []
    for left, right in _PAIRS:
        pairs += _curly(text, left, right)
    pairs += _straight(text)
    pairs = _outermost(pairs)
    for mark_open, mark_close in (("‘", "’"), ("'", "'")):
        singles = _singles(text, mark_open, mark_close)
        pairs = _outermost(pairs + [p for p in singles if not _inside(p, pairs)])
    return pairs


def _curly(text: str, left: str, right: str) -> list[Pair]:
    if left == "„":
        return []  # German low-high style is rare in English news; its close is “
    out: list[Pair] = []
    i = text.find(left)
    while i != -1:
        start = i
        j = text.find(right, i + 1)
        nxt = text.find(left, i + 1)
        # an unclosed quote that the next paragraph re-opens continues there
        while j != -1 and nxt != -1 and nxt < j and "\n" in text[i:nxt]:
            i = nxt
            nxt = text.find(left, i + 1)
        if j == -1:
            break
        if nxt == -1 or nxt > j or i != start:
            out.append((start, j))
            i = text.find(left, j + 1)
        else:
            i = nxt  # a stray opening mark: start again from the next one
    return out


def _straight(text: str) -> list[Pair]:
    out: list[Pair] = []
    carry: int | None = None  # an opening mark left open at a paragraph's end
    pos = 0
    for para in text.split("\n"):
        marks = [pos + m.start() for m in re.finditer('"', para)]
        if carry is not None and not (marks and marks[0] == pos + len(para) - len(para.lstrip())):
            carry = None
        if carry is not None:
            marks = marks[1:] if len(marks) % 2 == 1 else marks
            if len(marks) % 2 == 1:
                out.append((carry, marks[0]))
                marks = marks[1:]
                carry = None
        for a, b in zip(marks[0::2], marks[1::2], strict=False):
            out.append((a, b))
        if len(marks) % 2 == 1 and carry is None:
            carry = marks[-1]
        pos += len(para) + 1
    return out


def _singles(text: str, left: str, right: str) -> list[Pair]:
    out: list[Pair] = []
    for m in re.finditer(re.escape(left), text):
        i = m.start()
        if (i > 0 and text[i - 1] not in _OPEN_BEFORE) or not _LETTER.match(text[i + 1 : i + 2]):
            continue
        if out and out[-1][1] >= i:
            continue
        end = min(len(text), i + 400)
        for c in re.finditer(re.escape(right), text[i + 1 : end]):
            j = i + 1 + c.start()
            after = text[j + 1 : j + 2]
            if "\n" in text[i:j]:
                break
            if _LETTER.match(after) or (
                not _LETTER.match(text[j - 1]) and text[j - 1] not in ".,!?"
            ):
                continue  # an apostrophe inside a word ("Israel’s")
            if text[j - 1] == "s" and left == "'" and after == " ":
                continue  # a plural possessive ("the countries' leaders")
            out.append((i, j))
            break
    return out


def _inside(p: Pair, pairs: list[Pair]) -> bool:
    return any(a <= p[0] and p[1] <= b for a, b in pairs)


def _outermost(pairs: list[Pair]) -> list[Pair]:
    pairs = sorted(set(pairs))
    out: list[Pair] = []
    for p in pairs:
        if not out or p[0] > out[-1][1]:
            out.append(p)
    return out
