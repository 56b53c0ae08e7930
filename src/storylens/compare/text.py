"""Word keys for comparing sentences across outlets without a parse.

Comparison runs over every sentence of an event, after the nlp stage, so it must be
cheap: a regex tokenizer and a crude suffix stemmer are enough to make "checked",
"checks" and "checking" meet, and they cost nothing next to a model. Outlets also name
the same actor differently ("the Zionist regime", "Tel Aviv", "Israel"); `Canon` maps
those names to one concept key first, so wording does not hide agreement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

WORD_RE = re.compile(r"[^\W\d_](?:[^\W_]|['’\-](?=[^\W\d_]))*|\d+(?:[.,]\d+)*", re.UNICODE)
# Words that carry no fact of their own in news prose: reporting verbs and discourse
# glue. They are common to every sentence of an event and would only add noise.
NEWS_STOP = frozenset(
    [
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tells",
        "added",
        "adds",
        "stated",
        "states",
        "noted",
        "notes",
        "according",
        "reported",
        "reports",
        "also",
        "just",
        "said",
        "mr",
        "mrs",
        "ms",
        "news",
        "report",
        "reporting",
    ]
)
STOP = frozenset(ENGLISH_STOP_WORDS) | NEWS_STOP
NEGATIONS = frozenset({"not", "no", "never", "n't", "nor", "without", "denied", "deny", "denies"})
# Spelling variants that should compare equal (British/American, hyphenless forms).
SPELLING = {
    "defence": "defense", "offence": "offense", "centre": "center", "metres": "meters",
    "jewellery": "jewelry", "programme": "program",
}  # fmt: skip
KEPT_S = ("ss", "sis", "ous")
SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ed", "es", "s", "ly")
# News words for one happening, after stemming: a death toll is "killed" in one outlet,
# "deaths" or "martyrdom" in another.
SYNONYMS = {
    "dead": "kill", "death": "kill", "die": "kill", "died": "kill", "martyrdom": "kill", "martyr": "kill",
    "fatalit": "kill", "wound": "injur", "hurt": "injur", "arrest": "detain",
    "detention": "detain", "attack": "strik", "airstrik": "strik", "strike": "strik",
}  # fmt: skip


def stem(word: str) -> str:
    """A deliberately blunt stemmer: enough to join inflections, never a dictionary."""
    word = SPELLING.get(word, word)
    for suffix in SUFFIXES:
        if suffix == "s" and word.endswith(KEPT_S):
            continue  # "pass", "crisis", "famous": the s is the word's own, not a plural's
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]  # "stopped" -> "stop"
            break
    if len(word) > 3 and word[-1] in "ey":
        word = word[:-1]  # "injure", "injury", "injur(ed)" meet
    return SYNONYMS.get(word, word)


def number_key(token: str) -> str | None:
    """'30,000' and '30000' are the same number; '1.5' stays a decimal."""
    digits = token.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return None
    return f"#{value:g}"


@dataclass(slots=True, frozen=True)
class Canon:
    """Multi-word names mapped to one concept key, longest name first."""

    pattern: re.Pattern[str] | None
    keys: Mapping[str, str]

    @classmethod
    def build(cls, names: Mapping[str, Iterable[str]]) -> Canon:
        keys: dict[str, str] = {}
        for concept, variants in names.items():
            key = "@" + re.sub(r"\W+", "_", concept.lower())
            for variant in variants:
                keys[variant.lower()] = key
        if not keys:
            return cls(None, {})
        alternatives = sorted(keys, key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w])(?:the\s+)?("
            + "|".join(re.escape(a) for a in alternatives)
            + r")(?:['’]s)?(?![\w])",
            re.IGNORECASE,
        )
        return cls(pattern, keys)


def content_keys(text: str, canon: Canon | None = None) -> list[str]:
    """The comparable words of a sentence: concept keys, numbers and stems."""
    keys: list[str] = []
    rest = text
    if canon is not None and canon.pattern is not None:
        pieces: list[str] = []
        last = 0
        for match in canon.pattern.finditer(text):
            pieces.append(text[last : match.start()])
            keys.append(canon.keys[match.group(1).lower()])
            last = match.end()
        pieces.append(text[last:])
        rest = " ".join(pieces)
    for match in WORD_RE.finditer(rest):
        word = match.group().lower().replace("’", "'")
        if word[0].isdigit():
            number = number_key(word)
            if number is not None:
                keys.append(number)
            continue
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 2 or word in STOP:
            continue
        keys.append(stem(word))
    return keys


def has_negation(text: str) -> bool:
    words = {m.group().lower().replace("’", "'") for m in WORD_RE.finditer(text)}
    return bool(words & NEGATIONS) or "n't" in text.lower()
