"""On the seed articles: who said what, the casualty figures, and where it happened."""

from __future__ import annotations

from storylens.nlp.lexicon import PERSON_PRONOUNS
from storylens.records import Article


def test_every_seed_quote_names_its_speaker_never_a_pronoun(
    seed_articles: dict[str, Article],
) -> None:
    for number, art in seed_articles.items():
        names = {a.name for a in art.actors}
        for quote in art.quotes:
            where = f"seed {number} quote {quote.text[:40]!r}"
            assert quote.speaker_name, f"{where}: no speaker"
            assert quote.speaker_name in names, where
            assert quote.speaker_name.lower() not in PERSON_PRONOUNS, where
            assert any(a.id == quote.speaker for a in art.actors), where


def test_a_quote_introduced_by_a_description_is_given_to_the_named_official(
    seed_articles: dict[str, Article],
) -> None:
    # seed 004 opens its first quote with a description; the name comes paragraphs later
    art = seed_articles["004"]
    first = next(q for q in art.quotes if q.kind == "direct" and q.cue_start is not None)
    cue = art.text[first.cue_start : first.cue_end]
    assert cue.split()[0].lower() == "the"
    assert first.speaker_name == "Shamkhani"


def test_pronoun_and_description_cues_resolve_to_the_two_ministers(
    seed_articles: dict[str, Article],
) -> None:
    for number in ("000", "001"):
        art = seed_articles[number]
        persons = {a.name for a in art.actors if a.type == "PERSON" and a.roles}
        pronoun_or_description = [
            q
            for q in art.quotes
            if q.cue_start is not None
            and art.text[q.cue_start : q.cue_end].split()[0].lower() in ("he", "the")
        ]
        assert pronoun_or_description, number
        assert {q.speaker_name for q in pronoun_or_description} <= persons


def test_the_casualty_figures_count_the_killed_and_the_injured(
    seed_articles: dict[str, Article],
) -> None:
    for number in ("000", "001", "002"):
        found = {(f.value, f.what) for f in seed_articles[number].figures}
        assert {(30_000, "killed"), (70_000, "injured")} <= found, number


def test_a_figure_in_a_link_to_another_story_is_left_out(
    seed_articles: dict[str, Article],
) -> None:
    assert all(f.value != 500_000 for f in seed_articles["002"].figures)


def test_the_minister_carries_his_office_and_names_from_the_article(
    seed_articles: dict[str, Article],
) -> None:
    (minister,) = [a for a in seed_articles["002"].actors if "Iranian Defense Minister" in a.roles]
    assert minister.type == "PERSON"
    assert minister.name.split()[-1] in minister.aliases
    assert len(minister.name.split()) == 3


def test_the_meeting_reports_are_placed_in_the_city_of_the_meeting(
    seed_articles: dict[str, Article],
) -> None:
    cities = {seed_articles[n].locations[0] for n in ("000", "001", "002", "003", "004")}
    assert len(cities) == 1
