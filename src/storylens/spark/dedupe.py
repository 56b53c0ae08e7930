"""Near-duplicates for the driver pass: one LSH index for the whole run, same answers.

`NearDuplicates.mark` builds a fresh LSH index for every batch from the signatures the
store holds for it (the batch's dates ± `duplicate_window_days`, and the
`RECENT_SIGNATURES` latest): right for a run that stores as it goes, but over a run of
N articles that is O(N²/batch) signatures loaded and indexed again, which made it the
largest serial step of a Spark run. Here every signature is indexed once, and each
batch looks only at the ones that `NearDuplicates.mark` would have loaded for it (the
same two rules, checked on the candidates instead of by reloading), so the originals it
finds are the same, batch for batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from datasketch import LeanMinHash, MinHashLSH

from ..clean.dedupe import RECENT_SIGNATURES, NearDuplicates, _key, _Known, day_number, mh_scheme
from ..records import Article
from ..settings import Settings
from ..store import Store


class RunDuplicates(NearDuplicates):
    """`NearDuplicates` for the batches of one run, given every article of the run up front."""

    def __init__(self, store: Store, settings: Settings, run: Sequence[Article]) -> None:
        super().__init__(store, settings)
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self.known: dict[str, _Known] = {}
        self.seq: dict[str, int] = {}  # rowid in the store: "recent" means a high one
        self.day: dict[str, int | None] = {}
        latest = store.minhashes(None, None, 1)
        self.top = int(latest[0]["seq"]) if latest else 0
        # everything any batch of the run would load: the union of their date ranges,
        # and the latest rows (later batches' latest rows are this run's own)
        for row in self._stored([day_number(a.published) for a in run]):
            self._remember_row(row)

    def _remember_row(self, row: Any) -> None:
        item = self._from_row(row)
        if item.article_id not in self.known:
            self._add(self.lsh, self.known, item)
            self.seq[item.article_id] = int(row["seq"])
            self.day[item.article_id] = row["day"]

    def mark(self, batch: list[Article]) -> None:
        """As `NearDuplicates.mark`, against the run's index."""
        if not batch:
            return
        days = [day_number(a.published) for a in batch]
        dated = [d for d in days if d is not None]
        lo = min(dated) - self.window if dated else None
        hi = max(dated) + self.window if dated else None
        floor = self.top - RECENT_SIGNATURES  # rows above it are among the latest
        here: set[str] = set()  # visited in this batch, or its own stored copies: seen

        def visible(aid: str) -> bool:
            if aid in here:
                return True
            seq = self.seq.get(aid)
            if seq is None:
                return False
            day = self.day.get(aid)
            in_range = day is not None and lo is not None and hi is not None and lo <= day <= hi
            return seq > floor or in_range

        ids = [a.id for a in batch]
        stored_same = self.store.minhashes_of(sorted(set(ids)))
        new: list[tuple[str, int | None, str | None, LeanMinHash]] = []
        order = sorted(range(len(batch)), key=lambda i: (_key(days[i]), i))
        for arrival, i in enumerate(order):
            art = batch[i]
            if art.id in stored_same:
                row = stored_same[art.id]
                art.duplicate_of = row["duplicate_of"]
                self._remember_row(row)
                here.add(art.id)
                continue
            if art.id in here:  # the same text twice in one batch: one article
                root = self.known[art.id].root
                art.duplicate_of = root if root != art.id else None
                continue
            mh = self.signature(art.text)
            matches = [
                self.known[key]
                for key in self.lsh.query(mh)
                if key != art.id
                and visible(key)
                and mh.jaccard(self.known[key].minhash) >= self.threshold
            ]
            original = min(matches, key=lambda k: k.order) if matches else None
            art.duplicate_of = original.root if original else None
            me = (_key(days[i]), 1 << 40 | arrival)
            self._add(self.lsh, self.known, _Known(art.id, me, art.duplicate_of or art.id, mh))
            here.add(art.id)
            new.append((art.id, days[i], art.duplicate_of, mh))
        if not new:
            return
        self.store.add_minhashes(
            [(aid, d, dup, mh_scheme(mh), mh.hashvalues.tobytes()) for aid, d, dup, mh in new]
        )
        rows = self.store.minhashes_of([aid for aid, _, _, _ in new])
        for aid, d, dup, mh in new:  # stored now: ordered by their rowid, as if reloaded
            seq = int(rows[aid]["seq"])
            self.top = max(self.top, seq)
            self.seq[aid], self.day[aid] = seq, d
            self.known[aid] = _Known(aid, (_key(d), seq), dup or aid, mh)
