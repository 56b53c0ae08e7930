"""Direct and indirect speech, each with its speaker resolved to an actor of the article.

A direct quote's speaker is found from the parse first (the quote is the clause of a
reporting verb, or a reporting verb hangs off the quote), then from the words between
the quote and the sentence edge (‘..., he added, "..."’), then from the quote before it
when a paragraph is nothing but a continued quote. Indirect speech is a reporting verb
with a clause under it ("said that ...", "stressed the need to ...", "according to X").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..records import Quote
from .actors import ActorIndex
from .doctext import doc_text
from .lexicon import PERSON_ROLE_NOUNS, SPEECH_VERBS, WEAK_SPEECH_VERBS
from .quotemarks import Pair

_CLIMB = ("advcl", "xcomp", "pcomp", "conj", "acl", "prep", "ccomp", "relcl")
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
# Verbs whose object is who was spoken to ("told the Standard"), never the speaker.
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "ask", "assure", "urge", "thank"})
_NEED_NOUNS = frozenset({"need", "importance", "necessity", "significance", "readiness"})
_MARKS = frozenset('"“”‘’«»„')
_STANCE_NOUNS = frozenset({"confidence", "hope", "concern", "belief", "regret", "doubt"})


def content_span(text: str, pair: Pair) -> tuple[int, int]:
    """The quoted words without the marks or surrounding spaces."""
    start, end = pair[0] + 1, pair[1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_speech_verb(tok: Token) -> bool:
    """A reporting verb, even where the tagger lemmatised it wrongly ("added" as AUX)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    low = tok.lower_
    forms = {tok.lemma_.lower(), low, low[:-1], low[:-2], low[:-3], low.removesuffix("ied") + "y"}
    return not forms.isdisjoint(SPEECH_VERBS)


def direct_quotes(doc: Doc, pairs: list[Pair], index: ActorIndex) -> list[Quote]:
    text = doc_text(doc)
    out: list[Quote] = []
    prev_close = -1
    for pair in pairs:
        start, end = content_span(text, pair)
        words = text[start:end].split()
        line_start = text.rfind("\n", 0, pair[0]) + 1
        line_end = text.find("\n", pair[1])
        line_end = len(text) if line_end == -1 else line_end
        whole_line = (
            not text[line_start : pair[0]].strip() and not text[pair[1] + 1 : line_end].strip()
        )
        if len(words) < 2 or (whole_line and text[end - 1 : end] not in ".!?"):
            prev_close = pair[1]
            continue  # a scare quote or a quoted sub-heading, not speech
        verb = _cue_from_parse(doc, start, end) or _cue_from_text(doc, pair, prev_close)
        quote = Quote(start=start, end=end, text=text[start:end], kind="direct")
        if verb is not None:
            _attribute(quote, verb, index)
        elif not whole_line:
            _attribute_to_actor(quote, doc, index)
        if quote.speaker is None and verb is None:
            _attribute_by_context(quote, doc, pair, index)
        if quote.speaker is None and out and out[-1].speaker and _continues(text, out[-1], pair):
            quote.speaker, quote.speaker_name = out[-1].speaker, out[-1].speaker_name
        out.append(quote)
        prev_close = pair[1]
    return out


def indirect_quotes(doc: Doc, quoted: list[tuple[int, int]], index: ActorIndex) -> list[Quote]:
    out: list[Quote] = []
    for tok in doc:
        clause: list[Token] | None = None
        if tok.lower_ == "according" and tok.dep_ == "prep":
            quote = _according(doc, tok, index)
            if quote is not None:
                out.append(quote)
            continue
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        if lemma in SPEECH_VERBS:
            ccomp = [c for c in tok.children if c.dep_ == "ccomp"]
            dobj = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_ in _NEED_NOUNS]
            if ccomp:
                clause = list(ccomp[0].subtree)
            elif dobj and lemma not in WEAK_SPEECH_VERBS:
                clause = list(dobj[0].subtree)
            else:
                clause = _clause_before(tok)
        elif lemma == "express":
            for obj in (c for c in tok.children if c.dep_ == "dobj" and c.lemma_ in _STANCE_NOUNS):
                inner = [c for c in obj.children if c.dep_ in ("acl", "ccomp", "prep")]
                if inner:
                    clause = list(inner[0].subtree)
        if not clause:
            continue
        while clause and (
            clause[0].dep_ == "mark" or clause[0].is_punct or clause[0].lower_ == "of"
        ):
            clause = clause[1:]
        while clause and clause[-1].is_punct and not _closes_a_quote(clause):
            clause = clause[:-1]
        if (
            len(clause) < 3
            or clause[0].tag_ in ("WP", "WRB", "WDT")
            or clause[0].lower_ == "whether"
        ):
            continue  # an indirect question ("asked why ..."), not a statement
        start, end = clause[0].idx, clause[-1].idx + len(clause[-1])
        if "\n" in doc_text(doc)[min(start, tok.idx) : max(end, tok.idx)]:
            continue  # a parse that ran across paragraphs
        inside = sum(min(end, e) - max(start, s) for s, e in quoted if s < end and e > start)
        if inside > 0.85 * (end - start) or any(s <= tok.idx < e for s, e in quoted):
            continue  # a clause all in quote marks, or the attribution of a direct quote
        quote = Quote(start=start, end=end, text=doc_text(doc)[start:end], kind="indirect")
        _attribute(quote, tok, index)
        out.append(quote)
    return out


def _closes_a_quote(clause: list[Token]) -> bool:
    """ "the family was “not surprised at all”": the closing mark belongs to the clause."""
    marks = [t for t in clause if t.is_quote or t.text in _MARKS]
    return bool(marks) and marks[-1] is clause[-1] and len(marks) % 2 == 0


def _clause_before(verb: Token) -> list[Token] | None:
    """ "The quake struck at dawn, the institute said": the verb hangs off the clause."""
    head = verb.head
    if verb.dep_ not in ("parataxis", "ccomp", "conj", "advcl") or head.i >= verb.i:
        return None
    if head.pos_ not in ("VERB", "AUX") or not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    ):
        return None
    own = {t.i for t in verb.subtree}
    words = [t for t in head.subtree if t.i not in own and t.i < verb.i]
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words = words[:-1]
    return words or None


def _according(doc: Doc, tok: Token, index: ActorIndex) -> Quote | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        to = doc[tok.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if to is None or source is None:
        return None
    # the parser may hang "to X" off the verb instead of "according"; neither is reported
    skip = {t.i for t in tok.subtree} | {t.i for t in to.subtree} | set(range(tok.i, to.i + 1))
    words = [t for t in tok.sent if t.i not in skip and not t.is_punct]
    before = [t for t in words if t.i < tok.i]
    if len(before) >= 3 and before[-1].lower_ != "that":  # "..., according to X, which ..."
        words = before
    if len(words) < 3:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    quote = Quote(start=start, end=end, text=doc_text(doc)[start:end], kind="indirect")
    quote.speaker = index.actor_of(source)
    if quote.speaker:
        quote.speaker_name = index.name_of(quote.speaker)
    quote.cue_start, quote.cue_end = tok.idx, source.right_edge.idx + len(source.right_edge)
    return quote


def _cue_from_parse(doc: Doc, start: int, end: int) -> Token | None:
    """A reporting verb outside the quote that the quote's clause hangs from, or vice versa."""
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None:
        return None
    text = doc_text(doc)
    for tok in inside:
        for head in tok.ancestors:
            if not start <= head.idx < end:
                lo, hi = sorted((head.idx, start))
                if is_speech_verb(head) and "\n" not in text[lo:hi]:
                    return head
                break
    for sent in {
        inside[0].sent.start: inside[0].sent,
        inside[-1].sent.start: inside[-1].sent,
    }.values():
        for tok in sent:
            if not start <= tok.idx < end and is_speech_verb(tok) and start <= tok.head.idx < end:
                lo, hi = sorted((tok.idx, start))
                if "\n" not in text[lo:hi]:
                    return tok
    return None


def _cue_from_text(doc: Doc, pair: Pair, prev_close: int) -> Token | None:
    """The reporting verb just after the quote (to the sentence end) or just before it."""
    text = doc_text(doc)
    after_end = _next_stop(text, pair[1] + 1)
    after = doc.char_span(pair[1] + 1, after_end, alignment_mode="contract")
    if after is not None:
        verbs = [t for t in after if is_speech_verb(t)]
        if verbs:
            return verbs[0]
        inner = text[pair[0] + 1 : pair[1]].rstrip()
        if inner[-1:] in (",", "?", "!"):  # ‘“...,” sobbed the mother’: any verb is the cue
            verbs = [t for t in list(after)[:4] if t.pos_ == "VERB" and t.tag_ in _FINITE]
            if verbs:
                return verbs[0]
    line_start = text.rfind("\n", 0, pair[0]) + 1
    before_start = max(prev_close + 1, line_start, _prev_stop(text, pair[0]))
    before = doc.char_span(before_start, pair[0], alignment_mode="contract")
    if before is not None:
        verbs = [t for t in before if is_speech_verb(t)]
        if verbs:
            return verbs[-1]
    return None


def _continues(text: str, prev: Quote, pair: Pair) -> bool:
    """A quote with no cue goes on from the last one: same paragraph, or the next one."""
    between = text[prev.end : pair[0]]
    if "\n" not in between:
        return True
    before = text[text.rfind("\n", 0, pair[0]) + 1 : pair[0]]
    paragraphs = [p for p in between.split("\n") if p.strip()]
    return not before.strip() and len(paragraphs) <= 1


def _attribute_to_actor(quote: Quote, doc: Doc, index: ActorIndex) -> None:
    """A phrase quoted inside a sentence about what someone did ("condemned the “...”")."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return
    root = span[0].sent.root
    subject = _subject(root)
    if subject is None or any(subject.i == t.i for t in span):
        return
    speaker = index.actor_of(subject)
    if speaker is not None:
        quote.speaker, quote.speaker_name = speaker, index.name_of(speaker)
        quote.cue_start, quote.cue_end = subject.idx, subject.idx + len(subject)


def _attribute_by_context(quote: Quote, doc: Doc, pair: Pair, index: ActorIndex) -> None:
    """A quote with no reporting verb: a "Name: '...'" heading, or the sentence before.

    "Len was unrepentant about keeping his job. "The passengers are my mates."": when
    the quote opens its sentence, the person the previous sentence of the paragraph was
    about is the one speaking.
    """
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, pair[0]) + 1
    lead = text[line_start : pair[0]].rstrip()
    candidate: Token | None = None
    opening = doc.char_span(pair[0], pair[0] + 1, alignment_mode="expand")
    sent_start = opening[0].sent[0] if opening is not None else None
    if (
        sent_start is not None
        and sent_start.lower_ == "for"
        and lead.endswith(",")
        and line_start <= sent_start.idx
    ):  # "For Claire Ambrose, president of ..., « one does not ... »"
        candidate = next((c for c in sent_start.children if c.dep_ == "pobj"), None)
    elif lead.endswith(":"):
        before = doc.char_span(line_start, line_start + len(lead) - 1, alignment_mode="contract")
        if before is not None and len(before):
            candidate = before[-1]
    elif not lead or lead[-1] in ".!?":
        if opening is None or opening[0].sent.start == 0:
            return
        prev = doc[opening[0].sent.start - 1].sent
        if prev.start_char < line_start:
            return  # the sentence before is another paragraph's
        candidate = _subject(prev.root)
    if candidate is None:
        return
    speaker = index.person_named(candidate)
    if speaker is not None and index.is_person(speaker):
        quote.speaker, quote.speaker_name = speaker, index.name_of(speaker)


def _next_stop(text: str, i: int) -> int:
    for j in range(i, min(len(text), i + 200)):
        if text[j] in '\n“"«' or (text[j] in ".!?" and text[j - 1] != "."):
            return j
    return min(len(text), i + 200)


def _prev_stop(text: str, i: int) -> int:
    for j in range(i - 1, max(-1, i - 300), -1):
        if text[j] in "\n.!?":
            return j + 1
    return max(0, i - 300)


def _attribute(quote: Quote, verb: Token, index: ActorIndex) -> None:
    """Name the speaker; the cue is the subject and verb when they stand together."""
    subject = _subject(verb)
    for v in (verb, *verb.ancestors):  # "..., saying that": the clause the verb hangs on
        if subject is not None:
            break
        subject = _left_neighbour(v, index)
    quote.cue_start, quote.cue_end = verb.idx, verb.idx + len(verb)
    if subject is None:
        return
    quote.speaker = index.actor_of(subject)
    if quote.speaker:
        quote.speaker_name = index.name_of(quote.speaker)
    if abs(verb.i - subject.i) <= 4:
        words = [subject.left_edge, subject, verb]
        quote.cue_start = min(t.idx for t in words)
        quote.cue_end = max(t.idx + len(t) for t in words)


def _subject(verb: Token) -> Token | None:
    """The subject of a reporting verb, climbing out of "saying ..." and "quoted as ..."."""
    tok: Token | None = verb
    for _ in range(6):
        if tok is None:
            return None
        if tok.lemma_ == "quote" and tok is not verb:  # "quoted Vasko as saying"
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
            return tok.head  # "the National Lottery, which said ...": the antecedent
        if subj is not None:
            return subj
        inverted = tok is verb and not any(c.dep_ == "ccomp" for c in tok.children)
        if inverted and tok.lemma_ not in _ADDRESSEE_VERBS:  # "..., underlined the minister"
            after = [c for c in tok.rights if c.dep_ in ("dobj", "attr", "npadvmod")]
            if after and after[0].i - tok.i <= 4 and _names_someone(after[0]):
                return after[0]
        if tok.dep_ not in _CLIMB or tok.head is tok:
            return None
        if tok.dep_ == "conj":  # "stated that A and clarified that B": parsers hang it on A
            tok = next((a for a in tok.ancestors if is_speech_verb(a)), tok.head)
            continue
        tok = tok.head
    return None


def _names_someone(tok: Token) -> bool:
    return (
        tok.pos_ == "PROPN"
        or tok.ent_type_ in ("PERSON", "ORG")
        or tok.lemma_.lower() in PERSON_ROLE_NOUNS
    )


def _left_neighbour(verb: Token, index: ActorIndex) -> Token | None:
    """ "Norrvik Energy today announced": who stands before a verb left without subject.

    A person within the clause wins over an organisation ("the Iranian Minister of
    Defense and Armed Forces Logistics pointed to ..."); a comma-free run of four words
    is searched for a name otherwise.
    """
    window = list(verb.doc[max(verb.sent.start, verb.i - 12) : verb.i])
    people = [t for t in window if t.i in index.by_token and index.is_person(index.by_token[t.i])]
    if people:
        return people[-1]
    for tok in reversed(window[-4:]):
        if tok.is_punct:
            return None
        if tok.i in index.by_token or (tok.pos_ == "PROPN" and _names_someone(tok)):
            return tok
    return None


def dedupe(quotes: list[Quote]) -> list[Quote]:
    """Two reported clauses over the same words are one report; keep the attributed one."""
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.speaker is None, q.start)):
        same = [
            o
            for o in out
            if o.kind == q.kind == "indirect"
            and min(o.end, q.end) - max(o.start, q.start)
            > 0.5 * (max(o.end, q.end) - min(o.start, q.start))
        ]
        if not same:
            out.append(q)
    return sorted(out, key=lambda q: (q.start, q.end))


def quote_spans(doc: Doc, pairs: list[Pair]) -> list[tuple[int, int]]:
    return [content_span(doc_text(doc), p) for p in pairs]
