"""Plain typed records that flow through the pipeline.

Every stage reads and fills fields of one `Article`; nothing else is passed between
per-article stages, so the same stage code runs in one process, in a pool or on a
cluster (records pickle and round-trip through JSON with `to_dict`/`from_dict`).
Offsets are Python string indices into `Article.text`, end exclusive.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]


@dataclass(slots=True, kw_only=True)
class Removal:
    """A piece of the raw input that cleaning dropped, and why."""

    text: str
    reason: str


@dataclass(slots=True, kw_only=True)
class Entity:
    """A named mention as the NER model saw it (PERSON, ORG, GPE, LOC, NORP, DATE...)."""

    start: int
    end: int
    label: str
    text: str


@dataclass(slots=True, kw_only=True)
class TimeExpr:
    """A temporal expression and the calendar day it resolves to, if any.

    `value` is an ISO date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY);
    None when it cannot be resolved (no anchor, or too vague: "recently").
    """

    start: int
    end: int
    text: str
    value: str | None = None
    basis: str = ""  # explicit | relative | weekday | ...


@dataclass(slots=True, kw_only=True)
class ActorMention:
    """One actor of an article with every span that refers to it."""

    id: str  # article-local id, e.g. "a1"
    name: str  # canonical (longest proper) name
    type: str  # PERSON | ORG | GPE | NORP
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Quote:
    start: int  # span of the quoted words (direct) or reported clause (indirect)
    end: int
    text: str
    kind: Literal["direct", "indirect"]
    speaker: str | None = None  # article-local actor id
    speaker_name: str | None = None
    cue_start: int | None = None  # span of the attribution ("he added")
    cue_end: int | None = None


@dataclass(slots=True, kw_only=True)
class Figure:
    start: int  # evidence span: the quantity with what it counts
    end: int
    text: str
    value: float
    what: str | None = None  # killed | injured | arrested | magnitude ...
    unit: str | None = None  # people | pirates | USD | ...
    qualifier: str | None = None  # more than | over | about | at least | nearly


@dataclass(slots=True, kw_only=True)
class Trigger:
    """A word that may mention a happening, with what the comparison step needs of it.

    Read off the article's one parse, so comparing an event's outlets needs no second
    parse of their sentences (`compare.happenings` groups these across articles).
    """

    start: int  # the word itself
    end: int
    key: str  # happening key: "died" and "deaths" share one
    trigger: bool  # a verb or happening noun: the event's vocabulary takes in `key`
    candidate: bool  # may mention a happening the vocabulary knows (headline rule)
    clause_start: int  # evidence: the clause the word heads
    clause_end: int
    negated: bool = False
    modifiers: list[str] = field(default_factory=list)  # "arms" of "arms deal"


@dataclass(slots=True, kw_only=True)
class Article:
    """One news article, from raw input to analysed record."""

    # -- filled by ingest ------------------------------------------------------
    source: str  # path, URL, or "FILE.jsonl:LINE"
    raw: str = ""  # body as read (for HTML, the extractor's main text)
    format: str = "text"  # text | html | jsonl | feed | warc
    title: str | None = None
    url: str | None = None
    published: str | None = None
    published_basis: str | None = None  # header | dateline | metadata | inferred
    outlet: str | None = None
    outlet_evidence: str | None = None
    site_name: str | None = None  # a metadata hint, not yet trusted as an outlet
    language: str | None = None
    input_id: str | None = None  # the input's own id (JSON Lines "id"), for cross-reference
    # -- filled by clean -------------------------------------------------------
    id: str = ""
    text: str = ""
    removed: list[Removal] = field(default_factory=list)
    duplicate_of: str | None = None
    # -- filled by nlp ---------------------------------------------------------
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    event_date: str | None = None
    event_date_evidence: TimeExpr | None = None
    # None: stored by a version that kept none (compare re-parses); [] : none found
    triggers: list[Trigger] | None = None
    # -- bookkeeping -----------------------------------------------------------
    stages: dict[str, str] = field(default_factory=dict)  # stage name -> version

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        d = dict(data)
        d["removed"] = [Removal(**r) for r in d.get("removed", [])]
        d["sentences"] = [tuple(s) for s in d.get("sentences", [])]
        d["entities"] = [Entity(**e) for e in d.get("entities", [])]
        d["times"] = [TimeExpr(**t) for t in d.get("times", [])]
        d["actors"] = [
            ActorMention(**{**a, "spans": [tuple(s) for s in a.get("spans", [])]})
            for a in d.get("actors", [])
        ]
        d["quotes"] = [Quote(**q) for q in d.get("quotes", [])]
        d["figures"] = [Figure(**f) for f in d.get("figures", [])]
        ev = d.get("event_date_evidence")
        d["event_date_evidence"] = TimeExpr(**ev) if ev else None
        triggers = d.get("triggers")
        d["triggers"] = None if triggers is None else [Trigger(**t) for t in triggers]
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})


@dataclass(slots=True, kw_only=True)
class Rejected:
    """An input that could not be read: reported once, never silently dropped."""

    source: str  # path, or "path:LINE"
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
