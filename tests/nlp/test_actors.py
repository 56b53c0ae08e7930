"""One actor per person in an article, with every name, office and description of them."""

from __future__ import annotations

from storylens.records import ActorMention, Article

from .conftest import Analyse


def persons(article: Article) -> list[ActorMention]:
    return [a for a in article.actors if a.type == "PERSON"]


def test_full_name_titles_surname_office_and_description_are_one_actor(analyse: Analyse) -> None:
    art = analyse(
        "Germany's Defence Minister, General Tomas Brandt, met his French counterpart "
        "Ines Marchal in Vienna on Friday.\n\n"
        "General Brandt said the talks were useful. Brandt later left for Berlin.\n\n"
        "The German defense chief said the two armies would train together."
    )
    brandt, marchal = persons(art)
    assert brandt.name == "Tomas Brandt"
    assert {"Brandt", "General Brandt"} <= set(brandt.aliases)
    assert brandt.roles == ["German Defense Minister"]
    description = art.text.index("The German defense chief")
    assert any(start == description for start, _ in brandt.spans)
    assert marchal.name == "Ines Marchal"


def test_two_people_with_one_surname_stay_two_actors(analyse: Analyse) -> None:
    art = analyse(
        "Prime Minister Alena Dane visited the town. Rescue chief Miroslav Dane, who is "
        "no relation, briefed her on the search."
    )
    assert sorted(a.name for a in persons(art)) == ["Alena Dane", "Miroslav Dane"]


def test_actor_ids_are_article_local_and_spans_point_at_the_text(analyse: Analyse) -> None:
    art = analyse("Mayor Lena Ortiz met officials from Spain and the United States in Madrid.")
    assert [a.id for a in art.actors] == [f"a{i}" for i in range(1, len(art.actors) + 1)]
    for actor in art.actors:
        for start, end in actor.spans:
            assert art.text[start:end].strip()
    names = {a.name: a.type for a in art.actors}
    assert names["Lena Ortiz"] == "PERSON"
    assert names["Spain"] == "GPE"


def test_object_and_possessive_pronouns_refer_to_the_person(analyse: Analyse) -> None:
    art = analyse(
        "Mayor Lena Ortiz toured the flooded district on Monday. Residents thanked her, "
        "and her deputy promised more pumps."
    )
    (ortiz,) = persons(art)
    pronouns = [art.text[s:e] for s, e in ortiz.spans if art.text[s:e] == "her"]
    assert len(pronouns) == 2


def test_a_country_named_beside_its_demonym_is_not_a_person(analyse: Analyse) -> None:
    art = analyse(
        "Foreign Minister Halina Dravec said Orlemia firmly supports Quessa. "
        "Quessan students are welcome, she said."
    )
    assert [p.name for p in persons(art)] == ["Halina Dravec"]
