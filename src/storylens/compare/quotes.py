"""The same quotation as several outlets carry it: one quote, many mentions.

Outlets translate, trim and paraphrase what a speaker said, so a quote is matched by its
content words (and its speaker), not its exact characters; `variants` then records that
the wording changed, which is itself worth showing. Speakers are mapped to the event's
actors so that "General Ashtiani" in one article and "the Iranian defence minister" in
another name the same person when the actor merge has said they do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Article, Quote
from .sources import Witness, independent_count, outlet_label
from .text import content_keys

SAME_QUOTE = 0.5  # share of the shorter quote's content words found in the other


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", name.lower())).strip()


def speaker_index(actors: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Every spelling of every event actor, and each person's surname when unambiguous."""
    index: dict[str, Mapping[str, Any]] = {}
    surnames: dict[str, list[Mapping[str, Any]]] = {}
    for actor in actors:
        for name in [actor.get("name", ""), *actor.get("aliases", [])]:
            if name:
                index.setdefault(_norm(str(name)), actor)
        if actor.get("type") == "PERSON" and actor.get("name"):
            surnames.setdefault(_norm(str(actor["name"])).split(" ")[-1], []).append(actor)
    for surname, found in surnames.items():
        if len(found) == 1:
            index.setdefault(surname, found[0])
    return index


def event_speaker(
    article: Article,
    quote: Quote,
    index: Mapping[str, Mapping[str, Any]],
    local_ids: Mapping[tuple[str, str], str] | None = None,
) -> tuple[str | None, str | None]:
    """(event actor id, name) of who said it; (None, the article's name) if unmatched.

    The actor merge's own (article, local id) -> event id map is trusted first; names
    are the fallback, for quotes whose speaker the article never resolved to an actor.
    """
    if local_ids and quote.speaker and (article.id, quote.speaker) in local_ids:
        wanted = local_ids[(article.id, quote.speaker)]
        for known in index.values():
            if str(known.get("id")) == wanted:
                return wanted, str(known.get("name"))
    names: list[str] = []
    if quote.speaker_name:
        names.append(quote.speaker_name)
    for local in article.actors:
        if local.id == quote.speaker:
            names += [local.name, *local.aliases]
    for name in names:
        key = _norm(name)
        found = index.get(key) or index.get(key.split(" ")[-1] if key else "")
        if found is not None:
            return str(found.get("id")), str(found.get("name"))
    return None, (names[0] if names else None)


@dataclass(slots=True)
class _Group:
    speaker: str | None
    speaker_name: str | None
    items: list[tuple[Article, Quote, frozenset[str]]]


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _wording(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def compare_quotes(
    articles: Sequence[Article],
    actors: Sequence[Mapping[str, Any]],
    copies_of: dict[str, str],
    copy_threshold: float,
    local_ids: Mapping[tuple[str, str], str] | None = None,
) -> list[dict[str, Any]]:
    """Group the articles' quotes; one entry per thing said, with every report of it."""
    index = speaker_index(actors)
    groups: list[_Group] = []
    for article in articles:
        for quote in article.quotes:
            speaker, name = event_speaker(article, quote, index, local_ids)
            keys = frozenset(content_keys(quote.text))
            for group in groups:
                same_speaker = group.speaker == speaker or None in (group.speaker, speaker)
                if same_speaker and any(_overlap(keys, k) >= SAME_QUOTE for _, _, k in group.items):
                    group.items.append((article, quote, keys))
                    if group.speaker is None and speaker is not None:
                        group.speaker, group.speaker_name = speaker, name
                    break
            else:
                groups.append(_Group(speaker, name, [(article, quote, keys)]))
    out: list[dict[str, Any]] = []
    for group in groups:
        first = min(group.items, key=lambda item: item[1].kind != "direct")
        witnesses = [Witness(a.id, outlet_label(a), q.text) for a, q, _ in group.items]
        independent, outlets = independent_count(witnesses, copies_of, copy_threshold)
        out.append(
            {
                "speaker": group.speaker,
                "speaker_name": group.speaker_name,
                "text": first[1].text,
                "kind": first[1].kind,
                "mentions": [
                    {"article": a.id, "start": q.start, "end": q.end, "kind": q.kind}
                    for a, q, _ in group.items
                ],
                "variants": len({_wording(q.text) for _, q, _ in group.items}) > 1,
                "outlets": outlets,
                "independent_sources": independent,
            }
        )
    out.sort(key=lambda q: -q["independent_sources"])
    return out
