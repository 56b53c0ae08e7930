"""When did it happen? Resolve an article's time expressions to calendar values.

Two reports of one event rarely share their wording for its date: one says "on Saturday",
another "yesterday", a third prints the date. Resolving each against the article's
publication date turns them into one comparable value, and that value is what keeps two
look-alike events (the same kind of meeting, months apart) from being merged.

This is deliberately a small rule set over regular expressions plus spaCy's DATE/TIME
entities (already on the article): it runs in microseconds per article, and every rule is
visible. Conventions:

- A bare weekday ("on Saturday") is the most recent such day on or before publication
  (news style names today's weekday too), or the next one when its clause speaks of the
  future ("will", "is scheduled to", "'ll", "set to", "calls for"). The clause is read
  from the sentence start, and a later past-tense reporting verb ("Kavan, who will
  retire, said on Monday") puts it back in the past.
- "last Tuesday" is the most recent Tuesday strictly before publication.
- A week is named by its month ("last week" -> the month of publication - 7 days): the
  record format has days, months and years, and a week rarely says which day.
- "the 14th" is that day of the publication month (or the one before/after it, by tense);
  "the same day" is the last day the article named; Christmas is the 25 December meant.
- A month and day without a year take the year that puts them nearest publication.
- Without a publication date, an explicit full date in the article's first lines (a
  dateline such as "First Published: June 13, 2013") anchors the relative expressions.
  A weekday heading a date ("Sunday, March 17, 2013") is part of it, not a day of its own.
- The event date is a day the article looks back on: a day after its anchor is a plan
  ("will host the March 2 show") and dates the event only when nothing else does.
- Values are ISO: a day (2024-03-16), a month (2024-03) or a year (2024); None when there is no anchor or the phrase is too vague ("recently").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..records import Article, TimeExpr

# fmt: off
MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# fmt: on
_MONTHS = {m[:3]: i + 1 for i, m in enumerate(MONTH_NAMES)}
_WEEKDAYS = {d: i for i, d in enumerate(WEEKDAY_NAMES)}
_MONTH_NAMES = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
# Capitalised or in capitals ("MONDAY, MAY 23, 2005" in a header), never lower case: "may"
# and "march" are common words.
_MONTH = rf"(?P<mon>{_MONTH_NAMES}|{_MONTH_NAMES.upper()})\.?"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None,
}  # fmt: skip

# "Sunday, March 17, 2013" on a header line is one date, the publication's: the weekday in
# front belongs to it (alone it would be read as an event day resolved against itself)
_WEEKDAY_ABBR = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_WEEKDAY_OF = rf"(?:(?:{_WEEKDAY_ABBR}|{_WEEKDAY_ABBR.upper()})\.?,?\s+)?"
# the year after a day: "March 17, 2013", "March 17 2013", "November 27 - 2005"
_DAY_YEAR = r"(?:(?:,|\s+[-–])?\s+(?P<y>(?:19|20)\d\d)\b)?"

# Ordered: earlier patterns win where matches overlap (longest, most explicit first).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "2012-08-08", and "2012.08.08" as some outlets print it
    (
        "iso",
        re.compile(
            r"\b(?P<y>(?:19|20)\d\d) ?(?P<sep>[-.]) ?(?P<m>[01]\d) ?(?P=sep) ?(?P<d>[0-3]\d)\b"
        ),
    ),
    (
        "mdy",
        re.compile(rf"\b{_WEEKDAY_OF}{_MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b{_DAY_YEAR}"),
    ),
    (
        "dmy",
        re.compile(
            rf"\b{_WEEKDAY_OF}(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}{_DAY_YEAR}"
        ),
    ),
    # "08.07.2012": dotted with the year last is day first wherever it is written
    ("dotted", re.compile(r"\b(?P<d>[0-3]?\d) ?\. ?(?P<m>[01]?\d) ?\. ?(?P<y>(?:19|20)\d\d)\b")),
    ("numeric", re.compile(r"\b(?P<m>[01]?\d) ?/ ?(?P<d>[0-3]?\d) ?/ ?(?P<y>(?:19|20)?\d\d)\b")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?P<y>(?:19|20)\d\d)\b")),
    (
        "month",
        re.compile(
            rf"\b(?P<pre>in|since|during|until|by|last|this|next|early|late|mid-?|earlier\s+in"
            rf"|of|to|from|between|before|after|and)\s+(?P<inner>{_MONTH})(?!\s*\d)"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<mod>last|this|next|past|coming|this\s+past|this\s+coming)\s+)?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few)"
            r"\s+(?P<unit>day|week|month|year)s?\s+(?:ago|earlier)\b",
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?:(?:earlier|later)\s+)?(?P<word>yesterday|today|tonight|tomorrow|last\s+night"
            r"|this\s+(?:morning|afternoon|evening)"
            r"|(?P<rel>last|this|next|past|the\s+current|the\s+past|the\s+last)"
            r"\s+(?P<unit>week|month|year)"
            r"|the\s+day\s+before\s+yesterday)\b",
            re.I,
        ),
    ),
    ("christmas", re.compile(r"\bChristmas(?:\s+Day)?\b")),
    ("ordinal_day", re.compile(r"\bthe\s+(?P<d>[1-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Z])")),
    ("same_day", re.compile(r"\b(?:the\s+same\s+day|that\s+day)\b", re.I)),
    ("year", re.compile(r"\b(?P<y>(?:19|20)\d\d)\b(?!\s*[-/]\d)")),
]
_ENT_YEAR = re.compile(r"\b(?:19|20)\d\d\b(?!s)")
# What makes a clause speak of the future, and what puts it back in the past after that
# ("Kavan, who will retire in May, said on Monday ..."): the last cue before a phrase wins.
_FUTURE = re.compile(
    r"\b(?:will|shall|would|wo\s+n't|(?:is|are|was|were)\s+(?:expected|scheduled|set|due)"
    r"|expects?|expected|set\s+to|due\s+to|plans?\s+to|planned|upcoming|to\s+be\s+held"
    r"|calls?\s+for|called\s+for|next\s+up|(?:starts|begins|opens|resumes)\b)"
    r"|(?:'|’)(?:ll|d\s+be)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:said|told|announced|added|stressed|noted|confirmed|reported|informed|declared"
    r"|was|were|had|did|has\s+been|have\s+been)\b",
    re.I,
)
_THROUGH_MONTH = re.compile(
    rf"\s*(?:and|to|until|through|-|–)\s*{_MONTH.replace('?P<mon>', '?:')},?\s+(?P<y>(?:19|20)\d\d)\b"
)
_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|of|during|by|until|from|year|early|late|mid|summer|winter|spring|autumn"
    r"|fall|season)\s*$",
    re.I,
)


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO date or datetime string, None if it has none."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _nearest_year(month: int, day: int, anchor: date | None) -> date | None:
    if anchor is None:
        return None
    best: date | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _resolve(
    kind: str, m: re.Match[str], anchor: date | None, future: bool
) -> tuple[str | None, str]:
    g = m.groupdict()
    if kind in {"iso", "mdy", "dmy", "numeric", "dotted"}:
        month = _MONTHS[g["mon"][:3].lower()] if g.get("mon") else int(g["m"])
        day = int(g["d"])
        if kind == "numeric" and month > 12 >= day:
            month, day = day, month  # "16/08/2011" can only be day first
        if g.get("y"):
            y = int(g["y"])
            y = y + 2000 if y < 100 else y
            d = _safe_date(y, month, day)
            return (d.isoformat() if d else None), "explicit"
        d = _nearest_year(month, day, anchor)
        return (d.isoformat() if d else None), "explicit-no-year"
    if kind == "my":
        return f"{int(g['y']):04d}-{_MONTHS[g['mon'][:3].lower()]:02d}", "explicit"
    if kind == "year":
        return g["y"], "explicit"
    if kind == "month":
        if anchor is None:
            return None, "explicit-no-year"
        month = _MONTHS[g["mon"][:3].lower()]
        pre = g["pre"].lower()
        year = anchor.year
        if pre == "next" or (future and pre != "last"):
            year += month < anchor.month
        else:  # the most recent such month, this one included
            year -= month > anchor.month or (pre == "last" and month == anchor.month)
        return f"{year:04d}-{month:02d}", "explicit-no-year"
    if anchor is None:
        return None, kind
    if kind == "christmas":  # the one this clause speaks of: coming or gone
        this_year = date(anchor.year, 12, 25)
        if future:
            return this_year.isoformat(), "relative"
        before = this_year if this_year <= anchor else date(anchor.year - 1, 12, 25)
        return before.isoformat(), "relative"
    if kind == "ordinal_day":  # "on the 14th": a day of the publication month, or the last
        day = int(g["d"])
        months = anchor.year * 12 + anchor.month - 1
        if (day > anchor.day) != future:
            months += 1 if future else -1
        d = _safe_date(months // 12, months % 12 + 1, day)
        return (d.isoformat() if d else None), "relative"
    if kind == "same_day":
        return None, "anaphoric"
    if kind == "weekday":
        target = _WEEKDAYS[g["wd"].lower()]
        mod = (g.get("mod") or "").lower()
        back = (anchor.weekday() - target) % 7
        if mod in {"next", "coming", "this coming"} or (future and mod not in {"last", "past"}):
            ahead = (target - anchor.weekday()) % 7 or (7 if mod == "next" else 0)
            return (anchor + timedelta(days=ahead)).isoformat(), "weekday"
        if mod in {"last", "past", "this past"}:
            back = back or 7
        return (anchor - timedelta(days=back)).isoformat(), "weekday"
    if kind == "ago":
        n = _NUMBERS.get(g["n"].lower()) if not g["n"].isdigit() else int(g["n"])
        if n is None:
            return None, "relative"
        unit = g["unit"].lower()
        if unit == "day":
            return (anchor - timedelta(days=n)).isoformat(), "relative"
        if unit == "week":
            return (anchor - timedelta(weeks=n)).isoformat()[:7], "relative"
        if unit == "month":
            months = anchor.year * 12 + anchor.month - 1 - n
            return f"{months // 12:04d}-{months % 12 + 1:02d}", "relative"
        return f"{anchor.year - n:04d}", "relative"
    word = re.sub(r"\s+", " ", g["word"].lower())
    if g.get("unit"):
        rel = re.sub(r"\s+", " ", g["rel"].lower()).removeprefix("the ")
        step = {"last": -1, "past": -1, "this": 0, "current": 0, "next": 1}[rel]
        unit = g["unit"].lower()
        if unit == "week":  # a week is named by its month: a day would claim too much
            return (anchor + timedelta(weeks=step)).isoformat()[:7], "relative"
        if unit == "month":
            months = anchor.year * 12 + anchor.month - 1 + step
            return f"{months // 12:04d}-{months % 12 + 1:02d}", "relative"
        return f"{anchor.year + step:04d}", "relative"
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}
    return (anchor + timedelta(days=offset.get(word, 0))).isoformat(), "relative"


def _is_future(before: str) -> bool:
    """Does the clause that holds a phrase speak of the future? Read from sentence start."""
    future = [m.end() for m in _FUTURE.finditer(before)]
    if not future:
        return False
    past = [m.end() for m in _PAST.finditer(before)]
    return not past or future[-1] > past[-1]


def _sentence_of(article: Article, start: int) -> tuple[int, int]:
    for s, e in article.sentences:
        if s <= start < e:
            return s, e
    text = article.text
    s = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start)) + 1
    e = text.find("\n", start)
    return s, (e if e >= 0 else len(text))


def _is_dateline(text: str, start: int, end: int) -> bool:
    """A date standing on a short line of its own (a header or dateline), not in a sentence."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    line = text[ls : le if le >= 0 else len(text)]
    return len(line.split()) <= 10 and start - ls < 40


def _find(text: str) -> list[tuple[str, re.Match[str]]]:
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "year" and not _YEAR_CONTEXT.search(text[max(0, s - 12) : s]):
                continue
            if kind == "weekday" and m.group("wd")[0].islower():
                continue  # "may" and friends are common words; weekdays are capitalised
            taken.append((s, e))
            found.append((kind, m))
    found.sort(key=lambda km: km[1].start())
    return found


# "born April 22, 1923 in Kansas": an obituary's lead dates the birth, not the death
_BORN = re.compile(r"\b(?:born|birth|birthday)\b(?:\W+\w+){0,3}\W*$", re.I)


def _anchor(article: Article, found: list[tuple[str, re.Match[str]]]) -> tuple[date | None, str]:
    day = parse_day(article.published)
    if day is not None:
        return day, "published"
    for kind, m in found:
        if m.start() > 300:
            break
        if _BORN.search(article.text[max(0, m.start() - 30) : m.start()]):
            continue
        if kind in {"iso", "mdy", "dmy", "numeric", "dotted"} and m.groupdict().get("y"):
            value, _ = _resolve(kind, m, None, False)
            if value:
                return date.fromisoformat(value), "dateline"
    return None, ""


def resolve_times(article: Article) -> list[TimeExpr]:
    """Every time expression of the article, resolved against its anchor where possible."""
    return _resolve_all(article)[0]


def _resolve_all(article: Article) -> tuple[list[TimeExpr], date | None]:
    """The article's time expressions and the day they were resolved against."""
    text = article.text
    found = _find(text)
    anchor, _ = _anchor(article, found)
    times: list[TimeExpr] = []
    for kind, m in found:
        s, e = m.span()
        ss, _ = _sentence_of(article, s)
        value, basis = _resolve(kind, m, anchor, _is_future(text[ss:s]))
        if kind == "month" and (through := _THROUGH_MONTH.match(text, e)):
            # "between January and August 2024": the range's year is the month's year
            value = f"{through.group('y')}-{_MONTHS[m.group('inner')[:3].lower()]:02d}"
        if kind == "same_day":  # "on the same day": the last day the article named
            value = next((t.value for t in reversed(times) if t.value and len(t.value) == 10), None)
        times.append(TimeExpr(start=s, end=e, text=m.group(0), value=value, basis=basis))
    covered = [(t.start, t.end) for t in times]
    for ent in article.entities:
        if ent.label not in {"DATE", "TIME"}:
            continue
        if any(ent.start < te and ts < ent.end for ts, te in covered):
            continue
        years = list(_ENT_YEAR.finditer(ent.text)) if ent.label == "DATE" else []
        # "the 2013 season": the model saw a date; the year is all we can say, and a
        # range ("between 2021 and 2024") names each of its years
        for year in years:
            times.append(
                TimeExpr(
                    start=ent.start + year.start(),
                    end=ent.start + year.end(),
                    text=year.group(),
                    value=year.group(),
                    basis="explicit",
                )
            )
        if years:
            continue
        times.append(TimeExpr(start=ent.start, end=ent.end, text=ent.text, basis="vague"))
    times.sort(key=lambda t: t.start)
    return times, anchor


def choose_event_date(
    article: Article, times: list[TimeExpr], anchor: date | None = None
) -> TimeExpr | None:
    """The expression that dates the reported event: the first dated phrase of the lead.

    News puts the when of the event in its first sentences; a date printed alone on a
    header line is when the article was published, so it is passed over when the lead
    has anything better. Day precision beats a month or a year. A report tells what has
    happened by the day it was written (`anchor`): a later day is what is planned ("will
    host the March 2 show"), taken only when the text names no other day.
    """
    text = article.text
    published = (article.published or "")[:10]
    lead_end = (
        article.sentences[min(2, len(article.sentences) - 1)][1] if article.sentences else 600
    )
    lead_end = max(lead_end, 400)
    days = [
        t
        for t in times
        if t.value and len(t.value) == 10 and not _BORN.search(text[max(0, t.start - 30) : t.start])
    ]
    body = [
        t
        for t in days
        if not (t.basis == "explicit" and _is_dateline(text, t.start, t.end))
        and not (t.basis == "explicit" and t.value == published and t.start < 80)
        and not (anchor is not None and str(t.value) > anchor.isoformat())
    ]
    for pool in (
        [t for t in body if t.start < lead_end],
        [t for t in body if t.basis in {"weekday", "relative"}],
        body,
        days,
        [t for t in times if t.value and t.start < lead_end and len(t.value) == 7],
    ):
        if pool:
            return pool[0]
    return None


def annotate(article: Article) -> None:
    """Fill `times`, `event_date` and `event_date_evidence` from the text and its dates."""
    times, anchor = _resolve_all(article)
    article.times = times
    chosen = choose_event_date(article, times, anchor)
    article.event_date = chosen.value if chosen else None
    article.event_date_evidence = chosen
