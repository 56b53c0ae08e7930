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
be evidence for several claims. The trigger words and their clauses come from the parse
the nlp stage already made of each article (`Article.triggers`, `nlp.triggers`); only
articles stored before it recorded them are parsed again here. The work is linear in the
event's size, and no pair of sentences is compared.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..records import Article, Trigger


class HasText(Protocol):
    """What mention extraction needs of a sentence: its article and where it lies."""

    @property
    def article(self) -> Article: ...

    @property
    def text(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(slots=True, frozen=True)
class EventMention:
    """One mention of a happening: its key, the sentence, and the clause as evidence."""

    sentence: int  # index into the event's sentences
    key: str
    start: int  # the clause the trigger heads, in article offsets
    end: int
    negated: bool  # "did not resign": the trigger itself is negated
    modifiers: frozenset[str] = frozenset()  # "arms" of "arms deal": which kind of it


def event_mentions(sentences: Sequence[HasText], model_name: str) -> list[EventMention]:
    """The happenings each sentence mentions, by trigger, with their clause spans.

    A word counts as a trigger everywhere in the event once it is a verb or a happening
    noun somewhere in it: headlines capitalise verbs ("Lohan Checks Into Rehab"), and
    the tagger then calls them names. The words come from each article's `triggers`,
    which the nlp stage recorded; an article stored before it did has its sentences
    parsed again here with `model_name`.
    """
    words = _sentence_words(sentences, model_name)
    vocabulary = {w.key for found in words for w in found if w.trigger}
    mentions: list[EventMention] = []
    for index, (sentence, found) in enumerate(zip(sentences, words, strict=True)):
        seen: set[str] = set()
        for word in found:
            if not word.candidate or word.key not in vocabulary or word.key in seen:
                continue
            seen.add(word.key)
            mentions.append(
                EventMention(
                    index,
                    word.key,
                    max(sentence.start, word.clause_start),
                    min(sentence.end, word.clause_end),
                    word.negated,
                    frozenset(word.modifiers),
                )
            )
    return mentions


def _sentence_words(sentences: Sequence[HasText], model_name: str) -> list[list[Trigger]]:
    """Each sentence's trigger words: from its article's record, else from a new parse."""
    words: list[list[Trigger]] = [[] for _ in sentences]
    by_article: dict[int, list[int]] = defaultdict(list)
    unparsed: list[int] = []
    for i, sentence in enumerate(sentences):
        if sentence.article.triggers is None:
            unparsed.append(i)
        else:
            by_article[id(sentence.article)].append(i)
    for members in by_article.values():
        recorded = sentences[members[0]].article.triggers or []
        starts = [w.start for w in recorded]
        for i in members:
            s = sentences[i]
            words[i] = recorded[bisect_left(starts, s.start) : bisect_left(starts, s.end)]
    if unparsed:
        from ..nlp.model import load_model
        from ..nlp.triggers import sentence_triggers  # nlp imports compare.text: not at the top

        nlp = load_model(model_name)
        disabled = [p for p in ("ner",) if p in nlp.pipe_names]  # names are not compared
        with nlp.select_pipes(disable=disabled):
            docs = nlp.pipe([sentences[i].text for i in unparsed], batch_size=256)
            for i, doc in zip(unparsed, docs, strict=True):
                words[i] = sentence_triggers(doc, sentences[i].start)
    return words


def happening_groups(
    mentions: Sequence[EventMention],
    article_of: Sequence[str],
) -> list[list[EventMention]]:
    """Mentions grouped by happening; only groups that two or more articles report.

    `article_of[i]` is the article of sentence i. Within one event the same trigger
    nearly always names the same happening, unless a noun says which kind it is
    (`_kinds`: an arms deal is not a trade deal). Splitting a trigger's mentions where
    they name different people, places, ages or weekdays was measured and did not pay
    (ECB+ pairwise F1 86.0 -> 83.8 in a scratch run: precision +1.2, recall -5.7), because
    two sentences that disagree on one happening's participants still share another.
    Splitting by whole articles instead (two articles whose clauses of the happening each
    name a person or place the other article never mentions) did not pay either: F1
    85.4 -> 77.6 with all names, 82.5 with places only, 81.9 counting only names that 4
    articles share.

    Why no cut of mentions pays (measured with `bench/claims.py --sources`): dropping
    pairs raises pairwise F1 only if fewer than F1/2 (~43%) of them are right, and every
    class of happening pairs tried is right far more often. Mentions of another time
    next to the trigger ("the 2004 quake", "In 1999, X stabbed", "previous", "another":
    90% of the pairs they alone make are right, F1 86.0 -> 85.8), the same in the whole
    clause (72-98%), plural or generic nouns (63%), relative and adverbial clauses
    (82-84%), past perfect (59%), nouns that name no happening themselves ("robbers",
    "host": 67%), names that conflict only within keys an article marks as one of
    several ("a second man", "another climber") or only between articles' leads (F1
    85.4-86.0). Half of the false pairs sit in two gold events with several look-alike
    instances (three rehab check-ins; two climbers' falls), which the sentences' names
    do not tell apart.
    """
    by_key: dict[str, list[EventMention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.key].append(mention)
    groups = []
    for members in by_key.values():
        for kind in _kinds(members, article_of):
            if len({article_of[m.sentence] for m in kind}) >= 2:
                groups.append(kind)
    return groups


def _kinds(members: Sequence[EventMention], article_of: Sequence[str]) -> list[list[EventMention]]:
    """One trigger's mentions, split where their modifiers name different kinds of it:
    "a secret arms deal" is not "the first deal between the neighbours".

    A bare mention ("the deal") refers back to a kind its own article named, when other
    articles name that kind too; else it joins the kind most articles name, if two or
    more do, and else the other bare mentions: one outlet's "arms deal" does not take in
    the others' unqualified deals, and one outlet's "earth tremor" does not take its own
    bare "the earthquake" away from the others'.
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

    groups = _merge_named_together([group for _, group in kinds], articles)
    groups.sort(key=lambda g: len(articles(g)), reverse=True)
    main = groups[0] if groups and len(articles(groups[0])) >= 2 else None
    unnamed: list[int] = []
    for i in bare:
        article = article_of[members[i].sentence]
        own = [g for g in groups if article in articles(g) and len(articles(g)) >= 2]
        (own[0] if own else main if main is not None else unnamed).append(i)
    return [[members[i] for i in sorted(group)] for group in [*groups, unnamed] if group]


def _merge_named_together(
    groups: list[list[int]], articles: Callable[[list[int]], set[str]]
) -> list[list[int]]:
    """Kinds that one article names both of are one happening in that outlet's words
    ("an emergency patch" ... "the IE software patch"): they are joined."""
    merged: list[tuple[set[str], list[int]]] = []
    for group in groups:
        seen = articles(group)
        for other in [m for m in merged if m[0] & seen]:
            merged.remove(other)
            seen |= other[0]
            group = [*other[1], *group]
        merged.append((seen, group))
    return [group for _, group in merged]
