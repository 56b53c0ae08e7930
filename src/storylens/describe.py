"""Turn stored event membership into finished storylens/v1 event objects.

Three owners contribute to one event object: `events` (what happened, when, where, and
how it relates to other events), `compare.actors` (who took part, merged across outlets)
and `compare` (claims, quotes, figures, framing, summary). This module only joins them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .records import Article
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from .events import EventIndex


# Compares (base event, its articles) pairs; the Spark engine passes one that runs them
# in parallel partitions, the single-process engine compares them one after another.
CompareAll = Callable[[list[tuple[dict[str, Any], list[Article]]]], list[dict[str, Any]]]


def compare_all(
    jobs: list[tuple[dict[str, Any], list[Article]]], settings: Settings
) -> list[dict[str, Any]]:
    """Each event's actors merged across outlets, then the comparison between outlets."""
    from .compare import compare_event
    from .compare.actors import merge_actors

    out = []
    for event, articles in jobs:
        actors, _ = merge_actors(articles)
        event["actors"] = actors
        out.append(compare_event(event, articles, settings))
    return out


def describe_events(
    store: Store,
    index: EventIndex,
    keys: Sequence[str],
    settings: Settings,
    compare: CompareAll | None = None,
) -> list[dict[str, Any]]:
    dirty = set(keys)
    stored = {ev["id"]: ev for ev in store.events()}
    out = []
    jobs: list[tuple[dict[str, Any], list[Article]]] = []
    # `related` links look across the corpus, so every event's base is described; only
    # the events whose membership changed are compared again (the expensive part).
    for event in index.describe():
        key = event["id"]
        if key not in dirty:
            old = stored.get(key)
            if old is not None and old.get("related") != event.get("related"):
                old["related"] = event["related"]
                out.append(old)
            continue
        articles = list(store.articles(event["articles"]))
        _infer_publication_dates(store, articles, event.get("date"))
        jobs.append((event, articles))
    out.extend(compare(jobs) if compare else compare_all(jobs, settings))
    return out


def _infer_publication_dates(store: Store, articles: list[Article], date: str | None) -> None:
    """An article that never says when it was published takes its event's date, marked
    `inferred` so nobody mistakes it for a date the article gave."""
    undated = [a for a in articles if a.published is None or a.published_basis == "inferred"]
    changed = [
        a for a in undated if date and (a.published, a.published_basis) != (date, "inferred")
    ]
    for art in changed:
        art.published, art.published_basis = date, "inferred"
    if changed:
        store.update_articles(changed)
