"""Turn the dates that inputs carry into ISO strings.

Readers only pass on dates the input states (a header, a feed's pubDate, page metadata);
they are normalised here so that every later stage compares one shape: `YYYY-MM-DD`, or
an ISO datetime when the input gives a time. A date that cannot be read is dropped
rather than guessed: `clean` and `nlp` look for a dateline in the text.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
_WRITTEN_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
)


def iso_date(value: object) -> str | None:
    """An ISO date or datetime for a date string as inputs write them, else None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 64:
        return None
    day = _ISO_DAY.match(text)
    if day:
        return _valid_day(int(day[1]), int(day[2]), int(day[3]))
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        return parsed.isoformat()
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.replace("Sept", "Sep"))
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def from_struct(value: object) -> str | None:
    """An ISO datetime (UTC) from the `time.struct_time` feedparser gives, else None."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime(*value[:6]).isoformat() + "+00:00"
    except (ValueError, OverflowError):
        return None


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
