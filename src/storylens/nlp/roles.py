"""Read an office out of the words around a name or in a description.

"Iran's Defence Minister", "the Iranian Minister of Defense and Armed Forces Logistics"
and "Iranian Defense Minister" are one role; comparing actors across outlets needs one
spelling of it, so every phrase is turned into "<Demonym> <Field> <Office>".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from .lexicon import RANKS, country_key, fold

# Heads that name an office; a description with one of these gives its actor a role.
# fmt: off
OFFICES = frozenset({
    "minister", "president", "premier", "secretary", "ambassador", "envoy", "governor", "mayor",
    "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson", "director",
    "commander", "senator", "chancellor", "king", "queen", "prince", "ceo", "attorney",
    "prosecutor", "judge",
})
# fmt: on
# Words in front of an office that say nothing about which office it is.
# fmt: off
_NOISE = frozenset({
    "the", "a", "an", "his", "her", "their", "its", "top", "senior", "visiting", "respected",
    "new", "then", "current", "outgoing", "incoming", "acting", "veteran", "powerful", "also",
    "for", "part",
})
# fmt: on
_FIELDS = {"foreign affairs": "foreign", "internal affairs": "interior"}
# fmt: off
_DEMONYMS = {
    "iran": "Iranian", "syri": "Syrian", "isra": "Israeli", "iraq": "Iraqi",
    "united states": "US", "united kingdom": "British", "france": "French", "chin": "Chinese",
    "japa": "Japanese", "leba": "Lebanese", "turk": "Turkish", "germ": "German",
    "russ": "Russian", "egyp": "Egyptian", "pale": "Palestinian", "saud": "Saudi",
    "paki": "Pakistani", "indi": "Indian", "yeme": "Yemeni", "jord": "Jordanian",
    "afgh": "Afghan", "ukra": "Ukrainian", "ital": "Italian", "cana": "Canadian",
    "qata": "Qatari", "kuwa": "Kuwaiti", "fran": "French", "spai": "Spanish", "pola": "Polish",
    "neth": "Dutch", "irel": "Irish",
}
# fmt: on


@dataclass(slots=True)
class RoleInfo:
    """What a phrase says about a person: nationality, office, rank words."""

    nationality: str | None = None  # a country_key
    office: str | None = None  # "Iranian Defense Minister"
    head: str | None = None  # folded head noun: "minister", "official"
    fields: set[str] = field(default_factory=set)  # folded field words: {"defense"}
    ranks: list[str] = field(default_factory=list)


def demonym(key: str, seen: dict[str, str]) -> str:
    """The adjective for a country key, preferring the article's own spelling."""
    if key in seen:
        return seen[key]
    return _DEMONYMS.get(key, key.title())


def parse_role(tokens: Sequence[Token], demonyms: dict[str, str]) -> RoleInfo:
    """Split a title phrase into nationality, field and office head."""
    info = RoleInfo()
    before: list[str] = []
    after: list[str] = []
    seen_of = False
    for tok in tokens:
        if tok.text in ("[", "(", "\n") or "\n" in tok.text:
            break
        low = fold(tok.text)
        if tok.ent_type_ in ("GPE", "NORP") or (tok.ent_type_ == "ORG" and not seen_of):
            if tok.ent_type_ in ("GPE", "NORP") and tok.ent_iob_ == "B":
                info.nationality = info.nationality or country_key(_ent_text(tok))
            if tok.ent_type_ != "ORG":
                continue
        if low == "of":
            seen_of = True
            continue
        if seen_of and (low == "and" or tok.dep_ == "cc" or tok.is_punct):
            break
        if tok.is_punct or low in _NOISE or tok.pos_ in ("DET", "PRON", "PART", "ADP", "VERB"):
            continue
        if not seen_of and low in RANKS and (not before or before[-1] not in OFFICES):
            info.ranks.append(tok.text)  # "Brigadier General": a rank, not an office
            continue
        (after if seen_of else before).append(low)
    if not before:
        return info
    head = before[-1]
    info.head = head
    field_words = before[:-1] + after
    info.fields = set(field_words)
    if head not in OFFICES:
        return info
    fld = " ".join(field_words)
    fld = _FIELDS.get(fld, fld)
    nat = demonym(info.nationality, demonyms) + " " if info.nationality else ""
    if len(fld.split()) <= 2:
        text = f"{nat}{fld} {head}".strip()
    else:
        text = f"{nat}{head} of {fld}"
    info.office = " ".join(
        w if w in ("of", "US") or w[:1].isupper() else w.title() for w in text.split()
    )
    return info


def _ent_text(tok: Token) -> str:
    doc = tok.doc
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[tok.i : end].text


def prune_roles(roles: list[str]) -> list[str]:
    """Drop a role whose words are all inside a more specific one ("Iranian Minister")."""
    keys = [set(fold(r).split()) for r in roles]
    out: list[str] = []
    for i, role in enumerate(roles):
        if any(keys[i] < keys[j] for j in range(len(roles)) if j != i):
            continue
        if any(keys[i] == set(fold(o).split()) for o in out):
            continue
        out.append(role)
    return out
