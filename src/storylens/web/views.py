"""What the pages show, computed from storylens/v1 objects: no SQL, no HTML.

Kept apart from the templates so the rules a fact-checker relies on (an unknown outlet
is never merged with another or given a name, a highlight covers exactly the evidence's
offsets) are plain functions the tests can state directly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..report.highlight import Mark
from ..report.validate import EVENT_FIELDS

UNKNOWN_OUTLET = "unknown outlet"


@dataclass(slots=True, kw_only=True)
class Column:
    """One report (article) in the coverage matrix."""

    article: str
    outlet: str | None
    title: str | None
    published: str | None
    duplicate_of: str | None

    @property
    def href(self) -> str:
        return article_href(self.article)


@dataclass(slots=True, kw_only=True)
class Group:
    """Reports of one outlet; every unknown-outlet report is a group of its own."""

    outlet: str | None
    columns: list[Column]


@dataclass(slots=True, kw_only=True)
class Row:
    claim: dict[str, Any]
    ref: str  # the claim's anchor in an article page: claim-c1
    cells: list[str | None]  # one per column: the link to the claim in that report, or None


@dataclass(slots=True, kw_only=True)
class Coverage:
    groups: list[Group]
    rows: list[Row]

    @property
    def columns(self) -> list[Column]:
        return [c for g in self.groups for c in g.columns]


# every field of a storylens/v1 event that holds a list
LIST_FIELDS = tuple(f for f in EVENT_FIELDS if f not in ("id", "title", "date"))


def normalized(event: dict[str, Any]) -> dict[str, Any]:
    """The event with every list field a list of the right kind, for the templates.

    Events come from other stages (and other versions of them): a missing or malformed
    part shows as empty instead of failing the whole page.
    """
    out = dict(event)
    for key in LIST_FIELDS:
        value = out.get(key)
        items = value if isinstance(value, list) else []
        if key in ("articles", "outlets", "locations"):
            out[key] = [v for v in items if v is None or isinstance(v, str)]
        else:
            out[key] = [v for v in items if isinstance(v, dict)]
    for key in ("claims", "quotes", "figures", "summary"):
        out[key] = [{**item, "mentions": _mentions(item)} for item in out[key]]
    for frame in out["framing"]:
        terms = frame.get("terms")
        frame["terms"] = {
            str(k): [str(t) for t in v] if isinstance(v, list) else [str(v)]
            for k, v in (terms.items() if isinstance(terms, dict) else [])
        }
    return out


def _mentions(item: dict[str, Any]) -> list[dict[str, Any]]:
    found = item.get("mentions")
    return [m for m in found if isinstance(m, dict)] if isinstance(found, list) else []


def coverage(event: dict[str, Any], heads: dict[str, dict[str, Any]]) -> Coverage:
    """Claims × reports, reports grouped under their outlet's name.

    Every article of the event gets a column, also one whose record is missing, so no
    report is silently left out of what the reader sees.
    """
    by_outlet: dict[str, list[Column]] = defaultdict(list)
    unknown: list[Column] = []
    for aid in event.get("articles", []):
        head = heads.get(aid, {})
        col = Column(
            article=aid,
            outlet=head.get("outlet"),
            title=head.get("title"),
            published=head.get("published"),
            duplicate_of=head.get("duplicate_of"),
        )
        if col.outlet is None:
            unknown.append(col)
        else:
            by_outlet[col.outlet].append(col)
    groups = [Group(outlet=name, columns=cols) for name, cols in sorted(by_outlet.items())]
    groups += [Group(outlet=None, columns=[c]) for c in unknown]
    columns = [c for g in groups for c in g.columns]
    rows = []
    for i, claim in enumerate(event.get("claims", [])):
        ref = f"claim-{claim.get('id') or i}"
        stated = {m.get("article") for m in claim.get("mentions", [])}
        cells = [article_href(c.article, ref) if c.article in stated else None for c in columns]
        rows.append(Row(claim=claim, ref=ref, cells=cells))
    return Coverage(groups=groups, rows=rows)


def article_href(article_id: str, focus: str = "") -> str:
    """The article page, with one claim, quote or figure in focus and scrolled to."""
    href = "/articles/" + quote(article_id, safe="")
    if focus:
        ref = quote(focus, safe="")
        href += f"?focus={ref}#{ref}"
    return href


def event_href(event_id: str) -> str:
    return "/events/" + quote(event_id, safe="")


def citations(
    item: dict[str, Any], ref: str, heads: dict[str, dict[str, Any]]
) -> list[tuple[str, str, str]]:
    """(outlet label, link, article title) for each report that states `item`."""
    out = []
    for m in item.get("mentions", []):
        aid = str(m.get("article", ""))
        head = heads.get(aid, {})
        out.append(
            (
                outlet_label(head.get("outlet")),
                article_href(aid, ref),
                str(head.get("title") or aid),
            )
        )
    return out


def outlet_label(name: str | None) -> str:
    return UNKNOWN_OUTLET if name is None else name


def outlet_html(name: str | None) -> Markup:
    """One outlet as a link to its page, or marked as unknown (never a guessed name)."""
    return Markup(_outlet_anchor(name))


def outlets_html(names: list[str | None]) -> Markup:
    """The outlets of an event as links, built here: a list page shows hundreds of them."""
    return Markup(", ".join(_outlet_anchor(name) for name in names))


@lru_cache(maxsize=4096)
def _outlet_anchor(name: str | None) -> str:
    label, href = outlet_link(name)
    if href is None:
        return (
            '<span class="unknown-outlet" title="storylens could not tell which outlet'
            f' published this">{escape(label)}</span>'
        )
    return f'<a class="outlet" href="{escape(href)}">{escape(label)}</a>'


@lru_cache(maxsize=4096)
def outlet_link(name: str | None) -> tuple[str, str | None]:
    """(label, href): an unknown outlet has no page, so no link."""
    if name is None:
        return UNKNOWN_OUTLET, None
    return name, "/outlets/" + quote(name, safe="")


def marks_for(event: dict[str, Any] | None, article_id: str, length: int) -> list[Mark]:
    """The claims, quotes and figures of `event` stated in one article, by offsets."""
    if not event:
        return []
    out: list[Mark] = []
    kinds = (("claims", "claim"), ("quotes", "quote"), ("figures", "figure"))
    for key, kind in kinds:
        for i, item in enumerate(event.get(key, [])):
            ref = f"{kind}-{item.get('id') or i}" if kind == "claim" else f"{kind}-{i}"
            for m in item.get("mentions", []):
                s, e = m.get("start"), m.get("end")
                if m.get("article") != article_id or not isinstance(s, int):
                    continue
                if not isinstance(e, int) or not 0 <= s < e <= length:
                    continue
                out.append(Mark(start=s, end=e, kind=kind, ref=ref, label=_label(kind, item)))
    return out


def _label(kind: str, item: dict[str, Any]) -> str:
    if kind == "claim":
        return f"claim {item.get('id', '')}: {item.get('status', '')}".strip()
    if kind == "quote":
        return f"quote ({item.get('kind', '')}) by {item.get('speaker_name') or 'unknown speaker'}"
    what = item.get("what") or "figure"
    return f"figure: {what}" + (" — conflicting figures" if item.get("conflict") else "")


@dataclass(slots=True, kw_only=True)
class OutletProfile:
    events: int = 0
    claims: int = 0  # claims this outlet states
    only_source: int = 0  # ... of which it is the only outlet
    terms: list[tuple[str, str, int]] = field(default_factory=list)  # concept, term, events


def outlet_profile(outlet: str, events: list[dict[str, Any]]) -> OutletProfile:
    """How often an outlet stands alone on a claim, and the words it chooses."""
    prof = OutletProfile(events=len(events))
    terms: Counter[tuple[str, str]] = Counter()
    for ev in events:
        for claim in ev.get("claims", []):
            outlets = set(claim.get("outlets", []))
            if outlet in outlets:
                prof.claims += 1
                if outlets == {outlet}:
                    prof.only_source += 1
        for frame in ev.get("framing", []):
            for term in set((frame.get("terms") or {}).get(outlet, [])):
                terms[(str(frame.get("concept", "")), str(term))] += 1
    prof.terms = [(c, t, n) for (c, t), n in sorted(terms.items(), key=lambda x: (-x[1], x[0]))]
    return prof


def timeline(event: dict[str, Any], heads: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """This event and its related ones in date order (undated last)."""
    items = [
        {
            "id": event["id"],
            "date": event.get("date"),
            "title": event.get("title"),
            "relation": "this event",
        }
    ]
    for rel in event.get("related", []):
        head = heads.get(rel.get("event", ""))
        if head:
            items.append({**head, "relation": rel.get("relation", "")})
    return sorted(items, key=lambda x: (x["date"] is None, x["date"] or "", x["id"]))


def claim_counts(event: dict[str, Any]) -> dict[str, int]:
    counts: Counter[str] = Counter(c.get("status", "") for c in event.get("claims", []))
    return {k: counts.get(k, 0) for k in ("corroborated", "single-source", "disputed")}
