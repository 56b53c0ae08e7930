"""Happenings: one sentence can report several, and each is compared across outlets."""

from __future__ import annotations

import dataclasses
from typing import Any

from storylens.compare import compare_event
from storylens.compare.claims import Sentence
from storylens.compare.happenings import event_mentions
from storylens.nlp.model import load_model
from storylens.nlp.stage import nlp_stage
from storylens.nlp.triggers import happening_key, sentence_triggers
from storylens.pipeline import Context
from storylens.records import Article
from storylens.settings import Settings

MODEL = Settings().spacy_model


def _articles(claim: dict[str, Any]) -> set[str]:
    return {m["article"] for m in claim["mentions"]}


def test_a_sentence_reporting_deaths_and_injuries_agrees_with_each_report(article: Any) -> None:
    a = article("a", "The earthquake killed three people and injured forty in Dravik on Monday.",
                "Coast Herald")  # fmt: skip
    b = article("b", "Three villagers died when the walls of their homes fell.", "Daily Tide")
    c = article("c", "Forty people were hurt, the hospital in Dravik said.", "Valley News")
    event = compare_event({"id": "e1", "articles": ["a", "b", "c"], "actors": []}, [a, b, c],
                          Settings())  # fmt: skip
    together = [_articles(claim) for claim in event["claims"]]
    # a's one sentence is evidence for the deaths b reports and the injuries c reports ...
    assert any({"a", "b"} <= arts for arts in together)
    assert any({"a", "c"} <= arts for arts in together)
    # ... while b and c, which share no happening, share no claim
    assert not any({"b", "c"} <= arts for arts in together)
    (deaths,) = [cl for cl in event["claims"] if _articles(cl) == {"a", "b"}]
    assert deaths["status"] == "corroborated"
    assert deaths["unit"] == "clause"
    (in_a,) = [m for m in deaths["mentions"] if m["article"] == "a"]
    assert "killed three people" in a.text[in_a["start"] : in_a["end"]]


def test_news_words_for_one_happening_share_a_key() -> None:
    assert happening_key("died") == happening_key("deaths") == happening_key("killing")
    assert happening_key("quake") == happening_key("earthquake")
    assert happening_key("arrested") == happening_key("detained")
    assert happening_key("rescued") != happening_key("killed")
    assert happening_key("hanged") == happening_key("suicide") == happening_key("died")
    assert happening_key("lost") == happening_key("victory")
    assert happening_key("heist") == happening_key("robbery")
    assert happening_key("assassination") == happening_key("killed")
    assert happening_key("breakout") == happening_key("escaped")


def test_losing_a_job_is_one_happening_whichever_word_an_outlet_uses() -> None:
    nlp = load_model(MODEL)

    def key_of(text: str, word: str) -> str:
        doc = nlp(text)
        (found,) = [t.key for t in sentence_triggers(doc) if doc.text[t.start : t.end] == word]
        return found

    fired = key_of("The club fired its coach on Monday.", "fired")
    assert key_of("The club sacked its coach on Monday.", "sacked") == fired
    assert key_of("The club dismissed its coach on Monday.", "dismissed") == fired
    assert key_of("The coach's dismissal came on Monday.", "dismissal") == fired
    assert key_of("The coach was ousted on Monday.", "ousted") == fired
    assert key_of("A fire destroyed the stand on Monday.", "fire") != fired


def test_a_happening_reported_by_one_outlet_in_other_words_still_meets_the_others(
    article: Any,
) -> None:
    # b's "earth tremor" names no other kind of quake, and b's bare "the earthquake"
    # is still the one a and c report
    a = article("a", "A strong earthquake struck the island of Varn on Sunday.", "Coast Herald")
    b = article("b", "The earth tremor was felt across the gulf. The earthquake destroyed "
                "two villages on Varn.", "Daily Tide")  # fmt: skip
    c = article("c", "Rescuers searched the ruins after the earthquake on Varn.", "Pulse")
    event = compare_event({"id": "e1", "articles": ["a", "b", "c"], "actors": []}, [a, b, c],
                          Settings())  # fmt: skip
    assert any({"a", "b", "c"} <= _articles(claim) for claim in event["claims"])


def test_a_happening_claim_reads_as_a_statement(article: Any) -> None:
    # both outlets mention "the closure" and nothing more of it: the claim is a sentence
    a = article("a", "Officials in Varn announced a new school budget. Shops on the harbour "
                "lost trade during the closure.", "Coast Herald")  # fmt: skip
    b = article("b", "Engineers inspected cracks in the old Varn bridge. The closure will "
                "last until March, engineers said.", "Daily Tide")  # fmt: skip
    event = compare_event({"id": "e1", "articles": ["a", "b"], "actors": []}, [a, b],
                          Settings())  # fmt: skip
    (closure,) = [c for c in event["claims"] if _articles(c) == {"a", "b"}]
    assert closure["text"] == "Shops on the harbour lost trade during the closure."
    texts = {"a": a.text, "b": b.text}
    assert closure["text"] in {texts[m["article"]][m["start"] : m["end"]]
                               for m in closure["mentions"]}  # fmt: skip


def test_capitalised_headline_verbs_are_happenings(article: Any) -> None:
    head = article("h", "Dorwick Mayor Resigns After Bridge Collapse")
    body = article("b", "The mayor of Dorwick resigned on Tuesday after the bridge collapsed.")
    mentions = event_mentions([_whole(head), _whole(body)], MODEL)
    in_head = {m.key for m in mentions if m.sentence == 0}
    in_body = {m.key for m in mentions if m.sentence == 1}
    # the tagger reads "Resigns" in a title as a name; the body's verb vouches for it
    assert happening_key("resigned") in in_head & in_body
    assert happening_key("collapse") in in_head & in_body


def test_reporting_verbs_and_describing_words_are_not_happenings(article: Any) -> None:
    text = "He said the increasing threats would lead to war."
    keys = {m.key for m in event_mentions([_whole(article("a", text))], MODEL)}
    assert keys == {happening_key("war")}


def _whole(art: Article) -> Sentence:
    """A whole article as the one sentence to look in."""
    return Sentence(art, 0, len(art.text))


def test_a_different_kind_of_the_same_word_is_a_different_happening(article: Any) -> None:
    a = article("a", "The two governments signed a trade deal in Port Salen on Monday.",
                "Coast Herald")  # fmt: skip
    b = article("b", "Monday's trade deal cuts tariffs on fish and grain.", "Daily Tide")
    c = article("c", "Sources said the ministers also discussed a secret arms deal.", "Pulse")
    event = compare_event({"id": "e1", "articles": ["a", "b", "c"], "actors": []}, [a, b, c],
                          Settings())  # fmt: skip
    for claim in event["claims"]:
        if any(m["article"] == "c" and "arms deal" in c.text[m["start"] : m["end"]]
               for m in claim["mentions"]):  # fmt: skip
            assert _articles(claim) == {"c"}
            assert claim["status"] == "single-source"
    assert any(_articles(claim) == {"a", "b"} for claim in event["claims"])


def test_two_kinds_one_outlet_names_together_are_one_happening(article: Any) -> None:
    # a calls one patch both "emergency" and "software": b's and c's patches are the same
    a = article("a", "Vendor Korel issued an emergency patch for its browser. The software "
                "patch closes a flaw that hackers used.", "Coast Herald")  # fmt: skip
    b = article("b", "Every user should install the software patch today, Korel says.",
                "Daily Tide")  # fmt: skip
    c = article("c", "Banks in Varn installed the emergency patch overnight. Engineers "
                "patched the servers of the Varn ministry too.", "Pulse")  # fmt: skip
    event = compare_event({"id": "e1", "articles": ["a", "b", "c"], "actors": []}, [a, b, c],
                          Settings())  # fmt: skip
    assert any({"a", "b", "c"} <= _articles(claim) for claim in event["claims"])


def test_describing_words_name_no_kind(article: Any) -> None:
    # a size, a time of day or a reputation describes a happening, it does not split it
    text = ("A large-scale outage hit Varn. The Monday morning outage cut phones. "
            "Police linked a spate of high-profile robberies.")  # fmt: skip
    mentions = event_mentions([_whole(article("a", text))], MODEL)
    assert {m.key for m in mentions} >= {happening_key("outage"), happening_key("robbery")}
    assert all(
        not m.modifiers
        for m in mentions
        if m.key in {happening_key("outage"), happening_key("robbery")}
    )


def test_an_article_stored_without_trigger_words_gives_the_same_claims() -> None:
    texts = {
        "a": "Quake Kills Three In Dravik\nThe earthquake killed three people and injured "
        "forty in Dravik on Monday. Rescuers did not find the missing fisherman.",
        "b": "Three villagers died when the walls of their homes fell. A 6.1-magnitude "
        "quake hit the coast.",
        "c": "Forty people were hurt, the hospital in Dravik said. The fisherman was found "
        "on Tuesday.",
    }
    parsed = nlp_stage([Article(source=k, id=k, text=t) for k, t in texts.items()], Context())
    fresh = [a for a in parsed if isinstance(a, Article)]
    assert all(a.triggers for a in fresh)  # the nlp stage kept the words
    old = [dataclasses.replace(a, triggers=None) for a in fresh]  # as an older version stored
    event = {"id": "e1", "articles": list(texts), "actors": []}
    claims = compare_event(event, fresh, Settings())["claims"]
    # the deaths that a and b report are a happening claim of their own
    assert any(c["unit"] == "clause" and {"a", "b"} <= _articles(c) for c in claims)
    assert compare_event(event, old, Settings())["claims"] == claims
