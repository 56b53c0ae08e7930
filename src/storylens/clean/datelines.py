"""Lines that are only a publication date ("March 17, 2024 at 5:03 pm").

Such a line is page furniture, but it is also the best evidence of when an article was
published when the reader found no date in the page's metadata. Only a line that is a
date and nothing else counts: a date inside a sentence is what the article reports, not
when it was written.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# "5:03 pm", "4: 59 PM EDT", "12.30 GMT", "10:30 AM ET"; a tokenizer may space the colon
_TIME = r"\d{1,2}\s?[:.]\s?\d{2}(?:\s?[ap]\.?\s?m\.?)?(?:\s*\(?(?:[a-z]{2,4}(?:[+-]\d{1,2})?)\)?)?"
_DATE = (
    _WEEKDAY
    + r"(?:"
    + _MONTH.format(g="m1")
    + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
    + r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+"
    + _MONTH.format(g="m2")
    + r",?\s+(?P<y2>\d{4})"
    + r"|(?P<y3>\d{4})-(?P<n3>\d{2})-(?P<d3>\d{2})"
    + r")"
)
_PREFIX = r"(?:(?:first\s+|last\s+)?(?:published|posted|updated|modified|date|created)(?:\s+on)?\s*:?\s*)?"
_SEP = r"(?:\s*(?:,|at|-|–|—|\||/|@)?\s*)"
_ONE = rf"{_PREFIX}(?:{_TIME}{_SEP})?{_DATE}(?:{_SEP}{_TIME})?"
# a whole line: one date, optionally followed by a second one ("| Updated: ...")
_ONE_ANON = re.sub(r"\(\?P<\w+>", "(?:", _ONE)
_ONE_ANON = rf"(?:{_ONE_ANON}|{_PREFIX}{_TIME})"  # "| Updated 1:32 PM PDT"
DATELINE_RE = re.compile(rf"^\s*{_ONE}(?:\s*[|,;·•]?\s*{_ONE_ANON})?\s*$", re.IGNORECASE)
_FIRST_RE = re.compile(_ONE, re.IGNORECASE)


def parse_dateline(line: str) -> str | None:
    """The ISO date (YYYY-MM-DD) of a line that is only a date, else None.

    The time of day is dropped: without a reliable time zone it would claim a precision
    the page does not give.
    """
    if len(line) > 90 or not DATELINE_RE.match(line):
        return None
    m = _FIRST_RE.search(line)
    if m is None:  # pragma: no cover - DATELINE_RE matched, so _FIRST_RE does
        return None
    g = m.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), _MONTHS[g["m1"][:3].lower()], int(g["d1"])).isoformat()
        if g["y2"]:
            return date(int(g["y2"]), _MONTHS[g["m2"][:3].lower()], int(g["d2"])).isoformat()
        return date(int(g["y3"]), int(g["n3"]), int(g["d3"])).isoformat()
    except ValueError:  # "February 31": not a date, so not a dateline either
        return None


_NUMERIC_DATE = r"\d{1,2}\s?[/.]\s?\d{1,2}\s?[/.]\s?\d{2,4}"  # 04/04/2012: which is the month?
_TIME_LINE_RE = re.compile(
    rf"^\s*{_PREFIX}(?:{_TIME}|{_NUMERIC_DATE}(?:{_SEP}{_TIME})?)\s*$", re.IGNORECASE
)


def is_time_line(line: str) -> bool:
    """A line that is only a time ("Updated 4:08 p.m. ET") or an all-numeric date: furniture
    that gives no reliable date (is 04/05/2012 April or May?)."""
    return len(line) <= 40 and bool(_TIME_LINE_RE.match(line))
