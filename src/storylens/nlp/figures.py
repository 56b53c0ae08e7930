"""Quantities an article reports, with what they count and the words they hang on.

"More than 30,000 Palestinians have been killed" and "the martyrdom of more than 30,000
people" are the same figure in two outlets' words; comparing outlets needs the value, the
qualifier ("more than") and what is counted ("killed") apart from the wording. Dates,
years, ages, times and ordinals are not figures, nor is a number in a line that links to
another story.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..records import Figure
from .doctext import doc_text

# fmt: off
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24,
}
# fmt: on
# fmt: off
_SCALE = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}
# fmt: on
# Qualifier phrases, longest first, and the one word the output uses for each.
# fmt: off
_QUALIFIERS = {
    "more than": "more than", "over": "over", "upwards of": "more than",
    "in excess of": "more than", "just over": "over", "at least": "at least",
    "no fewer than": "at least", "no less than": "at least", "nearly": "nearly",
    "almost": "nearly", "close to": "nearly", "just under": "nearly", "about": "about",
    "around": "about", "approximately": "about", "roughly": "about", "an estimated": "about",
    "estimated": "about", "some": "some", "up to": "up to", "as many as": "up to",
    "as much as": "up to", "between": "between", "less than": "less than",
    "fewer than": "less than", "under": "less than",
}
# fmt: on
# Categories that say what happened to the counted, as opposed to what they are.
_EVENTS = frozenset(
    {
        "killed",
        "injured",
        "arrested",
        "displaced",
        "evacuated",
        "missing",
        "rescued",
        "casualties",
        "damaged",
        "magnitude",
    }
)
_QUAL_ORDER = sorted(_QUALIFIERS, key=lambda q: -len(q.split()))
# What a figure counts, from the verb or noun it hangs on (the evaluation set's words).
# fmt: off
_WHAT = {
    "kill": "killed", "killed": "killed", "die": "killed", "dead": "killed", "death": "killed",
    "martyrdom": "killed", "martyr": "killed", "fatality": "killed", "toll": "killed",
    "casualty": "casualties", "injure": "injured", "injured": "injured", "injury": "injured",
    "wound": "injured", "wounded": "injured", "wounding": "injured", "hurt": "injured",
    "ill": "injured", "burns": "injured", "frostbite": "injured", "hospitalize": "injured", "hospitalise": "injured", "arrest": "arrested",
    "detain": "arrested", "capture": "arrested", "seize": "arrested", "displace": "displaced",
    "displacement": "displaced", "flee": "displaced", "evacuate": "evacuated",
    "evacuation": "evacuated", "missing": "missing", "rescue": "rescued", "free": "rescued",
    "save": "rescued", "pull": "rescued", "life": "killed", "lives": "killed", "magnitude": "magnitude",
    "aftershock": "magnitude", "quake": "magnitude", "earthquake": "magnitude",
    "tremor": "magnitude", "damage": "damaged", "destroy": "damaged", "vote": "votes",
    "abstention": "votes", "ballot": "votes", "troop": "troops", "soldier": "troops",
    "refugee": "refugees", "job": "workers", "employee": "workers", "worker": "workers",
    "staff": "workers", "nurse": "workers", "employ": "workers", "cost": "cost",
    "spend": "cost", "price": "cost", "fund": "funding", "funding": "funding",
    "financing": "funding", "pledge": "funding", "allocate": "funding", "aid": "funding",
    "grant": "funding", "invest": "funding", "investment": "funding", "secure": "funding",
    "loan": "funding", "budget": "funding", "cut": "funding",
}
# fmt: on
# What an amount of money is: spent or lost, granted or raised, or neither (trade, prices).
# fmt: off
_MONEY = {
    "cost": "cost", "spend": "cost", "lose": "cost", "lost": "cost", "loss": "cost",
    "bill": "cost", "fine": "cost", "waste": "cost", "worth": "cost", "damage": "cost",
    "investment": "cost", "overtime": "cost", "tag": "cost", "overrun": "cost",
    "fined": "cost", "levy": "cost", "tax": "cost", "fee": "cost", "tariff": "cost",
    "slash": "funding",
    "pledge": "funding", "fund": "funding", "funding": "funding", "allocate": "funding",
    "aid": "funding", "grant": "funding", "secure": "funding", "appeal": "funding",
    "partnership": "funding", "pay": "funding", "release": "funding", "receive": "funding",
    "assistance": "funding", "donate": "funding", "donation": "funding", "cut": "funding",
    "loan": "funding", "package": "funding", "financing": "funding",
    "trade": "other", "revenue": "other", "profit": "other", "sale": "other", "sell": "other",
    "value": "other", "credit": "other", "jackpot": "other", "win": "other", "buyback": "other",
    "buy": "other", "forecast": "other", "turnover": "other", "export": "other",
    "import": "other", "salary": "other", "prize": "other", "price": "other",
}
# fmt: on
# Who a count of people is by trade, where no event says what happened to them.
# fmt: off
_TRADES = {
    "personnel": "workers", "specialist": "workers", "dockworker": "workers",
    "firefighter": "workers", "teacher": "workers", "epidemiologist": "workers",
    "rescuer": "workers", "engineer": "workers",
    "gendarme": "troops", "marine": "troops", "body": "killed",
}
# fmt: on
_NOT_PEOPLE_EVENTS = frozenset(
    {"killed", "injured", "arrested", "displaced", "evacuated", "missing", "rescued", "casualties"}
)  # fmt: skip
# Nouns that count people; the output unit for all of them is "people".
# fmt: off
_PEOPLE = frozenset({
    "people", "person", "civilian", "resident", "soldier", "troop", "pirate", "diner", "nurse",
    "midwife", "worker", "employee", "staff", "member", "citizen", "child", "adult", "woman",
    "man", "men", "women", "children", "family", "refugee", "migrant", "patient", "student",
    "teacher", "officer", "police", "policeman", "protester", "demonstrator", "sailor", "crew",
    "passenger", "victim", "hostage", "prisoner", "detainee", "fighter", "militant",
    "volunteer", "voter", "follower", "fan", "customer", "guest", "tourist", "visitor",
    "inhabitant", "villager", "other", "miner", "doctor", "journalist", "rescuer", "survivor",
    "personnel", "specialist", "dockworker", "firefighter", "epidemiologist", "gendarme",
    "engineer",
})
# fmt: on
# fmt: off
_UNITS = {
    "km": "km", "kilometre": "km", "kilometer": "km", "mile": "miles", "tonne": "tonnes",
    "ton": "tonnes", "percent": "percent", "%": "percent",
}
# fmt: on
_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
_LINK_LINE = re.compile(
    r"^\s*(read|read more|also read|related|see also|watch|listen|more)\s*:|^\s*https?://",
    re.IGNORECASE,
)
_NUM = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?([a-zA-Z]{0,3})$")
_MONTH = re.compile(
    r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$", re.IGNORECASE
)
_AGE = re.compile(r"^(aged?|years?|-year-old|year-old)$")


def link_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines that point at other stories ("READ: ...")."""
    out, pos = [], 0
    for line in text.split("\n"):
        if _LINK_LINE.match(line):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def parse_number(tokens: list[Token]) -> float | None:
    """The value of a number written as digits, words, "0.5m" or "2.3 million"."""
    value: float | None = None
    for tok in tokens:
        low = tok.lower_
        m = _NUM.match(low)
        if m:
            base = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
            value = base * _SCALE[m.group(3)] if m.group(3) in _SCALE else base
            if m.group(3) and m.group(3) not in _SCALE:
                return None
        elif low in _WORDS:
            n = _WORDS[low]
            if value is None:
                value = n
            elif (value >= 20 and value % 10 == 0 and value < 100 and n < 10) or value >= 100:
                value += n  # "twenty six", "two hundred and five"
            else:
                return None  # "six seven" is two numbers, not one
        elif low in _SCALE and value is not None:
            value *= _SCALE[low]
        elif low in ("-", "and"):
            continue
        else:
            return None
    return value


def find_figures(doc: Doc) -> list[Figure]:
    links = link_lines(doc_text(doc))
    out: list[Figure] = []
    used: set[int] = set()
    for tok in doc:
        a_dozen = tok.lower_ == "dozen" and tok.i > 0 and doc[tok.i - 1].lower_ == "a"
        if tok.i in used or not (
            tok.like_num or tok.pos_ == "NUM" or _NUM.match(tok.lower_) or a_dozen
        ):
            continue
        if tok.ent_type_ in _SKIP_ENTS or any(s <= tok.idx < e for s, e in links):
            continue
        number = [tok]
        nxt = tok.i + 1
        while nxt < len(doc):
            t = doc[nxt]
            # "twenty-six" is three tokens: a hyphen between two number words joins them
            hyphen_join = (
                t.text == "-"
                and nxt + 1 < len(doc)
                and number[-1].lower_ in _WORDS
                and doc[nxt + 1].lower_ in _WORDS
            )
            if not (
                hyphen_join
                or t.lower_ in _SCALE
                or (t.pos_ == "NUM" and t.ent_type_ not in _SKIP_ENTS)
                or (number[-1].text == "-" and t.lower_ in _WORDS)
            ):
                break
            number.append(t)
            nxt += 1
        used.update(t.i for t in number)
        figure = _figure(doc, number)
        if figure is not None:
            out.append(figure)
    return out


def _figure(doc: Doc, number: list[Token]) -> Figure | None:
    value = parse_number(number)
    first, last = number[0], number[-1]
    if value is None or _is_not_a_count(doc, first, last, value):
        return None
    qualifier, qual_start = _qualifier(doc, first.i)
    unit_tok = _unit(last)
    unit = _unit_name(doc, first, last, unit_tok)
    what_tok, what = _what(doc, first, last, unit_tok)
    if first.i > 0 and doc[first.i - 1].lower_ == "minus":
        value = -value
    if unit == "percent":
        what = "percent"
    elif unit in ("USD", "EUR", "GBP"):
        what = _money(doc, first, last)
    elif what in ("cost", "funding"):
        what = "other"  # "600 trucks of aid": only money is funding
    elif what in _NOT_PEOPLE_EVENTS and unit is not None and unit != "people":
        what = "other"  # "seizing 1.2 tonnes", "the 240 km frontier has displaced"
    elif first.i > 0 and doc[first.i - 1].lower_ == "magnitude":
        what = "magnitude"  # "a magnitude 6.1 event could do so much damage"
    elif what == "magnitude" and value >= 10:
        what = "other"  # "more than 230 aftershocks": a count, not a magnitude
    elif what is None:
        what = _TRADES.get(unit_tok.lemma_.lower(), "other") if unit_tok is not None else "other"
        if (
            what == "workers"
            and unit_tok is not None
            and any(c.lower_ in ("naval", "military", "army") for c in unit_tok.children)
        ):
            what = "troops"
    spelled = first.lower_ in _WORDS and first.lower_ != "dozen"  # "a dozen" is a count
    counted_object = first.head.dep_ in ("dobj", "nsubjpass") and first.head.pos_ == "NOUN"
    if spelled and (
        (what == "other" and unit != "people" and not counted_object) or _is_definite(doc, first)
    ):
        return None  # "the two countries": a spelled-out small number counts nothing here
    idx = [first.i, last.i, qual_start] + [t.i for t in (unit_tok, what_tok) if t is not None]
    sent = first.sent
    lo = max(min(idx), sent.start)
    hi = min(max(idx), sent.end - 1)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    return Figure(
        start=start,
        end=end,
        text=doc_text(doc)[start:end],
        value=value,
        what=what,
        unit=unit,
        qualifier=qualifier,
    )


def _unit_name(doc: Doc, first: Token, last: Token, unit: Token | None) -> str | None:
    symbol = _symbol(doc, first, last)
    if symbol is not None:
        return symbol
    if unit is None:
        return None
    lemma = unit.lemma_.lower()
    if lemma in _PEOPLE or unit.lower_ in _PEOPLE or unit.ent_type_ == "NORP":
        return "people"
    return _UNITS.get(lemma) or _UNITS.get(unit.lower_)


def _is_definite(doc: Doc, first: Token) -> bool:
    return first.i > 0 and doc[first.i - 1].lower_ in ("the", "both", "all", "these", "those")


def _is_not_a_count(doc: Doc, first: Token, last: Token, value: float) -> bool:
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    line_start = doc_text(doc).rfind("\n", 0, first.idx) + 1
    if (
        nxt is not None
        and nxt.text in (".", ")")
        and not doc_text(doc)[line_start : first.idx].strip()
    ):
        return True  # "1. Massive Spending Cuts": a list marker
    if prev is not None and (
        prev.lower_ in ("aged", "age", "no", "no.", "number", "#")
        or (prev.pos_ == "PROPN" and prev.text[:1].isupper() and last.head is prev)
    ):
        return True  # an age, a list number, a name ("Resolution 2254", "Apollo 11")
    if nxt is not None and (
        _AGE.match(nxt.lower_)
        or nxt.text in (":", "/")
        or nxt.lower_ in ("am", "pm", "a.m.", "p.m.", "st", "nd", "rd", "th", "%-point")
    ):
        return True
    if any(t is not None and t.text[:1].isupper() and _MONTH.match(t.text) for t in (prev, nxt)):
        return True  # "1 September", "March 4"
    if re.fullmatch(r"(1[89]|20)\d\d", first.text) and value == int(value):
        return True  # a year NER did not tag
    if first.i > 0 and prev is not None and prev.text == "," and last.head.ent_type_ == "PERSON":
        return True  # "John Smith, 45,"
    return bool(first.ent_type_ in ("MONEY",) and value == 0)


def _qualifier(doc: Doc, i: int) -> tuple[str | None, int]:
    for q in _QUAL_ORDER:
        words = q.split()
        k = i - len(words)
        if k >= 0 and [t.lower_ for t in doc[k:i]] == words:
            return _QUALIFIERS[q], k
    return None, i


def _unit(last: Token) -> Token | None:
    """The noun a number counts: "30,000 Palestinians", "a magnitude 6.1 quake"."""
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod") and head.pos_ in ("NOUN", "PROPN"):
        return head
    if last.dep_ == "pobj" and head.lower_ in ("over", "about", "around", "than"):
        return _unit(head) if head.head.pos_ in ("NOUN", "PROPN") else None
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.ent_type_ not in _SKIP_ENTS:
        return nxt
    for child in last.children:  # "magnitude 6.1": the number heads the noun
        if child.lemma_.lower() == "magnitude":
            return child
    return None


def _what(
    doc: Doc, first: Token, last: Token, unit: Token | None
) -> tuple[Token | None, str | None]:
    """The verb or noun the counted thing attaches to, mapped to a short category."""
    candidates: list[Token] = []
    anchor = unit if unit is not None else last
    if unit is not None:
        candidates.append(unit)
    for child in anchor.children:
        if child.dep_ in ("acl", "relcl", "amod"):
            candidates.append(child)
    head = anchor.head
    if anchor.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "conj", "appos"):
        candidates.append(head)
    if anchor.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        candidates.append(head.head)
    if last.dep_ == "pobj" and last.head.head.pos_ in ("VERB", "ADJ"):  # "over 70,000 injured"
        candidates.append(last.head.head)
    sent = last.sent
    candidates += list(doc[last.i + 1 : min(sent.end, last.i + 6)])  # "26 pirates ... arrested"
    candidates += list(doc[max(sent.start, first.i - 3) : first.i])[::-1]  # "death toll to 27"
    found: list[tuple[int, Token, str]] = []
    for rank, cand in enumerate(candidates):
        key = cand.lemma_.lower()
        what = _WHAT.get(cand.lower_) or _WHAT.get(key)
        if what is None or cand.like_num:
            continue
        if key in ("life", "live") and not _lost(cand):
            continue
        # what happened to them ("killed") outranks what they are ("troops")
        found.append((rank if what in _EVENTS else rank + 100, cand, what))
    if found:
        _, cand, what = min(found, key=lambda f: f[0])
        return cand, what
    return None, None


def _money(doc: Doc, first: Token, last: Token) -> str:
    """Cost, funding or other: the nearest word of the sentence that says which."""
    sent = first.sent
    lo, hi = max(sent.start, first.i - 12), min(sent.end, last.i + 12)
    near = sorted(
        (t for t in doc[lo:hi] if t.i < first.i or t.i > last.i),
        key=lambda t: min(abs(t.i - first.i), abs(t.i - last.i)),
    )
    for tok in near:
        what = _MONEY.get(tok.lower_) or _MONEY.get(tok.lemma_.lower())
        if what is not None:
            return what
    return "other"


def _lost(lives: Token) -> bool:
    """ "lives lost", "claimed the lives of", "cost 0.5m lives": lives as a death toll."""
    near = [lives.head, *lives.children, *lives.doc[max(0, lives.i - 4) : lives.i]]
    return any(t.lemma_ in ("lose", "cost", "claim") for t in near)


def _symbol(doc: Doc, first: Token, last: Token) -> str | None:
    prev = doc[first.i - 1].text if first.i > 0 else ""
    nxt = doc[last.i + 1].lower_ if last.i + 1 < len(doc) else ""
    if prev in ("$", "US$") or nxt in ("dollars", "dollar", "usd"):
        return "USD"
    if prev == "€" or nxt in ("euro", "euros", "eur"):
        return "EUR"
    if prev == "£" or nxt in ("pounds", "gbp"):
        return "GBP"
    after = doc[last.i + 2].lower_ if last.i + 2 < len(doc) else ""
    if nxt in ("%", "percent") or (nxt == "per" and after == "cent"):
        return "percent"
    return None
