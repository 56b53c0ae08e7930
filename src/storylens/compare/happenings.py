"""Happenings: the events a sentence mentions, found across the articles of one event.

A sentence often reports several happenings at once ("the quake killed 3 and injured
40"), so grouping whole sentences into one partition cannot say that it agrees both with
a sentence about the deaths and with one about the injuries. Here each sentence yields
*event mentions*: a trigger word (a verb, or a noun naming a happening such as
"earthquake" or "arrest") with the clause it heads as its evidence span. Mentions of one
happening across articles are grouped by their trigger (the classic "same lemma within a
topic" rule of cross-document event coreference), with a small table of news synonyms
("died" / "killed" / "death", "quake" / "earthquake").

A group that spans at least two articles becomes a claim of its own, so one sentence can
be evidence for several claims. The parse is a re-parse of the event's sentences (the
article records keep no tokens); it is linear in the event's size, and no pair of
sentences is compared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from .text import stem

if TYPE_CHECKING:
    from spacy.tokens import Token


class HasText(Protocol):
    """What mention extraction needs of a sentence: its text and where it starts."""

    @property
    def text(self) -> str: ...

    @property
    def start(self) -> int: ...


def _words(text: str) -> list[str]:
    return text.split()


# Verbs that carry no happening of their own: support, reporting and "light" verbs.
LIGHT_VERBS = frozenset(
    _words(
        "be have do say make take get go come tell give report add accord include know see "
        "use want think become seem try need keep let begin start continue call ask show "
        "put appear remain expect believe like may might will can could would should must "
        "claim describe note state speak write read hear mean involve follow lead result "
        "cause allow enable help fail seek aim urge"
    )
)
# Nouns that name a happening although no suffix gives them away.
HAPPENING_NOUNS = frozenset(
    _words(
        "fire blaze quake earthquake tremor war storm flood crash murder raid heist trial "
        "election game deal party riot suicide record win victory attack strike airstrike "
        "death explosion shooting arrest injury robbery surgery ceremony show offer accident "
        "bomb bombing release meeting talk visit protest collapse outage scandal ban sale "
        "merger acquisition bid fight battle killing rescue escape theft hearing vote "
        "sentence charge verdict conviction rehab overdose hijack coup siege clash fall "
        "playoff final concert funeral vigil"
    )
)
_NOUN_SUFFIX = re.compile(r"(?:tion|sion|ment|ance|ence|ure|ing|al)$")
NOT_HAPPENINGS = frozenset(
    _words(
        "official general hospital capital local national total animal criminal "
        "rival signal journal material terminal festival morning evening thing building "
        "government department statement something nothing anything everything nation "
        "station population information organization administration position relation "
        "constitution institution generation section location condition situation "
        "region reference evidence audience residence independence conference experience "
        "agreement equipment environment apartment parliament document ceiling"
    )
)
# One key per happening that news words for it share, after `stem`.
_SYNONYM_GROUPS = (
    "kill die dead death murder homicide slay slain fatal fatality martyrdom killing",
    "quake earthquake tremor",
    "blaze fire flame arson",
    "strike hit struck airstrike attack",
    "find found discover",
    "enter admit check",
    "escape flee fled",
    "win victory beat won",
    "accuse charge",
    "damage destroy sever devastate wreck cut",
    "arrest apprehend detain detention custody",
    "injure wound hurt injury",
    "shoot shooting shot gunfire",
    "steal stole stolen theft rob robbery heist",
    "appoint hire",
    "announce unveil",
)
HAPPENING_SYNONYMS = {
    stem(word): f"~{group.split()[0]}" for group in _SYNONYM_GROUPS for word in group.split()
}


_GROUP_KEYS = frozenset(HAPPENING_SYNONYMS.values())
# Verbs with a particle that mean something else than the verb alone.
PHRASAL_SYNONYMS = {"pass away": "~kill", "check in": "~enter", "check into": "~enter"}


def happening_key(word: str) -> str:
    """'died', 'deaths' and 'killing' -> one key; other words -> their stem."""
    s = stem(word.lower())
    return HAPPENING_SYNONYMS.get(s, s)


@dataclass(slots=True, frozen=True)
class EventMention:
    """One mention of a happening: its key, the sentence, and the clause as evidence."""

    sentence: int  # index into the event's sentences
    key: str
    start: int  # the clause the trigger heads, in article offsets
    end: int
    negated: bool  # "did not resign": the trigger itself is negated
    modifiers: frozenset[str] = frozenset()  # "arms" of "arms deal": which kind of it


def _is_trigger(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if not lemma.isalpha() or lemma in LIGHT_VERBS:
        return False
    if token.pos_ == "VERB":
        return True
    if token.pos_ != "NOUN" or lemma in NOT_HAPPENINGS:
        return False
    return lemma in HAPPENING_NOUNS or bool(_NOUN_SUFFIX.search(lemma))


def _trigger_key(token: Token) -> str:
    """The key of a verb includes its particle: "carry out" is not "carry"."""
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
    base = token.lower_ if token.pos_ == "PROPN" else token.lemma_.lower()
    if particle:
        return PHRASAL_SYNONYMS.get(f"{base} {particle}", f"{happening_key(base)}_{particle}")
    return happening_key(base)


_NEGATORS = frozenset({"not", "n't", "never", "no"})


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in _NEGATORS for c in token.children)


def _headline(doc: Iterable[Token]) -> bool:
    """Most words capitalised: a title, where the tagger takes verbs for names."""
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.6 * len(words)


def _candidate(token: Token, headline: bool) -> bool:
    """A word that may mention a happening the event's vocabulary knows."""
    if not token.is_alpha or token.lemma_.lower() in LIGHT_VERBS:
        return False
    if token.pos_ == "PROPN":
        return headline
    if token.pos_ == "NOUN" and token.dep_ == "compound":
        # "Defense Minister": a modifier, not a happening; "playoff berth" still is one
        return headline or token.lemma_.lower() in HAPPENING_NOUNS
    if token.dep_ == "amod" or token.pos_ == "ADJ":
        # "increasing threats", "occupying forces" describe; "dead" still reports
        return happening_key(token.lemma_) in _GROUP_KEYS
    return token.pos_ in {"VERB", "NOUN"}


def event_mentions(sentences: Sequence[HasText], model_name: str) -> list[EventMention]:
    """The happenings each sentence mentions, by trigger, with their clause spans.

    A word counts as a trigger everywhere in the event once it is a verb or a happening
    noun somewhere in it: headlines capitalise verbs ("Lohan Checks Into Rehab"), and
    the tagger then calls them names.
    """
    from ..nlp.model import load_model

    nlp = load_model(model_name)
    disabled = [p for p in ("ner",) if p in nlp.pipe_names]  # names are not compared
    with nlp.select_pipes(disable=disabled):
        docs = list(nlp.pipe([s.text for s in sentences], batch_size=256))
    vocabulary = {_trigger_key(token) for doc in docs for token in doc if _is_trigger(token)}
    mentions: list[EventMention] = []
    for index, (sentence, doc) in enumerate(zip(sentences, docs, strict=True)):
        seen: set[str] = set()
        headline = _headline(doc)
        for token in doc:
            if not _candidate(token, headline):
                continue
            key = _trigger_key(token)
            if key not in vocabulary or key in seen:
                continue
            seen.add(key)
            a, b = _evidence(token)
            mentions.append(
                EventMention(
                    index,
                    key,
                    sentence.start + a,
                    sentence.start + b,
                    _negated(token),
                    _modifiers(token),
                )
            )
    return mentions


_MODIFIERS = frozenset(_words("compound"))


def _modifiers(trigger: Token) -> frozenset[str]:
    """The common nouns that say which kind of happening a noun names ("arms deal",
    "border commission"). Adjectives, counts, owners and names ("deadly", "first",
    "Lohan's", "Gaza war") describe one happening in different words, so they do not
    count: ECB+ recall fell by 4 points when they did."""
    if trigger.pos_ == "VERB":
        return frozenset()
    return frozenset(
        happening_key(c.lemma_)
        for c in trigger.children
        if c.dep_ in _MODIFIERS
        and c.pos_ == "NOUN"
        and c.is_alpha
        and not c.is_stop
        and not _measured(c)
    )


def _measured(word: Token) -> bool:
    """ "6.1-magnitude", "a 300-metre": a measurement describes, it names no kind."""
    if any(child.like_num for child in word.children):
        return True
    before = word.doc[max(0, word.i - 2) : word.i]
    return any(t.like_num for t in before)


_OBJECT = frozenset(_words("dobj obj attr"))


def _evidence(trigger: Token) -> tuple[int, int]:
    """Character span of the clause a trigger heads, in its sentence.

    A bare noun ("deterrence", "the war") says too little to read as a claim; when it is
    the object of a verb, the verb is taken in too ("welcomed the commission").
    """
    doc = trigger.doc
    left, right = trigger.left_edge, trigger.right_edge
    if sum(t.is_alpha for t in trigger.subtree) < 3 and trigger.dep_ in _OBJECT:
        verb = trigger.head
        if verb.pos_ == "VERB" and verb.i != trigger.i:  # "carried out several airstrikes"
            left, right = doc[min(left.i, verb.i)], doc[max(right.i, verb.i)]
    while right.i > left.i and (right.is_punct or right.dep_ == "cc"):
        right = doc[right.i - 1]  # "a joint border commission and" ends at "commission"
    return left.idx, right.idx + len(right.text)


def happening_groups(
    mentions: Sequence[EventMention], article_of: Sequence[str]
) -> list[list[EventMention]]:
    """Mentions grouped by happening; only groups that two or more articles report.

    `article_of[i]` is the article of sentence i. Within one event the same trigger
    nearly always names the same happening, unless a noun says which kind it is
    (`_kinds`: an arms deal is not a trade deal). Splitting a trigger's mentions where
    they name different people, places, ages or weekdays was measured and did not pay
    (ECB+ pairwise F1 86.0 -> 83.8 in a scratch run: precision +1.2, recall -5.7), because
    two sentences that disagree on one happening's participants still share another.
    """
    by_key: dict[str, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.key].append(mention)
    groups = []
    for members in by_key.values():
        for group in _kinds(members, article_of):
            if len({article_of[m.sentence] for m in group}) >= 2:
                groups.append(group)
    return groups


def _kinds(members: Sequence[EventMention], article_of: Sequence[str]) -> list[list[EventMention]]:
    """One trigger's mentions, split where their modifiers name different kinds of it:
    "a secret arms deal" is not "the first deal between the neighbours".

    A bare mention ("the deal") refers back to a kind its own article named; where its
    article named none, it joins the kind most articles name, if two or more do, and
    else the other bare mentions: one outlet's "arms deal" does not take in the others'
    unqualified deals.
    """
    kinds: list[tuple[set[str], list[int]]] = []
    bare: list[int] = []
    for i, mention in enumerate(members):
        if not mention.modifiers:
            bare.append(i)
            continue
        for words, group in kinds:
            if mention.modifiers & words:
                group.append(i)
                words.update(mention.modifiers)
                break
        else:
            kinds.append((set(mention.modifiers), [i]))

    def articles(group: list[int]) -> set[str]:
        return {article_of[members[j].sentence] for j in group}

    groups = sorted((group for _, group in kinds), key=lambda g: len(articles(g)), reverse=True)
    main = groups[0] if groups and len(articles(groups[0])) >= 2 else None
    unnamed: list[int] = []
    for i in bare:
        article = article_of[members[i].sentence]
        own = [g for g in groups if article in articles(g)]
        (own[0] if own else main if main is not None else unnamed).append(i)
    return [[members[i] for i in sorted(group)] for group in [*groups, unnamed] if group]
