"""One list of who took part in an event, merged from every article's own actors.

Outlets spell one person differently ("Mekdad"/"Miqdad"), with or without titles, in
full or by surname, and write "Defence" or "Defense" in the same office. Names are
compared on loose transliteration keys of the surname and first given name; a bare
surname joins a full name only when exactly one person of the event fits it (roles and
nationality break ties), so two people who share a surname stay apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..nlp.lexicon import country_key, fold, is_title, name_key, place_key
from ..nlp.roles import prune_roles
from ..records import ActorMention, Article


@dataclass(slots=True)
class _Group:
    type: str
    members: list[tuple[str, ActorMention]] = field(default_factory=list)
    surname: str = ""
    given: str = ""
    keys: set[str] = field(default_factory=set)

    @property
    def roles(self) -> list[str]:
        return [r for _, a in self.members for r in a.roles]

    @property
    def nationalities(self) -> set[str]:
        return {country_key(r.split()[0]) for r in self.roles if r[:1].isupper()}


def merge_actors(
    articles: Sequence[Article],
) -> tuple[list[dict[str, Any]], dict[tuple[str, str], str]]:
    """The event's actors in the storylens/v1 shape, and (article id, local id) -> event id."""
    mentions = [(art.id, actor) for art in articles for actor in art.actors]
    groups: list[_Group] = []
    persons = [(aid, a) for aid, a in mentions if a.type == "PERSON"]
    words = {id(a): _name_words(a.name) for _, a in persons}
    # full names first, so a bare surname can find the one person it abbreviates
    for aid, actor in sorted(persons, key=lambda m: -len(words[id(m[1])])):
        _place_person(groups, aid, actor, words[id(actor)])
    for aid, actor in mentions:
        if actor.type != "PERSON":
            _place_named(groups, aid, actor)
    return _render(groups, articles)


def _name_words(name: str) -> list[str]:
    out = [w for w in name.replace(".", ". ").split() if w]
    while len(out) > 1 and is_title(out[0]):
        out = out[1:]
    return out


def _place_person(groups: list[_Group], aid: str, actor: ActorMention, words: list[str]) -> None:
    if not words:
        return
    surname = name_key(words[-1])
    given = name_key(words[0]) if len(words) > 1 else ""
    same = [g for g in groups if g.type == "PERSON" and g.surname == surname]
    fits = [g for g in same if _compatible(g, given, actor)]
    if not given and len(fits) > 1:  # "Abbas" and two Abbases: let the office decide
        role_keys = {fold(r) for r in actor.roles}
        fits = [g for g in fits if role_keys & {fold(r) for r in g.roles}]
    if len(fits) == 1:
        fits[0].members.append((aid, actor))
        fits[0].given = fits[0].given or given
        return
    groups.append(_Group("PERSON", [(aid, actor)], surname, given))


def _compatible(group: _Group, given: str, actor: ActorMention) -> bool:
    if given and group.given and given != group.given:
        return False
    mine = {country_key(r.split()[0]) for r in actor.roles if r[:1].isupper()}
    return not (mine and group.nationalities and not mine & group.nationalities)


def _place_named(groups: list[_Group], aid: str, actor: ActorMention) -> None:
    keys = {_key(actor.type, n) for n in [actor.name, *actor.aliases]} - {""}
    for group in groups:
        if group.type == actor.type and group.keys & keys:
            group.members.append((aid, actor))
            group.keys |= keys
            return
    groups.append(_Group(actor.type, [(aid, actor)], keys=keys))


def _key(type_: str, name: str) -> str:
    if type_ == "GPE":
        return place_key(name)
    return fold(name).removeprefix("the ").strip()


def _render(
    groups: list[_Group], articles: Sequence[Article]
) -> tuple[list[dict[str, Any]], dict[tuple[str, str], str]]:
    order = {art.id: i for i, art in enumerate(articles)}

    def rank(g: _Group) -> tuple[int, int]:
        return (-len({aid for aid, _ in g.members}), min(order[aid] for aid, _ in g.members))

    actors: list[dict[str, Any]] = []
    mapping: dict[tuple[str, str], str] = {}
    for n, group in enumerate(sorted(groups, key=rank), 1):
        event_id = f"p{n}"
        names = [a.name for _, a in group.members]
        if group.type == "PERSON":  # the fullest form of a name; elsewhere the usual one
            name = max(
                names,
                key=lambda s: (len(_name_words(s)), not is_title(s.split()[0]), names.count(s)),
            )
        else:
            name = max(names, key=lambda s: (names.count(s), len(s)))
        aliases: dict[str, str] = {}
        for _, a in group.members:
            for alias in [a.name, *a.aliases]:
                if fold(alias) != fold(name):
                    aliases.setdefault(fold(alias), alias)
        roles: dict[str, str] = {}
        for role in group.roles:
            roles.setdefault(fold(role), role)
        actors.append(
            {
                "id": event_id,
                "name": name,
                "type": group.type,
                "roles": prune_roles(list(roles.values())),
                "aliases": list(aliases.values()),
                "articles": sorted({aid for aid, _ in group.members}, key=order.__getitem__),
            }
        )
        for aid, a in group.members:
            mapping[(aid, a.id)] = event_id
    return actors, mapping
