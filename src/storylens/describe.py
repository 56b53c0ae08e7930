"""Turn stored event membership into finished storylens/v1 event objects.

Three owners contribute to one event object: `events` (what happened, when, where, and
how it relates to other events), `compare.actors` (who took part, merged across outlets)
and `compare` (claims, quotes, figures, framing, summary). This module only joins them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .settings import Settings
from .store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from .events import EventIndex


def describe_events(
    store: SQLiteStore, index: EventIndex, keys: Sequence[str], settings: Settings
) -> list[dict[str, Any]]:
    from .compare import compare_event
    from .compare.actors import merge_actors

    out = []
    for event in index.describe(keys):
        articles = list(store.articles(event["articles"]))
        actors, _ = merge_actors(articles)
        event["actors"] = actors
        out.append(compare_event(event, articles, settings))
    return out
