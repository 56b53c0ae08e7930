"""How each outlet names the same things, in its own voice and in the words it quotes.

"Zionist regime" inside a quotation of an Iranian minister tells us what the minister
said; the same words in the outlet's own sentences tell us how the outlet frames the
story. The two are counted apart. Speech an outlet paraphrases (indirect speech) is
counted as its own voice: the wording is the outlet's choice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..datafiles import load_toml
from ..errors import UsageError
from ..records import Article, Span
from .sources import outlet_label

# Straight and curly quotation marks around a stretch of text: a quotation even when the
# quote extractor has not run.
_QUOTED = re.compile(r"“[^”]{3,}”|\"[^\"\n]{3,}\"")


@dataclass(slots=True, frozen=True)
class Lexicon:
    concepts: Mapping[str, tuple[str, ...]]
    tone: tuple[str, ...]
    source: str


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Parse a framing lexicon (the bundled one when `path` is None)."""
    if path is None:
        return _bundled()
    return parse_lexicon(*load_toml(path, "framing.toml", "framing lexicon", "framing_lexicon"))


@lru_cache(maxsize=1)
def _bundled() -> Lexicon:
    return parse_lexicon(*load_toml(None, "framing.toml", "framing lexicon", "framing_lexicon"))


def parse_lexicon(data: dict[str, Any], source: str) -> Lexicon:
    unknown = set(data) - {"concepts", "tone"}
    if unknown:
        raise UsageError(
            f"unknown sections {sorted(unknown)}; valid sections: concepts, tone", source=source
        )
    concepts: dict[str, tuple[str, ...]] = {}
    for name, entry in data.get("concepts", {}).items():
        terms = entry.get("terms") if isinstance(entry, dict) else None
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise UsageError(
                f'concept {name!r} needs `terms = ["..."]`, a list of names', source=source
            )
        concepts[name] = tuple(terms)
    tone = data.get("tone", {}).get("words", [])
    if not isinstance(tone, list) or not all(isinstance(t, str) for t in tone):
        raise UsageError('[tone] needs `words = ["..."]`, a list of words', source=source)
    return Lexicon(concepts, tuple(tone), source)


def term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for all terms, longest first; all-capital terms match case-sensitively."""
    if not terms:
        return None
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        body = re.escape(term)
        if term.upper() == term and any(c.isalpha() for c in term):
            parts.append(f"(?-i:{body})")
        else:
            parts.append(body)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def quoted_spans(article: Article) -> list[Span]:
    spans = [(q.start, q.end) for q in article.quotes if q.kind == "direct"]
    spans += [(m.start(), m.end()) for m in _QUOTED.finditer(article.text)]
    return spans


def _inside(start: int, spans: Sequence[Span]) -> bool:
    return any(a <= start < b for a, b in spans)


def _canonical(found: str, terms: Sequence[str]) -> str:
    """Report a term as the lexicon spells it, not as the article capitalised it."""
    for term in terms:
        if term.lower() == found.lower():
            return term
    return found


def count_terms(
    articles: Sequence[Article], terms: Sequence[str]
) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    """(own voice, quoted) counts of each term per outlet."""
    own: dict[str, Counter[str]] = {}
    quoted: dict[str, Counter[str]] = {}
    pattern = term_pattern(terms)
    if pattern is None:
        return own, quoted
    for article in articles:
        outlet = outlet_label(article)
        spans = quoted_spans(article)
        for match in pattern.finditer(article.text):
            table = quoted if _inside(match.start(), spans) else own
            table.setdefault(outlet, Counter())[_canonical(match.group(), terms)] += 1
    return own, quoted


def _ranked(counts: Mapping[str, Counter[str]]) -> dict[str, list[str]]:
    return {o: [t for t, _ in c.most_common()] for o, c in sorted(counts.items())}


def framing_table(
    articles: Sequence[Article], lexicon: Lexicon, actors: Sequence[Mapping[str, Any]] = ()
) -> list[dict[str, Any]]:
    """One entry per concept or event actor that some outlet names.

    `terms` lists the names each outlet uses in its own voice, most used first;
    `quoted_terms` the names that appear only in what it quotes.
    """
    entries: list[tuple[str, Sequence[str]]] = list(lexicon.concepts.items())
    covered = {t.lower() for terms in lexicon.concepts.values() for t in terms}
    for actor in actors:
        names = [str(actor.get("name", "")), *map(str, actor.get("aliases", []))]
        names = [n for n in names if n and n.lower() not in covered]
        if len({n.lower() for n in names}) >= 2:
            entries.append((str(actor.get("name")), names))
    table: list[dict[str, Any]] = []
    for concept, terms in entries:
        own, quoted = count_terms(articles, terms)
        if not own and not quoted:
            continue
        table.append(
            {
                "concept": concept,
                "terms": _ranked(own),
                "quoted_terms": _ranked(quoted),
                "counts": {o: dict(c.most_common()) for o, c in sorted(own.items())},
                "quoted_counts": {o: dict(c.most_common()) for o, c in sorted(quoted.items())},
            }
        )
    return table


def tone_table(articles: Sequence[Article], lexicon: Lexicon) -> list[dict[str, Any]]:
    """Loaded words per outlet, its own voice apart from what it quotes."""
    own, quoted = count_terms(articles, lexicon.tone)
    outlets = sorted(set(own) | set(quoted))
    return [
        {
            "outlet": o,
            "own": dict(own.get(o, Counter()).most_common()),
            "quoted": dict(quoted.get(o, Counter()).most_common()),
        }
        for o in outlets
    ]
