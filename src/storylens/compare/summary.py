"""An extractive account of the event: the best-supported claims, in the order they happened.

Only sentences the articles actually wrote are used, each with its citations, so every
line of the summary can be checked against its sources. Corroborated claims are chosen
first; single-source ones fill the remaining room and are marked, because a reader must
see which lines rest on one outlet's word.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .claims import Sentence

_RANK = {"corroborated": 0, "disputed": 1, "single-source": 2}


def _when(sentence: Sentence) -> str | None:
    """The date a sentence speaks of, when a time inside it was resolved."""
    for time in sentence.article.times:
        if sentence.start <= time.start < sentence.end and time.value:
            return time.value
    return None


def summarize(
    claims: Sequence[Mapping[str, Any]],
    sentences: Sequence[Sentence],
    *,
    event_date: str | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Up to `limit` claims, best supported first, then put in chronological order.

    Only claims made of whole sentences are used: a happening's clause is evidence,
    not a line a reader can take out of its sentence. Within one day the order is the articles' own: news writes what happened first near
    the top, so the mean position of a claim's sentences stands in for its time.
    """
    whole = [c for c in claims if c.get("unit", "sentence") == "sentence"]
    chosen = sorted(
        whole,
        key=lambda c: (_RANK.get(c["status"], 3), -c["independent_sources"], -len(c["mentions"])),
    )[:limit]
    fallback = event_date or ""

    def order(claim: Mapping[str, Any]) -> tuple[str, float]:
        members = [sentences[i] for i in claim["_members"]]
        dates = [d for d in map(_when, members) if d]
        when = min(dates) if dates else fallback
        return when, sum(s.position for s in members) / len(members)

    out: list[dict[str, Any]] = []
    for claim in sorted(chosen, key=order):
        out.append(
            {
                "text": claim["text"],
                "mentions": claim["mentions"],
                "claim": claim["id"],
                "status": claim["status"],
                "single_source": claim["status"] == "single-source",
            }
        )
    return out
