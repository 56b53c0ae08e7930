"""Who is in an article: named actors, their aliases and roles, and what refers to them.

A news article names a person in full once ("Brigadier General Mohammad Reza Ashtiani")
and then by surname, by office ("Iran's Defence Minister") or by description ("the
Iranian defense chief") and pronoun. Quotes need every one of those resolved to the
person, so this module clusters names by surname, reads roles and nationality from the
words around a name, and resolves descriptions and pronouns in reading order by
nationality, office and recency. Everything is a walk over the finished parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..records import ActorMention
from .doctext import doc_text
from .gender import fits, gender_of
from .lexicon import (
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    country_key,
    fold,
    is_title,
    name_key,
    place_key,
)
from .mentions import (
    AGENCIES,
    ORG_WORDS,
    PERSON_VERBS,
    SUBJ,
    clean_name,
    is_description,
    is_reporting,
    is_speaking_noun,
    looks_like_person,
    looks_like_place,
    person_words,
    trim,
    without_preps,
)
from .roles import OFFICES, RoleInfo, parse_role, prune_roles

_DEMONYM = "ians|ian|ns|n|is|i|ese"
_OBJECT_PRONOUNS = frozenset({"him", "his", "himself", "her", "hers", "herself"})
_VOICE_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})


@dataclass(slots=True)
class _Cluster:
    id: str
    type: str
    names: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    infos: list[RoleInfo] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    nationality: str | None = None
    given: str = ""  # name_key of the first given name, "" when only a surname is known
    surname: str = ""
    first: int = 0  # token index of the first mention
    gender: str | None = None  # "f" | "m" when a title, role noun or given name says so
    forenames: set[str] = field(default_factory=set)  # name_keys of the words before the surname

    def learn_gender(self, words: list[str], *, names: bool = True) -> None:
        self.gender = self.gender or gender_of(words, names=names)

    def add_info(self, info: RoleInfo) -> None:
        self.infos.append(info)
        self.nationality = self.nationality or info.nationality
        if info.office and info.office not in self.roles:
            self.roles.append(info.office)


class ActorIndex:
    """The actors of one Doc and a map from mention tokens to actor ids."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self._quoted = quoted
        self._clusters: list[_Cluster] = []
        self.by_token: dict[int, str] = {}
        self._root: Token | None = None  # root of the sentence being read
        self._voice_of: str | None = None  # the institution an unnamed spokesman speaks for
        self._demonyms = {country_key(e.text): e.text for e in doc.ents if e.label_ == "NORP"}
        self._collect_names()
        self._resolve_references()

    # -- public ----------------------------------------------------------------
    def actor_of(self, tok: Token) -> str | None:
        """The actor a subject token refers to; a named subject unknown so far becomes one."""
        for child in tok.lefts:  # "Secretary of X Council says": the secretary speaks
            if (
                child.dep_ in ("nmod", "compound")
                and child.i in self.by_token
                and child.lemma_.lower() in PERSON_ROLE_NOUNS
                and not child.ent_type_
            ):
                return self.by_token[child.i]
        if tok.i in self.by_token:
            return self.by_token[tok.i]
        for child in tok.children:  # "His spokeswoman, Jade Ferrier, said"
            if child.dep_ == "appos" and child.i in self.by_token:
                return self.by_token[child.i]
        if tok.pos_ not in ("PROPN", "NOUN"):
            return None
        mods = [t for t in tok.lefts if t.dep_ in ("compound", "amod", "poss", "nmod")]
        start = min([t.left_edge.i for t in mods] + [tok.i])
        span = self.doc[start : tok.i + 1]
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in ORG_WORDS:
            if not mods:  # "the ministry said": the organisation named before
                known = [
                    c
                    for c in self._clusters
                    if c.type == "ORG" and tok.lemma_.lower() in fold(c.names[0]).split()
                ]
                if known:
                    return max(known, key=lambda c: c.first).id
            return self._new("ORG", span, tok.i).id
        if not any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP") for t in span):
            return None
        return self._new("PERSON" if tok.ent_type_ == "PERSON" else "ORG", span, tok.i).id

    def person_named(self, tok: Token) -> str | None:
        """The one person whose surname this word is, for a name NER did not tag."""
        if tok.i in self.by_token:
            return self.by_token[tok.i]
        if not tok.text[:1].isupper():
            return None
        key = name_key(tok.text)
        found = [c.id for c in self._clusters if c.type == "PERSON" and c.surname == key]
        return found[0] if len(found) == 1 else None

    def is_person(self, actor_id: str) -> bool:
        return self._get(actor_id).type == "PERSON"

    def name_of(self, actor_id: str) -> str:
        return next(c.names[0] for c in self._clusters if c.id == actor_id)

    def mentions(self) -> list[ActorMention]:
        out = []
        for cl in sorted(self._clusters, key=lambda c: c.first):
            name = cl.names[0]
            aliases = [a for a in dict.fromkeys(cl.names + cl.aliases) if a != name]
            out.append(
                ActorMention(
                    id=cl.id,
                    name=name,
                    type=cl.type,
                    aliases=aliases,
                    roles=prune_roles(cl.roles),
                    spans=sorted(set(cl.spans)),
                )
            )
        return out

    # -- names -----------------------------------------------------------------
    def _new(self, type_: str, span: Span, first: int) -> _Cluster:
        cl = _Cluster(id=f"a{len(self._clusters) + 1}", type=type_, first=first)
        cl.names.append(clean_name(span))
        self._clusters.append(cl)
        self._map(cl, span)
        return cl

    def _map(self, cl: _Cluster, span: Span) -> None:
        cl.spans.append((span.start_char, span.end_char))
        cl.first = min(cl.first, span.start)
        for t in span:
            self.by_token[t.i] = cl.id

    def _in_quote(self, tok: Token) -> bool:
        return any(s <= tok.idx < e for s, e in self._quoted)

    def _collect_names(self) -> None:
        persons: list[Span] = []
        others: dict[tuple[str, str], list[Span]] = {}
        surnames = {name_key(e[-1].text) for e in self.doc.ents if e.label_ == "PERSON"}
        places = {e.text for e in self.doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
        place_words = {t.text for e in self.doc.ents if e.label_ == "GPE" for t in e}
        for ent in self.doc.ents:
            span = trim(ent)
            if span is None:
                continue
            label = ent.label_
            if (
                label in ("ORG", "GPE", "NORP")
                and looks_like_person(span, label, surnames)
                and not (len(span) == 1 and self._has_demonym(span.text))
            ):
                label = "PERSON"
            elif label == "PERSON" and (
                looks_like_place(span)
                or span.text in places
                or (len(span) == 1 and self._has_demonym(span.text))
            ):
                continue  # "Quessa" beside "Quessan": a country NER took for a person
            if label == "PERSON":
                head = span.root.head
                if span.root.dep_ == "compound" and head.pos_ == "PROPN" and head.i == span.end:
                    span = self.doc[span.start : head.i + 1]  # NER kept "Alena" of "Alena Dane"
                while len(span) > 2 and span[0].text in place_words:
                    span = span[1:]  # "of Orlemia Vasil Prodanov": NER ran the country in
                persons.append(span)
            elif label in ("ORG", "GPE") or (label == "NORP" and span.root.tag_ in ("NNPS", "NNS")):
                span = self._of_place(span) if label == "ORG" else span
                key = place_key(span.text) if label == "GPE" else fold(clean_name(span))
                others.setdefault((label, key), []).append(span)
        for tok in self.doc:  # "Shamkhani highlighted": a name NER did not see
            if (
                tok.pos_ == "PROPN"
                and not tok.ent_type_
                and tok.text[:1].isupper()
                and not tok.text.isupper()
                and fold(tok.text) not in AGENCIES
                and not self._has_demonym(tok.text)
                and (
                    (tok.dep_ in SUBJ and tok.head.lemma_ in PERSON_VERBS)
                    or (tok.dep_ == "appos" and tok.head.lemma_.lower() in PERSON_ROLE_NOUNS)
                    or (name_key(tok.text) in surnames and tok.dep_ != "compound")
                )
            ):
                start = tok.i
                while (
                    start > 0
                    and self.doc[start - 1].dep_ == "compound"
                    and self.doc[start - 1].pos_ == "PROPN"
                    and self.doc[start - 1].head == tok
                    and not is_title(self.doc[start - 1].text)
                ):
                    start -= 1
                if tok.i - start >= 2 and start > 0 and self.doc[start - 1].lower_ == "of":
                    start += 1  # "Minister of Agriculture of Orlemia Vasil Prodanov"
                persons.append(self.doc[start : tok.i + 1])
        self._cluster_persons(persons)
        for (label, _key), spans in others.items():
            surfaces = [clean_name(s) for s in spans]
            best = max(spans, key=lambda s: (surfaces.count(clean_name(s)), len(s.text)))
            cl = self._new(label, best, min(s.start for s in spans))
            for s in spans:
                if s is not best:
                    self._map(cl, s)
                    cl.aliases.append(clean_name(s))

    def _has_demonym(self, word: str) -> bool:
        """ "Quessa" beside "Quessan" (either one): a country and its people, not a person."""
        if not word[:1].isupper() or not word.isalpha():
            return False
        text = doc_text(self.doc)
        if re.search(rf"\b{re.escape(word)}(?:{_DEMONYM})\b", text):
            return True
        stems = [word[: -len(x)] for x in _DEMONYM.split("|") if word.endswith(x)]
        return any(len(st) >= 4 and re.search(rf"\b{st}\b", text) for st in stems)

    def _of_place(self, span: Span) -> Span:
        """ "Ministry of Foreign Affairs of the People's Republic of Varda" is one name.

        NER stops an organisation at the country it belongs to; the country is part of
        what tells two foreign ministries apart.
        """
        doc, i = self.doc, span.end
        if i + 1 < len(doc) and doc[i].lower_ == "of":
            starts = (i + 1, i + 2 if doc[i + 1].lower_ == "the" else i + 1)
            place = next((e for e in doc.ents if e.start in starts and e.label_ == "GPE"), None)
            if place is not None and "\n" not in doc[span.start : place.end].text:
                return doc[span.start : place.end]
        return span

    def _cluster_persons(self, spans: list[Span]) -> None:
        parsed = [(s, person_words(s)) for s in spans]
        parsed = [(s, w) for s, w in parsed if w]
        # full names first, so a bare surname finds the person it abbreviates
        for span, words in sorted(parsed, key=lambda p: (-len(p[1]), p[0].start)):
            surname, given = name_key(words[-1]), name_key(words[0]) if len(words) > 1 else ""
            matches = [
                c
                for c in self._clusters
                if c.type == "PERSON"
                and c.surname == surname
                and (not given or not c.given or c.given == given)
            ]
            if not matches and not given:  # tabloid style: "Len" for Len Gorski
                matches = [
                    c for c in self._clusters if c.type == "PERSON" and surname in c.forenames
                ]
                matches = matches if len(matches) == 1 else []
            if matches:
                cl = min(matches, key=lambda c: abs(c.first - span.start))
                self._map(cl, span)
            else:
                cl = self._new("PERSON", span, span.start)
                cl.names[0] = " ".join(words)
                cl.surname, cl.given = surname, given
                cl.forenames = {name_key(w) for w in words[:-1]}
            if span.start > 0:  # "Mrs Pennick": the honorific NER left out
                cl.learn_gender([self.doc[span.start - 1].text], names=False)
            cl.learn_gender([t.text for t in span])
            surface = clean_name(span)
            if surface != cl.names[0]:
                cl.aliases.append(surface)
            self._read_roles(cl, span)

    def _read_roles(self, cl: _Cluster, span: Span) -> None:
        """Titles before the name ("Syrian Foreign Minister X") and appositions."""
        doc, start = self.doc, span.start
        while (
            start > span.sent.start
            and (
                doc[start - 1].dep_ in ("compound", "amod", "poss", "case", "nmod")
                or doc[start - 1].ent_type_ == "NORP"
            )
            and not doc[start - 1].is_punct
        ):
            start -= 1
        phrases = [list(doc[start : span.start])] if start < span.start else []
        root = span.root
        if root.dep_ == "appos" and root.head.lemma_.lower() in PERSON_ROLE_NOUNS:
            phrases.append(
                [
                    t
                    for t in root.head.subtree
                    if t.i < span.start and not t.is_punct and root not in t.ancestors
                ]
            )
        for child in root.children:
            if child.dep_ == "appos" and child.lemma_.lower() in PERSON_ROLE_NOUNS:
                phrases.append(without_preps(child))
        for words in phrases:
            cl.learn_gender([t.text for t in reversed(words)], names=False)
            info = parse_role(words, self._demonyms)
            cl.add_info(info)
            if info.ranks:
                cl.aliases.append(" ".join([*info.ranks, clean_name(span)]))

    # -- descriptions and pronouns ----------------------------------------------
    def _resolve_references(self) -> None:
        """Map descriptions and pronouns to actors, reading the article in order.

        The last person who was the subject of a clause is what "he"/"she" refers to; a
        name before the verb stands in when the parser found no subject ("12:45 - Prime
        Minister X arrived"). "it"/"they" refer to the last organisation.
        """
        persons = [c for c in self._clusters if c.type == "PERSON"]
        last_seen: dict[str, int] = {}
        last_subject: str | None = None
        last_org: str | None = None
        subject_sent = -10
        for sent_no, sent in enumerate(self.doc.sents):
            self._root, sent_has_subject = sent.root, False
            for tok in sent:
                if self._in_quote(tok):
                    continue
                actor = self.by_token.get(tok.i)
                if actor is None:
                    # a subject two sentences back has been displaced by whoever came since
                    recent = last_subject if subject_sent >= sent_no - 1 else None
                    actor = self._reference(tok, persons, last_seen, recent, last_org)
                if actor is None:
                    continue
                cl = self._get(actor)
                subject = tok.dep_ in SUBJ
                if cl.type == "PERSON":
                    last_seen[actor] = tok.i
                    before_verb = tok.i < sent.root.i and tok.dep_ != "compound"
                    if subject or (before_verb and not sent_has_subject):
                        last_subject, subject_sent = actor, sent_no
                        sent_has_subject = sent_has_subject or subject
                elif cl.type == "ORG" and (subject or last_org is None):
                    last_org = actor
                    if subject and actor == self._voice_of:  # "the spokesman said"
                        last_subject, subject_sent = actor, sent_no
            subj = next((c for c in sent.root.children if c.dep_ in SUBJ), None)
            if (
                subj is not None
                and not sent_has_subject
                and not self._in_quote(subj)
                and not any(t.i in self.by_token for t in subj.subtree)
            ):
                subject_sent = -10  # "I spoke to Dev Kumar": someone else holds the floor

    def _reference(
        self,
        tok: Token,
        persons: list[_Cluster],
        last_seen: dict[str, int],
        last_subject: str | None,
        last_org: str | None,
    ) -> str | None:
        low = tok.lower_
        actor: str | None = None
        appos = [c for c in tok.children if c.dep_ == "appos" and c.i in self.by_token]
        if tok.lemma_.lower() in _VOICE_NOUNS and not appos:
            voice = self._voice(tok)
            if voice is not None:
                self._map(self._get(voice), self.doc[tok.i : tok.i + 1])
                return voice
        if appos and tok.pos_ == "NOUN":  # "His spokeswoman, Jade Ferrier, said"
            actor = self.by_token[appos[0].i]
        elif low in PERSON_PRONOUNS and tok.dep_ in SUBJ:
            # the last subject, unless its gender rules it out; then whoever was seen last
            fitting = [a for a in last_seen if fits(low, self._get(a).gender)]
            if last_subject is not None and (
                last_subject in fitting or last_subject == self._voice_of
            ):
                actor = last_subject
            else:
                actor = max(fitting, key=last_seen.__getitem__, default=None)
        elif low in _OBJECT_PRONOUNS and tok.dep_ not in SUBJ:
            # "told her", "his wife": the same person, but it does not take the floor
            fitting = [a for a in last_seen if fits(low, self._get(a).gender)]
            found: str | None
            if last_subject is not None and last_subject in fitting:
                found = last_subject
            else:
                found = max(fitting, key=last_seen.__getitem__, default=None)
            if found is not None:
                self._map(self._get(found), self.doc[tok.i : tok.i + 1])
            return None
        elif low in ("it", "they") and tok.dep_ in SUBJ and is_reporting(tok.head):
            actor = last_org
        elif is_description(tok) or is_speaking_noun(tok):
            span, info = self._description(tok)
            root = self._root or tok.sent.root
            subject = (
                tok.dep_ in SUBJ
                or (tok.dep_ == "nmod" and tok.head.dep_ in SUBJ)
                or is_reporting(tok.head)
                # the parser found no subject for the verb this phrase stands before
                or (tok.i < root.i and not any(c.dep_ in SUBJ for c in root.children))
            )
            cl = self._best_fit(info, persons, tok.i, last_seen, subject)
            if cl is not None:
                self._map(cl, span)
                cl.add_info(info)
                cl.learn_gender([t.text for t in reversed(span)], names=False)
                return cl.id
            return None
        if actor is not None:
            self._map(self._get(actor), self.doc[tok.i : tok.i + 1])
        return actor

    def _voice(self, tok: Token) -> str | None:
        """ "A spokesman for the Ministry ...", later "the spokesman": the ministry speaks.

        An unnamed spokesperson is the institution's voice, so quotes go to it.
        """
        after = self.doc[tok.i + 1 : min(len(self.doc), tok.right_edge.i + 4)]
        if any(t.i in self.by_token and self.is_person(self.by_token[t.i]) for t in after):
            return None  # "A spokesman for the Front, Karim Nasser, said": a named voice
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                org = self.by_token.get(obj.i)
                if org is not None and self._get(org).type == "ORG":
                    self._voice_of = org
                    return org
        if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return self._voice_of
        return None

    def _get(self, actor_id: str) -> _Cluster:
        return next(c for c in self._clusters if c.id == actor_id)

    def _description(self, head: Token) -> tuple[Span, RoleInfo]:
        left = list(head.lefts)
        start = min([t.left_edge.i for t in left] + [head.i])
        end = head.i + 1
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                end = child.right_edge.i + 1
        line = doc_text(self.doc).rfind("\n", 0, head.idx)
        while start < head.i and self.doc[start].idx <= line:
            start += 1
        span = self.doc[start:end]
        return span, parse_role(list(span), self._demonyms)

    def _best_fit(
        self,
        info: RoleInfo,
        persons: list[_Cluster],
        at: int,
        last_seen: dict[str, int],
        subject: bool,
    ) -> _Cluster | None:
        """The person a description names: who fits it best, then who was seen last.

        A description that is not a subject ("the visit of the Syrian Prime Minister")
        often names someone the article never names, so it needs positive evidence.
        """
        best: tuple[int, int, _Cluster] | None = None
        for cl in persons:
            score = _fit(info, cl)
            if score is None or (score == 0 and not subject):
                continue
            seen = last_seen.get(cl.id)
            if seen is not None:
                distance = at - seen
            elif cl.first > at:
                distance = 10_000 + cl.first - at  # named later: a lead that names late
            else:
                distance = 5_000 + at - cl.first
            if best is None or (score, -distance) > (best[0], -best[1]):
                best = (score, distance, cl)
        return best[2] if best else None


def _fit(info: RoleInfo, cl: _Cluster) -> int | None:
    """How well a description fits a person; None when it contradicts what we know."""
    if info.nationality and cl.nationality and info.nationality != cl.nationality:
        return None
    score = 2 if info.nationality and info.nationality == cl.nationality else 0
    for known in cl.infos:
        if known.head in OFFICES and info.head in OFFICES and known.head != info.head:
            return None  # a president is not a prime minister
        if known.head == info.head and info.fields and known.fields:
            if not info.fields & known.fields:
                return None
            score += 1 + len(info.fields & known.fields)
    return score
