"""Actors merged across the articles of one event: one entry per real person or body."""

from __future__ import annotations

from pathlib import Path

from storylens.compare.actors import merge_actors
from storylens.nlp.stage import nlp_stage
from storylens.pipeline import Context
from storylens.records import ActorMention, Article


def person(id: str, name: str, *aliases: str, roles: tuple[str, ...] = ()) -> ActorMention:
    return ActorMention(id=id, name=name, type="PERSON", aliases=list(aliases), roles=list(roles))


def art(id: str, *actors: ActorMention) -> Article:
    return Article(source=f"{id}.txt", id=id, text="", actors=list(actors))


def test_spellings_titles_and_defence_defense_merge_into_one_actor() -> None:
    articles = [
        art("x1", person("a1", "Faisal Mekdad", "Mekdad", roles=("Syrian Foreign Minister",))),
        art("x2", person("a1", "Faisal Miqdad", "Dr. Faisal Miqdad")),
        art("x3", person("a4", "Miqdad")),
        art("x4", person("a2", "Tomas Brandt", roles=("German Defence Minister",))),
        art("x5", person("a1", "General Tomas Brandt", roles=("German Defense Minister",))),
    ]
    actors, mapping = merge_actors(articles)
    names = {a["name"]: a for a in actors}
    assert len(actors) == 2
    mekdad = next(a for a in actors if a["name"] in ("Faisal Mekdad", "Faisal Miqdad"))
    assert mekdad["articles"] == ["x1", "x2", "x3"]
    assert {"Mekdad", "Miqdad"} <= set(mekdad["aliases"])
    brandt = names["Tomas Brandt"]
    assert len(brandt["roles"]) == 1
    assert mapping[("x3", "a4")] == mekdad["id"]
    assert mapping[("x5", "a1")] == brandt["id"]


def test_two_people_with_one_surname_are_not_merged() -> None:
    articles = [
        art("x1", person("a1", "Ali Mahmoud Abbas", roles=("Syrian Defense Minister",))),
        art("x2", person("a1", "Mahmoud Abbas", roles=("Palestinian President",))),
    ]
    actors, _ = merge_actors(articles)
    assert sorted(a["name"] for a in actors) == ["Ali Mahmoud Abbas", "Mahmoud Abbas"]


def test_a_bare_surname_joins_the_one_person_whose_office_matches() -> None:
    articles = [
        art("x1", person("a1", "Alena Dane", roles=("Prime Minister",))),
        art("x2", person("a1", "Miroslav Dane", roles=("Rescue Chief",))),
        art("x3", person("a1", "Dane", roles=("Prime Minister",))),
    ]
    actors, mapping = merge_actors(articles)
    alena = next(a for a in actors if a["name"] == "Alena Dane")
    assert mapping[("x3", "a1")] == alena["id"]
    assert len(actors) == 2


def test_countries_merge_by_their_other_names_and_every_mention_is_mapped() -> None:
    gpe = [
        ActorMention(id="a1", name="United States", type="GPE", aliases=["US"]),
        ActorMention(id="a2", name="America", type="GPE"),
    ]
    articles = [art("x1", gpe[0]), art("x2", gpe[1], person("a3", "Lena Ortiz"))]
    actors, mapping = merge_actors(articles)
    assert [a["type"] for a in actors] == ["GPE", "PERSON"]
    assert actors[0]["articles"] == ["x1", "x2"]
    assert set(mapping) == {("x1", "a1"), ("x2", "a2"), ("x2", "a3")}
    assert [a["id"] for a in actors] == ["p1", "p2"]


def test_the_seed_ministers_are_one_actor_each_across_outlets(seeds_dir: Path) -> None:
    paths = sorted(seeds_dir.glob("*.txt"))
    articles = [
        Article(source=str(p), id=p.name[:3], text=p.read_text(encoding="utf-8")) for p in paths
    ]
    nlp_stage(articles, Context())
    actors, mapping = merge_actors(articles)
    ministers = [a for a in actors if "Iranian Defense Minister" in a["roles"]]
    assert len(ministers) == 1
    (minister,) = ministers
    assert minister["articles"] == ["000", "001", "002", "003"]
    assert len(minister["name"].split()) == 3
    assert all((art.id, a.id) in mapping for art in articles for a in art.actors)
