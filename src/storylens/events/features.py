"""Per-article event features: what the event clusterer compares, and nothing else.

Features are computed once per article and stored (table `event_features`) so that a new
article is placed by comparing it with stored features, never by re-reading the corpus.
They are plain JSON: counts of content words and of participant/place names, the event
day, and the few fields an event record is built from (title, outlet, date evidence).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..nlp.lexicon import strip_accents
from ..nlp.temporal import MONTH_NAMES, WEEKDAY_NAMES
from ..records import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "also"}
MAX_TERMS = 80  # the most frequent content words carry the topic; the tail is noise


# Raised whenever `features` reads an article differently (2: sums in full, accents
# folded, calendar words not names): stored features of an older version are computed
# again when an index loads them, so old and new reports stay comparable.
FEATURES_VERSION = 2


@dataclass(slots=True, kw_only=True)
class EventFeatures:
    """What one article contributes to event grouping (JSON round-trips via to/from_dict)."""

    article: str
    terms: dict[str, float] = field(default_factory=dict)  # sublinear tf of content words
    names: dict[str, float] = field(default_factory=dict)  # tf of name tokens (who, where)
    lead: dict[str, float] = field(default_factory=dict)  # name tokens of the lead: the main actors
    persons: list[str] = field(default_factory=list)  # surnames of the people named
    locations: list[str] = field(default_factory=list)  # places, most mentioned first
    date: str | None = None  # the event date as ISO, any precision
    day: int | None = None  # ordinal of the event day when the date is a day
    anchor_year: int | None = None  # year of publication (or of a dateline)
    latest_year: int | None = None  # latest year the text names: it was written no earlier
    date_evidence: dict[str, Any] | None = None  # {"start", "end", "text"} in article.text
    weekdays: list[dict[str, Any]] = field(default_factory=list)  # unanchored "on Saturday"
    published: str | None = None
    outlet: str | None = None
    title: str = ""
    duplicate_of: str | None = None
    # the specifics that tell look-alike events apart (another year, other people, other sums)
    caps: dict[str, float] = field(default_factory=dict)  # tf of capitalised words mid-sentence
    numbers: list[str] = field(default_factory=list)  # quantities named, years excluded
    years: list[int] = field(default_factory=list)  # every year the text names
    version: int = 1  # of `features` that made these (1: before versions were recorded)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventFeatures:
        return cls(**data)


def _tokens(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(strip_accents(text)):
        w = w.lower().rstrip("'’s") if w.endswith(("'s", "’s")) else w.lower()
        if len(w) > 2 and w not in _STOP:
            out.append(w)
    return out


def _sublinear(counts: Counter[str], limit: int) -> dict[str, float]:
    return {t: round(1.0 + math.log(c), 4) for t, c in counts.most_common(limit)}


def _title(article: Article) -> str:
    """The headline if there is one, else a headline-like line, else the lead sentence."""
    if article.title:
        return article.title.strip()
    for line in article.text.splitlines()[:8]:
        if 6 <= len(line.split()) <= 30 and not line.rstrip().endswith((".", ":")):
            return " ".join(line.split())
    spans = article.sentences or [(0, len(article.text))]
    for start, end in spans:
        sentence = " ".join(article.text[start:end].split())
        if len(sentence.split()) >= 6:
            return sentence if len(sentence) <= 200 else sentence[:197].rsplit(" ", 1)[0] + "..."
    return " ".join(article.text.split())[:200]


def _places(article: Article) -> list[str]:
    """Where the event happened: places named with "in"/"at" near the event date count most.

    Articles name many countries in passing; the place of the event is the one the lead
    (or the sentence that dates the event) puts it in: "in Tehran on Saturday".
    """
    text = article.text
    lead_end = (
        article.sentences[min(1, len(article.sentences) - 1)][1] if article.sentences else 300
    )
    ev = article.event_date_evidence
    near = (ev.start - 150, ev.end + 150) if ev is not None else (-1, -1)
    score: Counter[str] = Counter()
    for ent in article.entities:
        if ent.label not in _PLACE_LABELS and ent.label not in {"ORG", "PERSON", "NORP"}:
            continue
        name = " ".join(ent.text.split())
        before = text[max(0, ent.start - 6) : ent.start].lower().split()
        placed = bool(before) and before[-1] in {"in", "at", "near", "off"}
        if ent.label not in _PLACE_LABELS and not placed:
            continue  # an unknown name is a place only where the text puts something in it
        score[name] += 1
        if placed and (ent.start < lead_end or near[0] <= ent.start <= near[1]):
            score[name] += 5
    return [p for p, _ in score.most_common(3)]


def _day(value: str | None) -> int | None:
    if value and len(value) == 10:
        try:
            return date.fromisoformat(value).toordinal()
        except ValueError:
            return None
    return None


def _anchor_year(article: Article) -> int | None:
    if article.published and article.published[:4].isdigit():
        return int(article.published[:4])
    ev = article.event_date_evidence
    if article.event_date and ev is not None and ev.basis in {"weekday", "relative"}:
        return int(article.event_date[:4])
    return None


def _latest_year(article: Article, anchor: int | None) -> int | None:
    """The latest past year the article names: a floor on when it was written.

    Reports of an event name its year (in a dateline, "the 2011 season"); a look-alike
    event years earlier or later names other years. Years after publication are plans,
    not history, and are ignored.
    """
    years = [
        int(t.value[:4])
        for t in article.times
        if t.value and t.basis.startswith("explicit") and t.value[:4].isdigit()
    ]
    years = [y for y in years if anchor is None or y <= anchor]
    return max(years) if years else None


_CAP = re.compile(r"[A-Z][A-Za-z'’-]+")
# capitalised but no name: a weekday or month is shared by look-alikes a week or a year apart
# fmt: off
_CLOCK = ("tues", "thur", "thurs", "sept", "am", "pm",  # other abbreviations, clock words
          "gmt", "bst", "est", "edt", "pdt", "pst", "cst", "cet")
# fmt: on
_CALENDAR = frozenset(
    (*MONTH_NAMES, *WEEKDAY_NAMES, *(w[:3] for w in (*MONTH_NAMES, *WEEKDAY_NAMES)), *_CLOCK)
)
_NUMBER = re.compile(
    r"(?<![\d.,])(?P<n>\d+\. \d+(?=[\s-]*(?:million|billion|trillion|mn|bn)\b)|\d+(?:[.,]\d+)*)"
    r"(?:[\s-]*(?P<mag>million|billion|trillion|mn|bn)\b)?",
    re.I,
)
_MAGNITUDES = {"million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MAX_SPECIFICS = 40


def _caps(text: str) -> dict[str, float]:
    """Capitalised words not opening a sentence: the names, brands and places the entity
    tagger misses ("Winston", "IE8"), which differ between look-alike events."""
    counts: Counter[str] = Counter()
    text = strip_accents(text)
    for m in _CAP.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if m.start() == 0 or before.strip()[-1:] in {".", "!", "?", '"', "“", "'"}:
            continue
        if "\n" in before:
            continue
        word = m.group().lower().rstrip("'’")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        if len(word) > 1 and word not in _STOP and word not in _CALENDAR:
            counts[word] += 1
    return _sublinear(counts, MAX_SPECIFICS)


def _numbers(text: str) -> list[str]:
    """The quantities an article names ("$137 million", "4.7"): years and small counts
    (one to twelve, said of anything) are left out.

    A sum is one value however it is written: "$2.6 million", "2.6 mn" and "$2. 6 million"
    (a tokeniser's spacing, common in scraped text) all name 2600000.
    """
    counts: Counter[str] = Counter()
    for m in _NUMBER.finditer(text):
        value = m.group("n").replace(",", "").replace(" ", "")
        mag = m.group("mag")
        if mag is None and _YEAR.fullmatch(value):
            continue
        try:
            number = float(value) * (_MAGNITUDES[mag.lower()] if mag else 1.0)
        except ValueError:
            continue
        if number <= 12 and number == int(number):
            continue
        if mag:
            value = f"{number:.0f}"
        counts[value.rstrip("0").rstrip(".") if "." in value else value] += 1
    return [v for v, _ in counts.most_common(MAX_SPECIFICS)]


def _years(text: str) -> list[int]:
    return sorted({int(y) for y in _YEAR.findall(text)})[:MAX_SPECIFICS]


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _unanchored_weekdays(article: Article) -> list[dict[str, Any]]:
    """Weekdays an undated article names ("on Saturday"): its event's date may confirm them."""
    out = []
    for t in article.times:
        if t.basis == "weekday" and t.value is None:
            low = t.text.lower()
            day = next((i for i, name in enumerate(_WEEKDAY_NAMES) if name in low), None)
            if day is not None:
                out.append({"start": t.start, "end": t.end, "text": t.text, "weekday": day})
    return out[:5]


def features(article: Article) -> EventFeatures:
    """Event features of one analysed article (after `nlp.v1` and `temporal.annotate`)."""
    names: Counter[str] = Counter()
    lead: Counter[str] = Counter()
    lead_end = (
        article.sentences[min(2, len(article.sentences) - 1)][1] if article.sentences else 400
    )
    persons: Counter[str] = Counter()
    for actor in article.actors:  # canonical participants, when the actor step has run
        for token in _tokens(actor.name):
            names[token] += max(1, len(actor.spans))
        if actor.type == "PERSON" and actor.name.split():
            persons[actor.name.split()[-1].lower()] += max(1, len(actor.spans))
    for ent in article.entities:
        if ent.label not in _NAME_LABELS:
            continue
        if ent.start < lead_end:
            lead.update(_tokens(ent.text))
        if not article.actors:
            names.update(_tokens(ent.text))
            if ent.label == "PERSON" and ent.text.split():
                persons[_tokens(ent.text)[-1] if _tokens(ent.text) else ent.text.lower()] += 1
    # ours first (they weigh where the lead puts the event), then the nlp step's places
    places = _places(article)
    locations = (places + [p for p in article.locations if p not in places])[:3]
    ev = article.event_date_evidence
    anchor = _anchor_year(article)
    return EventFeatures(
        article=article.id,
        terms=_sublinear(Counter(_tokens(article.text)), MAX_TERMS),
        names=_sublinear(names, MAX_TERMS),
        persons=[p for p, _ in persons.most_common(8)],
        locations=locations,
        date=article.event_date,
        day=_day(article.event_date),
        anchor_year=anchor,
        latest_year=_latest_year(article, anchor),
        lead=_sublinear(lead, MAX_TERMS),
        date_evidence=(
            {"start": ev.start, "end": ev.end, "text": ev.text} if ev is not None else None
        ),
        weekdays=_unanchored_weekdays(article),
        published=article.published,
        outlet=article.outlet,
        title=_title(article),
        duplicate_of=article.duplicate_of,
        caps=_caps(article.text),
        numbers=_numbers(article.text),
        years=_years(article.text),
        version=FEATURES_VERSION,
    )
