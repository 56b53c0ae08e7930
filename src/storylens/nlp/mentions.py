"""Which spans of a parse name or describe someone, for clustering actors.

NER misses or mistypes names ("Shamkhani" as ORG, a dateline as PERSON) and writes
headings into them; these checks correct that from the parse, and say which noun
phrases are descriptions of a person ("the Iranian minister") rather than names.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .doctext import doc_text
from .gender import gender_of
from .lexicon import PERSON_ROLE_NOUNS, SPEECH_VERBS, fold, is_title, name_key
from .roles import OFFICES

# Verbs whose proper-noun subject is a person even when NER missed or mistyped it.
# fmt: off
PERSON_VERBS = SPEECH_VERBS | frozenset({
    "denounce", "condemn", "praise", "criticize", "criticise", "slam", "meet", "visit",
    "welcome", "reject", "accuse", "hail", "demand", "thank", "highlight",
})
# fmt: on
# fmt: off
ORG_WORDS = frozenset({
    "council", "ministry", "agency", "news", "party", "group", "company", "corp", "inc", "ltd",
    "university", "army", "force", "forces", "police", "committee", "union", "bank", "court",
    "office", "department", "association", "times", "post", "press", "tv", "radio", "network",
    "organization", "organisation", "assembly", "parliament", "government", "institute",
    "authority", "board", "service", "guard", "commission", "navy", "lottery", "forum", "firm",
    "bureau", "directorate", "embassy", "administration", "municipality", "hospital",
    "federation", "club", "team", "coalition", "alliance", "foundation", "charity", "ngo",
    "tribunal", "prosecutor", "senate", "military",
})
# fmt: on
# fmt: off
AGENCIES = frozenset({
    "reuters", "afp", "ap", "xinhua", "irna", "sana", "tasnim", "fars", "isna", "bloomberg",
    "cnn", "bbc", "mehr", "anadolu", "tass", "interfax",
})
# fmt: on
SUBJ = ("nsubj", "nsubjpass")
# Verbs whose "to X" / "from X" is someone spoken with, not somewhere.
_TALK = SPEECH_VERBS | frozenset({"speak", "talk", "write", "listen", "reply", "according",
                                  "hear", "chat", "turn", "send", "give", "belong"})  # fmt: skip


def is_reporting(tok: Token) -> bool:
    """A reporting verb: what turns a noun phrase into a speaker."""
    return tok.lemma_.lower() in SPEECH_VERBS


def is_description(tok: Token) -> bool:
    """A singular definite noun phrase headed by an office or role noun, with no name."""
    lemma = tok.lemma_.lower()
    if lemma not in PERSON_ROLE_NOUNS or tok.tag_ not in ("NN", "NNP"):
        return False
    if tok.ent_type_ == "PERSON" or tok.dep_ == "compound":
        return False
    if tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON":
        return False
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
        return False
    if (
        lemma in OFFICES
        and tok.text[:1].isupper()
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    ):
        return True  # "Secretary of Iran's Supreme National Security Council says"
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
        or (c.dep_ == "poss" and c.ent_type_ == "GPE")
        for c in tok.children
    )


def without_preps(head: Token) -> list[Token]:
    """A phrase's words up to, not into, a locative or temporal attachment."""
    cut = {t.i for c in head.children if c.dep_ == "prep" and c.lower_ != "of" for t in c.subtree}
    return [t for t in head.subtree if t.i not in cut]


def is_speaking_noun(tok: Token) -> bool:
    """ "the 58-year-old hydrologist said": a definite noun that speaks is someone named."""
    return (
        tok.pos_ == "NOUN"
        and tok.tag_ == "NN"
        and tok.dep_ in SUBJ
        and is_reporting(tok.head)
        and tok.lemma_.lower() not in ORG_WORDS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    )


def trim(ent: Span) -> Span | None:
    if "\n" in ent.text:
        return None  # a heading run into the next line, not a name
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ == "the"):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].tag_ in ("POS", "CC")
        or doc[end - 1].lower_ in ("'s", "’s")
    ):
        end -= 1
    return doc[start:end] if end > start else None


def clean_name(span: Span) -> str:
    text = span.text
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    return text.removeprefix("the ").removeprefix("The ").strip()


def person_words_raw(span: Span) -> list[str]:
    """The words of a name with its titles still on."""
    return [t.text for t in span if not t.is_punct and t.tag_ != "POS"]


def person_words(span: Span) -> list[str]:
    words = [t.text for t in span if not t.is_punct and t.tag_ != "POS"]
    while len(words) > 1 and is_title(words[0]):
        words = words[1:]
    return [] if len(words) == 1 and is_title(words[0]) else words


def looks_like_place(span: Span) -> bool:
    """A "person" that is a dateline ("QASR AMIN (SRNA) -") or where something happens."""
    doc = span.doc
    line_start = doc_text(doc).rfind("\n", 0, span.start_char) + 1
    if span.text.isupper() and not doc_text(doc)[line_start : span.start_char].strip():
        return True
    root = span.root
    prep = root.head
    if prep.lower_ in ("to", "from", "with") and prep.head.lemma_.lower() in _TALK:
        return False  # "I spoke to Dev Kumar", "according to Ms Lind"
    return root.dep_ == "pobj" and prep.lower_ in ("in", "at", "near", "from", "to")


def looks_like_person(span: Span, label: str, surnames: set[str]) -> bool:
    """NER calls some surnames ORG, GPE or NORP ("Shamkhani", "Mekdad").

    A lone name that is the surname of a named person is that person; a lone singular
    name that speaks is a person unless it reads as a place or an agency.
    """
    words = person_words(span)
    if len(words) == 1 and len(span) > 1 and name_key(words[0]) in surnames:
        return True  # "Brigadier General Kavan" tagged ORG
    if (
        label == "ORG"
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and fold(words[-1]) not in ORG_WORDS
        and (len(words) < len(person_words_raw(span)) or gender_of([words[0]]) is not None)
    ):
        return True  # "Rear Admiral Felix Amaro", "Paulo Ines" tagged ORG
    if len(span) != 1 or span.text.isupper() or fold(span.text) in AGENCIES:
        return False
    tok = span[0]
    if name_key(tok.text) in surnames:
        return True
    speaks = tok.dep_ in SUBJ and tok.head.lemma_ in PERSON_VERBS
    if label == "NORP":
        return speaks and tok.tag_ == "NNP"
    return label == "ORG" and speaks and fold(tok.text) not in ORG_WORDS
