"""Where the article's event happened, as opposed to every place it mentions.

Reports of a meeting in Tehran about Syria name Syria far more often than Tehran, so
counting mentions gets it wrong. A place is scored by how it is used: the object of a
locative preposition ("in Tehran", "at the airport") or a dateline counts, early
sentences count most, and a bare mention (a country as a subject or an adjective) barely
counts at all.
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc, Span

from .doctext import doc_text
from .lexicon import place_key

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "on", "off"})
# Nouns and verbs of the things that happen somewhere: "a meeting in Tehran".
# fmt: off
_EVENT_WORDS = frozenset({
    "meeting", "meet", "talk", "talks", "visit", "summit", "conference", "ceremony", "attack",
    "blast", "explosion", "strike", "airstrike", "crash", "fire", "earthquake", "quake",
    "shooting", "rally", "protest", "election", "vote", "launch", "hold", "held", "arrive",
    "arrived", "killed", "kill", "die", "died", "struck", "hit",
})
# fmt: on
MAX_LOCATIONS = 3


def main_locations(doc: Doc) -> list[str]:
    """Names of the event's places, most salient first (at most MAX_LOCATIONS)."""
    score: dict[str, float] = defaultdict(float)
    topic: dict[str, int] = defaultdict(int)
    name: dict[str, str] = {}
    # headings, datelines and captions are short; only full sentences say how early
    sent_starts = [s.start_char for s in doc.sents if len(s) >= 8]
    for ent in doc.ents:
        # NER calls unfamiliar towns people or companies; "off Brannock" says otherwise
        mistyped = (ent.label_ == "PERSON" and _is_locative(ent)) or (
            ent.label_ in ("PERSON", "ORG") and _is_dateline(doc, ent)
        )
        if ent.label_ not in _PLACE_LABELS and not mistyped:
            continue
        text = _title(_clean(ent))
        if not text:
            continue
        key = place_key(text)
        if key not in name or (len(text) > len(name[key]) and key not in ("united states",)):
            name[key] = text
        position = sum(1 for s in sent_starts if s <= ent.start_char) - 1
        weight = 3.0 / (1.0 + max(position, 0) / 3.0)
        if _is_dateline(doc, ent):
            score[key] += 1.5  # where the reporter filed from: often, not always, the place
        elif _is_locative(ent):
            prep = ent.root.head
            window = doc[max(ent.sent.start, prep.i - 12) : prep.i]
            boost = 3.0 if any(t.lemma_.lower() in _EVENT_WORDS for t in window) else 1.0
            score[key] += weight * boost * (0.5 if ent.label_ == "LOC" else 1.0)
        else:
            score[key] += 0.1 * weight
            topic[key] += 1
    if not score:
        return []
    for key in score:  # a country the story is about, as subject or owner, is a topic
        score[key] /= 1.0 + 0.2 * topic[key]
    top = max(score.values())
    ranked = sorted(score, key=lambda k: -score[k])
    return [name[k] for k in ranked if score[k] >= 0.3 * top][:MAX_LOCATIONS]


def _title(text: str) -> str:
    """A dateline's capitals as a name: "PORT SALEN" -> "Port Salen"."""
    return text.title() if text.isupper() else text


def _clean(ent: Span) -> str:
    text = ent.text
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    return text.removeprefix("the ").removeprefix("The ").strip()


def _is_locative(ent: Span) -> bool:
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ in _LOCATIVE and head.head.lower_ != "war"


def _is_dateline(doc: Doc, ent: Span) -> bool:
    """ "TEHRAN, March 17 (Reuters) -": a capitalised place opening a line."""
    line_start = doc_text(doc).rfind("\n", 0, ent.start_char) + 1
    if doc_text(doc)[line_start : ent.start_char].strip():
        return False
    rest = doc_text(doc)[ent.end_char : ent.end_char + 40]
    return ent.text.isupper() and (rest.startswith((",", " (", " -", " —", " –")))
