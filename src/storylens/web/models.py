"""The storylens/v1 shapes as pydantic models, for the OpenAPI document.

The API returns the stored JSON as it is (so numbers and extra fields come back exactly
as `storylens analyze --json` writes them); these models only describe it, and
schemathesis checks every answer against that description. Every model allows extra
fields because v1 may grow new ones.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Mention(_Open):
    article: str
    start: int
    end: int


class DateEvidence(Mention):
    text: str | None = None


class Actor(_Open):
    id: str | None = None
    name: str
    type: str | None = None
    roles: list[str] = []
    aliases: list[str] = []


class Claim(_Open):
    id: str | None = None
    text: str
    mentions: list[Mention]
    outlets: list[str | None]
    independent_sources: int
    status: Literal["corroborated", "single-source", "disputed"]


class QuoteOut(_Open):
    speaker: str | None = None
    speaker_name: str | None = None
    text: str
    kind: Literal["direct", "indirect"]
    mentions: list[Mention]
    variants: bool = False


class FigureOut(_Open):
    what: str | None = None
    value: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    mentions: list[Mention]
    conflict: bool = False


class Framing(_Open):
    concept: str
    terms: dict[str, list[str]]


class SummarySentence(_Open):
    text: str
    mentions: list[Mention]


class Related(_Open):
    event: str
    relation: Literal["look-alike", "follows", "precedes"]


class Event(_Open):
    id: str
    title: str | None
    articles: list[str]
    outlets: list[str | None]
    date: str | None
    date_evidence: list[DateEvidence]
    locations: list[str]
    actors: list[Actor]
    claims: list[Claim]
    quotes: list[QuoteOut]
    figures: list[FigureOut]
    framing: list[Framing]
    summary: list[SummarySentence]
    related: list[Related]


class Removal(_Open):
    text: str
    reason: str


class ArticleOut(_Open):
    id: str
    source: str
    outlet: str | None = Field(description="null when unknown: storylens never guesses")
    outlet_evidence: str | None
    url: str | None
    title: str | None
    published: str | None
    published_basis: Literal["header", "dateline", "metadata", "inferred"] | None
    language: str | None
    text: str
    removed: list[Removal]
    duplicate_of: str | None
    sentences: list[tuple[int, int]]
    event: str | None = Field(None, description="the event this article reports, if any")


class EventList(BaseModel):
    events: list[Event]
    total: int
    page: int
    per_page: int


class Outlet(BaseModel):
    name: str
    articles: int


class OutletList(BaseModel):
    outlets: list[Outlet]
    unknown_outlet_articles: int = Field(description="articles whose outlet is not known")


class SearchHit(BaseModel):
    article: str
    title: str | None
    outlet: str | None
    published: str | None
    event: str | None
    snippet: str = Field(description="plain text around the match")


class SearchResults(BaseModel):
    query: str
    total: int
    page: int
    per_page: int
    results: list[SearchHit]


class Skip(BaseModel):
    source: str
    reason: str


class Job(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    received: int = Field(description="articles accepted into the queue")
    rejected: list[Skip] = Field(description="inputs refused before analysis")
    new: int | None = None
    known: int | None = None
    skipped: list[Skip] = []
    events_touched: int | None = None
    error: str | None = None


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail
