"""Learned furniture: lines one site prints on many of its pages.

No fixed list knows every site's footer, share bar or standing subheading, but the corpus
does: a short line that recurs across many articles of one site is the site's, not the
story's. Counts live in the store (`site_lines`, and `site_articles` so an article is
counted once however often it is cleaned), so the rule learns within one batch and keeps
learning across runs. Candidates are lines that are not real sentences, and sentences
in which the site speaks of itself ("VSNA dispatches may be reproduced freely ..."): a
background sentence a site repeats in every story ("Syria has been gripped by ...") is
still a claim the article makes, and stays.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict

from ..records import Article, Removal
from ..settings import Settings
from ..store import Store
from .identity import article_id, normalized_text
from .lines import is_sentence
from .outlets import Registry, load_registry, url_host

MAX_LINE_CHARS = 200  # longer lines are body text even when they repeat


def site_of(article: Article) -> str | None:
    """Whose template the article came from: its outlet, else its URL's domain."""
    if article.outlet:
        return f"outlet:{article.outlet}"
    host = url_host(article.url)
    return f"domain:{host}" if host else None


def line_hash(line: str) -> str:
    return hashlib.sha1(normalized_text(line).encode("utf-8")).hexdigest()[:16]


class RepeatedLines:
    """Removes lines seen in `settings.min_repeat_articles` or more articles of one site."""

    def __init__(self, store: Store, settings: Settings, registry: Registry | None = None) -> None:
        self.store = store
        self.min_articles = max(2, settings.min_repeat_articles)
        self.registry = registry or load_registry(settings.outlet_registry)
        self._self_names: dict[str, re.Pattern[str] | None] = {}

    def _candidate(self, site: str, line: str) -> bool:
        if len(line) > MAX_LINE_CHARS:
            return False
        if not is_sentence(line):
            return True
        names = self._names(site)
        return names is not None and names.search(line) is not None

    def _names(self, site: str) -> re.Pattern[str] | None:
        """The words a site uses for itself: its outlet's name and aliases, its domain."""
        if site not in self._self_names:
            kind, _, value = site.partition(":")
            words: set[str] = set()
            if kind == "outlet":
                words.add(value)
                outlet = self.registry.name(value)
            else:
                words.add(value.split(".")[0])
                found = self.registry.by_url(value)
                outlet = found[0] if found else None
            if outlet is not None:
                words.update((outlet.name, *outlet.aliases))
                words.update(d.split(".")[0] for d in outlet.domains)
            words = {w for w in words if len(w) >= 2}
            self._self_names[site] = (
                re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b", re.I)
                if words
                else None
            )
        return self._self_names[site]

    def remove(self, batch: list[Article]) -> None:
        """Count the batch's candidate lines, then strip the ones now known as furniture.

        Articles change in place: `text` loses the lines, `removed` gains them with reason
        "repeated", and `id` is recomputed from the new text.
        """
        candidates: dict[int, tuple[str, list[tuple[str, str]]]] = {}
        for i, art in enumerate(batch):
            site = site_of(art)
            if site is None or not art.text:
                continue
            lines = [(p, line_hash(p)) for p in art.text.split("\n\n") if self._candidate(site, p)]
            if lines:
                candidates[i] = (site, lines)
        if not candidates:
            return
        with self.store.atomic():
            pairs = sorted({(site, batch[i].id) for i, (site, _) in candidates.items()})
            new = self.store.record_site_articles(pairs)
            counts: Counter[tuple[str, str]] = Counter()
            counted: set[tuple[str, str]] = set()
            for i, (site, lines) in candidates.items():
                key = (site, batch[i].id)
                if key in new and key not in counted:
                    counted.add(key)
                    counts.update((site, h) for h in {h for _, h in lines})
            if counts:
                self.store.add_site_lines(dict(counts))
        totals = self._totals(candidates)
        for i, (site, lines) in candidates.items():
            furniture = {h for _, h in lines if totals.get((site, h), 0) >= self.min_articles}
            if furniture:
                _strip(batch[i], furniture)

    def _totals(
        self, candidates: dict[int, tuple[str, list[tuple[str, str]]]]
    ) -> dict[tuple[str, str], int]:
        by_site: dict[str, set[str]] = defaultdict(set)
        for site, lines in candidates.values():
            by_site[site].update(h for _, h in lines)
        totals: dict[tuple[str, str], int] = {}
        for site, hashes in by_site.items():
            for h, n in self.store.site_line_counts(site, sorted(hashes)).items():
                totals[(site, h)] = n
        return totals


def _strip(article: Article, furniture: set[str]) -> None:
    kept: list[str] = []
    gone: list[Removal] = []
    for paragraph in article.text.split("\n\n"):
        if len(paragraph) <= MAX_LINE_CHARS and line_hash(paragraph) in furniture:
            gone.append(Removal(text=paragraph, reason="repeated"))
        else:
            kept.append(paragraph)
    if not kept:  # every line is the site's: nothing tells the article apart, keep it whole
        return
    article.text = "\n\n".join(kept)
    article.removed.extend(gone)
    article.id = article_id(article.text)
