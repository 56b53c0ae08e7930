"""Near-duplicates: wire copy and syndication, found with MinHash LSH over word shingles.

Ten outlets running one agency's story are one source, not ten; corroboration must count
them once. An article whose word 5-shingles overlap an earlier article's by at least
`settings.duplicate_threshold` (estimated Jaccard) gets `duplicate_of` = that article's
id, or the id of the original that one copies, so copies always point at one root.

Signatures are kept in the store, so a later run finds copies of earlier articles.
Loading is bounded: for a batch whose articles are dated, the signatures dated within
`settings.duplicate_window_days` of the batch's dates (an index range); always also the
`RECENT_SIGNATURES` most recently stored ones (a LIMIT), which is where copies of
undated articles are looked for. Copies further apart than both are not linked. Across runs the article stored first
stays the original, even if a copy read later carries an earlier date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..records import Article
from ..settings import Settings
from ..store import Row, Store
from .identity import normalized_text

SHINGLE_WORDS = 5
RECENT_SIGNATURES = 20_000
_WORD_RE = re.compile(r"\w+")
_SEED = 1
_EPOCH = date(1970, 1, 1)


def shingles(text: str) -> set[bytes]:
    """Word 5-shingles of the case-folded text (punctuation ignored)."""
    words = _WORD_RE.findall(normalized_text(text))
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def day_number(published: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date or datetime; None when absent or unreadable."""
    if not published or len(published) < 10:
        return None
    try:
        return (date.fromisoformat(published[:10]) - _EPOCH).days
    except ValueError:
        return None


@dataclass(slots=True)
class _Known:
    article_id: str
    order: tuple[int, int]  # (day or a large number, arrival): smaller is earlier
    root: str  # the original this one copies, or itself
    minhash: LeanMinHash


class NearDuplicates:
    """Marks `duplicate_of` on a batch, against the store and earlier batch articles."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.num_perm = settings.minhash_perm
        self.threshold = settings.duplicate_threshold
        self.window = settings.duplicate_window_days

    def signature(self, text: str) -> LeanMinHash:
        m = MinHash(num_perm=self.num_perm, seed=_SEED)
        m.update_batch(list(shingles(text)))
        return LeanMinHash(m)

    def mark(self, batch: list[Article]) -> None:
        """Set `duplicate_of` on every article of `batch` that copies an earlier one.

        Earlier means published earlier, then read earlier: the batch is visited in
        (day, position) order and each article is compared with everything stored and
        everything visited before it. An article already stored under the same id is the
        same article (content-hash ids), and keeps what was found for it then.
        """
        if not batch:
            return
        days = [day_number(a.published) for a in batch]
        ids = [a.id for a in batch]
        stored_same = self.store.minhashes_of(sorted(set(ids)))
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        known: dict[str, _Known] = {}
        for row in self._stored(days):
            self._add(lsh, known, self._from_row(row))
        new_rows: list[tuple[str, int | None, str | None, str, bytes]] = []
        order = sorted(range(len(batch)), key=lambda i: (_key(days[i]), i))
        for arrival, i in enumerate(order):
            art = batch[i]
            if art.id in stored_same:
                row = stored_same[art.id]
                art.duplicate_of = row["duplicate_of"]
                self._add(lsh, known, self._from_row(row))
                continue
            if art.id in known:  # the same text twice in one batch: one article
                art.duplicate_of = known[art.id].root if known[art.id].root != art.id else None
                continue
            mh = self.signature(art.text)
            me = (_key(days[i]), 1 << 40 | arrival)
            original = self._original(lsh, known, mh, art.id)
            art.duplicate_of = original.root if original else None
            self._add(lsh, known, _Known(art.id, me, art.duplicate_of or art.id, mh))
            new_rows.append(
                (art.id, days[i], art.duplicate_of, mh_scheme(mh), mh.hashvalues.tobytes())
            )
        if new_rows:
            self.store.add_minhashes(new_rows)

    def _stored(self, days: list[int | None]) -> list[Row]:
        dated = [d for d in days if d is not None]
        lo = min(dated) - self.window if dated else None
        hi = max(dated) + self.window if dated else None
        return self.store.minhashes(lo, hi, RECENT_SIGNATURES)

    def _from_row(self, row: Row) -> _Known:
        dtype = np.uint64 if row["scheme"] == "affine64" else np.uint32
        values = np.frombuffer(row["signature"], dtype=dtype)
        mh = LeanMinHash(seed=_SEED, hashvalues=values, scheme=row["scheme"])
        article_id = str(row["article_id"])
        root = str(row["duplicate_of"] or article_id)
        return _Known(article_id, (_key(row["day"]), int(row["seq"])), root, mh)

    def _add(self, lsh: MinHashLSH, known: dict[str, _Known], item: _Known) -> None:
        if item.article_id in known or len(item.minhash.hashvalues) != self.num_perm:
            return
        known[item.article_id] = item
        lsh.insert(item.article_id, item.minhash)

    def _original(
        self, lsh: MinHashLSH, known: dict[str, _Known], mh: LeanMinHash, own_id: str
    ) -> _Known | None:
        """The earliest known article this text copies (LSH candidates, then verified)."""
        matches = [
            known[key]
            for key in lsh.query(mh)
            if key != own_id and mh.jaccard(known[key].minhash) >= self.threshold
        ]
        return min(matches, key=lambda k: k.order) if matches else None


def mh_scheme(mh: LeanMinHash) -> str:
    return str(getattr(mh, "scheme", "affine32"))


def _key(day: int | None) -> int:
    return day if day is not None else 1 << 30
