"""Closed word lists and name keys shared by the extractors and cross-article merging.

The extractors are rules over the parse, so what they know about news language lives
here in one place: reporting verbs, titles and offices, demonyms, and the spelling keys
that make "defence"/"defense" and "Mekdad"/"Miqdad" compare equal.
"""

from __future__ import annotations

import re
import unicodedata

# Lemmas of verbs that report speech or a stated position. A verb here with a clause
# under it is indirect speech; one next to a quotation is its attribution.
# fmt: off
SPEECH_VERBS = frozenset({
    "say", "add", "state", "stress", "emphasize", "emphasise", "note", "warn", "tell",
    "announce", "affirm", "insist", "claim", "argue", "explain", "conclude", "point",
    "highlight", "underline", "underscore", "declare", "reiterate", "report", "confirm", "deny",
    "mention", "remark", "clarify", "assert", "write", "tweet", "caution", "acknowledge",
    "admit", "allege", "suggest", "predict", "promise", "vow", "pledge", "recall", "describe",
    "observe", "comment", "complain", "urge", "reply", "respond", "answer", "ask", "question",
    "maintain", "contend", "believe", "indicate", "reveal", "disclose", "concede",
    "estimate", "testify", "inform", "recognise", "recognize", "assure", "hope", "convey",
    "brief", "forecast", "accuse", "agree",
})
# fmt: on
# Reporting verbs that only count when a clause is under them (they are common verbs).
WEAK_SPEECH_VERBS = frozenset({"believe", "indicate", "suggest", "question"})

# Head nouns of descriptions that can stand for a person ("the Iranian minister").
# fmt: off
PERSON_ROLE_NOUNS = frozenset({
    "minister", "chief", "official", "diplomat", "president", "premier", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "general", "commander", "counterpart", "envoy",
    "ambassador", "leader", "head", "director", "governor", "mayor", "chairman", "chairwoman",
    "chair", "senator", "lawmaker", "officer", "negotiator", "adviser", "advisor", "aide",
    "deputy", "king", "queen", "prince", "emperor", "pope", "cleric", "ayatollah", "judge",
    "prosecutor", "attorney", "lawyer", "police", "coach", "manager", "ceo",
    "founder", "actor", "actress", "singer", "star", "player", "captain", "chancellor",
    "representative", "executive", "analyst", "expert", "source",
})
# fmt: on
# Titles and ranks that precede a name and are dropped from the name itself.
# fmt: off
TITLE_WORDS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "gen",
    "general", "brig", "brigadier", "lt", "lieutenant", "col", "colonel", "maj", "major",
    "capt", "captain", "adm", "admiral", "sgt", "sergeant", "cpl", "corporal", "marshal",
    "commander", "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep",
    "representative", "gov", "governor", "mayor", "judge", "justice", "king", "queen", "prince",
    "princess", "sheikh", "ayatollah", "imam", "rev", "reverend", "father", "pope", "cardinal",
    "bishop", "chancellor", "ambassador", "deputy", "foreign", "defense", "defence", "interior",
    "finance", "chief", "spokesman", "director", "superintendent", "inspector", "detective",
    "commissioner", "councillor", "councilor", "speaker", "rear", "commodore", "constable",
    "sheriff", "officer", "agent", "pastor", "rabbi", "mp", "head", "spokesperson",
    "spokeswoman",
})
# fmt: on
# Military ranks: kept as part of an alias ("General Ashtiani") but never as a role.
# fmt: off
RANKS = frozenset({
    "gen", "general", "brig", "brigadier", "lt", "lieutenant", "col", "colonel", "maj", "major",
    "capt", "captain", "adm", "admiral", "sgt", "sergeant", "marshal", "commander",
})
# fmt: on
# Pronouns that refer back to a person speaker.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "we"})

# British spellings folded to one form before names and roles are compared.
# fmt: off
SPELLING = {
    "defence": "defense", "organisation": "organization", "programme": "program",
    "centre": "center", "labour": "labor", "emphasised": "emphasized",
}
# fmt: on

# Demonyms and names whose first four letters do not identify their country.
# fmt: off
_COUNTRY_TABLE = {
    "us": "united states", "u.s.": "united states", "usa": "united states",
    "u.s.a.": "united states", "america": "united states", "american": "united states",
    "americans": "united states", "united states": "united states",
    "united states of america": "united states", "washington": "united states",
    "uk": "united kingdom", "u.k.": "united kingdom", "britain": "united kingdom",
    "british": "united kingdom", "great britain": "united kingdom",
    "united kingdom": "united kingdom", "england": "united kingdom",
    "english": "united kingdom", "france": "france", "french": "france", "spain": "spain",
    "spanish": "spain", "poland": "poland", "polish": "poland", "netherlands": "netherlands",
    "dutch": "netherlands", "ireland": "ireland", "irish": "ireland",
    "switzerland": "switzerland", "swiss": "switzerland", "finland": "finland",
    "finnish": "finland", "denmark": "denmark", "danish": "denmark",
    "philippines": "philippines", "filipino": "philippines", "philippine": "philippines",
    "austria": "austria", "austrian": "austria", "australia": "australia",
    "australian": "australia", "syrian arab republic": "syria", "islamic republic": "iran",
    "uae": "united arab emirates", "emirati": "united arab emirates", "saudi": "saudi arabia",
    "saudi arabia": "saudi arabia", "new zealand": "new zealand",
    "south africa": "south africa", "south african": "south africa",
    "north korea": "north korea", "north korean": "north korea", "south korea": "south korea",
    "south korean": "south korea",
}
# fmt: on
# Seats of government that stand for their country in a description's nationality only.
# fmt: off
_CAPITALS = {
    "tehran": "iran", "damascus": "syria", "tel aviv": "israel", "moscow": "russia",
    "beijing": "china", "kremlin": "russia", "pentagon": "united states",
}
# fmt: on


def strip_accents(text: str) -> str:
    """Accents dropped: outlets write "Vendôme" and "Vendome" for one place."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lowercase, strip accents and fold British spellings, so variants compare equal."""
    text = strip_accents(text).lower()
    text = text.replace("’", "'")
    return " ".join(SPELLING.get(w, w) for w in text.split())


def place_key(text: str) -> str:
    """One key for the names of one place: "the United States", "US", "America"."""
    t = re.sub(r"'s?$", "", re.sub(r"^the\s+", "", fold(text))).strip()
    return _COUNTRY_TABLE.get(t, t)


def country_key(text: str) -> str:
    """A key shared by a country and its demonym: "Iranian", "Iran", "Iran's" -> "iran"."""
    t = fold(text)
    t = re.sub(r"^the\s+", "", t)
    t = re.sub(r"'s?$", "", t).strip()
    t = _CAPITALS.get(t, t)
    if t not in _COUNTRY_TABLE and t.endswith("s"):
        t = t[:-1]
    t = _COUNTRY_TABLE.get(t, t)
    return t if " " in t and t in _COUNTRY_TABLE.values() else t.split(" ")[0][:4]


_TRANSLIT = [
    (re.compile(r"[^a-z ]"), ""),
    (re.compile(r"ph"), "f"),
    (re.compile(r"(kh|gh|q|c(?!h)|ck)"), "k"),
    (re.compile(r"(dh|th)"), "d"),
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"(?<=\w)[aeiouy]+"), ""),
    (re.compile(r"(\w)\1+"), r"\1"),
]


def name_key(word: str) -> str:
    """A loose transliteration key for one name word: Mekdad/Miqdad -> "mkd", ..."""
    w = fold(word)
    for pattern, repl in _TRANSLIT:
        w = pattern.sub(repl, w)
    return w


def is_title(word: str) -> bool:
    return fold(word).rstrip(".") in TITLE_WORDS
