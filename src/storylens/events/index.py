"""Incremental event placement backed by the store.

`storylens analyze` on new input must not recompute the corpus: the index reloads the
stored per-article features and memberships (no text, no NLP), places each new article
with the same `Clusterer` the batch run uses, and writes only the new features and the
events that changed, in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..records import Article
from ..settings import Settings
from ..store import Store
from .describe import describe
from .features import FEATURES_VERSION, EventFeatures, features
from .grouping import Clusterer


class EventIndex:
    """Event membership of every stored article, updated one batch at a time."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.clusterer = Clusterer(self.settings)
        # event keys whose membership the last `add` changed, deleted ones included: the
        # events to describe and compare again
        self.changed: set[str] = set()
        rows = store.event_features()
        loaded = _current([(json.loads(r["data"]), r["event_id"]) for r in rows], store)
        self.clusterer.count(f for f, _ in loaded)
        for f, key in loaded:
            if key is None:
                self.clusterer.place(f)
            else:
                self.clusterer.join(key, f)

    def add(self, articles: Sequence[Article]) -> dict[str, str]:
        """Place articles (already stored, after nlp) into events; return article id -> event.

        Articles seen before keep their event. Event ids are stable: an event is named
        after its founding article.
        """
        c = self.clusterer
        # the same text read twice in one batch is one article, placed once
        unseen = {a.id: a for a in articles if a.id not in c.features}
        new = [features(a) for a in unseen.values()]
        if new:
            c.count(new)
        # nothing old is recomputed: only the events this batch touched settle again
        touched = c.place_batch(new)
        if new:
            self._save(new, touched)
        self.changed = touched
        return {a.id: c.member_of[a.id] for a in articles if a.id in c.member_of}

    def adopt(self, groups: Sequence[Sequence[EventFeatures]]) -> dict[str, str]:
        """Take events grouped elsewhere (the Spark engine's windows) for new articles.

        Each group becomes one event named after its first member, as `add` names an
        event after its founding article; articles already in the index keep theirs.
        The features and memberships are stored as `add` stores them, so a later
        incremental run continues from these events.
        """
        c = self.clusterer
        fresh = [[f for f in g if f.article not in c.features] for g in groups]
        new = [f for g in fresh for f in g]
        touched: set[str] = set()
        if new:
            c.count(new)
        for members in fresh:
            if not members:
                continue
            key = c._new_key(members[0].article)
            for f in members:
                c.join(key, f)
            touched.add(key)
        if new:
            self._save(new, touched)
        self.changed = touched
        return {f.article: c.member_of[f.article] for f in new}

    def groups(self) -> dict[str, list[EventFeatures]]:
        """Event key -> member features, for every event in the index."""
        return {
            key: [self.clusterer.features[a] for a in ev.everyone()]
            for key, ev in self.clusterer.events.items()
            if ev.everyone()
        }

    def describe(self) -> list[dict[str, Any]]:
        """The storylens/v1 event objects of the whole index (ids are the event keys)."""
        groups = self.groups()
        keys = list(groups)
        events = describe([groups[k] for k in keys], self.settings)
        rename = {ev["id"]: k for ev, k in zip(events, keys, strict=True)}
        for ev in events:
            ev["id"] = rename[ev["id"]]
            for link in ev["related"]:
                link["event"] = rename[link["event"]]
        return events

    def _save(self, new: Sequence[EventFeatures], touched: set[str]) -> None:
        c = self.clusterer
        store = self.store
        with store.atomic():
            store.put_event_features(_rows(new))
            for key in sorted(touched):
                ev = c.events.get(key)
                if ev is None or not ev.everyone():  # emptied by the refinement pass
                    store.delete_event(key)
                    continue
                (base,) = describe([[c.features[a] for a in ev.everyone()]], self.settings)
                base["id"] = key
                # membership needs the event's row; an existing row keeps its finished
                # object (with comparison), which the caller rewrites for changed events
                store.add_event(
                    key, base["date"], base["title"], json.dumps(base, ensure_ascii=False)
                )
                store.set_event_members(key, ev.everyone())


def _current(
    rows: Sequence[tuple[dict[str, Any], str | None]], store: Store
) -> list[tuple[EventFeatures, str | None]]:
    """Stored features, those of an older `features` computed again from their article.

    A store analysed by an earlier version would otherwise compare its reports with new
    ones on different terms (a sum stored as "85" against "85000000" never agrees). The
    recomputed features are stored, so this happens once per upgrade. An article whose
    record is gone keeps its old features.
    """
    stored = [(EventFeatures.from_dict(data), key) for data, key in rows]
    stale = [f.article for f, _ in stored if f.version != FEATURES_VERSION]
    if not stale:
        return stored
    redone = {a.id: features(a) for a in store.articles(stale)}
    store.put_event_features(_rows(list(redone.values())))
    return [(redone.get(f.article, f), key) for f, key in stored]


def _rows(feats: Sequence[EventFeatures]) -> list[tuple[str, int | None, str]]:
    """Features as the store keeps them: (article id, day, JSON)."""
    return [(f.article, f.day, json.dumps(f.to_dict(), ensure_ascii=False)) for f in feats]
