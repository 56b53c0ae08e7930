"""`compare_event`: one event's articles in, its claims, quotes, figures, framing and summary out.

This is the cross-source step of the pipeline. It runs after events are formed, over
the articles of one event at a time, and reads what the per-article stages filled in
(sentences, quotes, figures, times, and the trigger words the happenings are built
from), so it parses nothing itself. Articles stored before the nlp stage kept trigger
words are the exception: their sentences are parsed again (`happenings.event_mentions`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..records import Article
from ..settings import Settings
from .claims import build_claims, event_sentences
from .figures import compare_figures
from .framing import Lexicon, framing_table, load_lexicon, tone_table
from .quotes import compare_quotes
from .summary import summarize
from .text import Canon


def copy_roots(articles: Sequence[Article]) -> dict[str, str]:
    """Each article id -> the article it is ultimately a near-copy of (itself if none)."""
    known = {a.id: a.duplicate_of for a in articles}
    roots: dict[str, str] = {}
    for article in articles:
        seen = {article.id}
        root = article.id
        while (parent := known.get(root)) and parent not in seen:
            seen.add(parent)
            root = parent
        roots[article.id] = root
    return roots


def name_canon(lexicon: Lexicon, actors: Sequence[Mapping[str, Any]]) -> Canon:
    """Concept names from the lexicon and the event's actors' aliases, as one key each."""
    names: dict[str, list[str]] = {c: list(t) for c, t in lexicon.concepts.items()}
    for actor in actors:
        aliases = [str(actor.get("name", "")), *map(str, actor.get("aliases", []))]
        names.setdefault(f"actor {actor.get('id')}", []).extend(a for a in aliases if a)
    return Canon.build(names)


def _local_actor_ids(
    articles: Sequence[Article], actors: Sequence[Mapping[str, Any]]
) -> dict[tuple[str, str], str]:
    """(article id, article-local actor id) -> event actor id, from the actor merge.

    The merge is deterministic, so re-running it over the same articles reproduces the
    event's actor ids; if it does not (actors made elsewhere), names are used instead.
    """
    if not actors or not any(a.actors for a in articles):
        return {}
    from .actors import merge_actors

    merged, local_ids = merge_actors(articles)
    ours = {(str(a.get("id")), str(a.get("name"))) for a in actors}
    if {(str(a.get("id")), str(a.get("name"))) for a in merged} != ours:
        return {}
    return local_ids


def compare_event(
    event: dict[str, Any], articles: Sequence[Article], settings: Settings
) -> dict[str, Any]:
    """Fill event["claims"], ["quotes"], ["figures"], ["framing"], ["tone"], ["summary"].

    `articles` are the event's articles; articles not listed in event["articles"] are
    ignored, so a caller may pass a whole batch. The event dict is returned, modified.
    """
    wanted = set(event.get("articles") or [a.id for a in articles])
    members = [a for a in articles if a.id in wanted]
    actors: list[Mapping[str, Any]] = list(event.get("actors") or [])
    lexicon = load_lexicon(settings.framing_lexicon)
    copies_of = copy_roots(members)

    sentences = event_sentences(members)
    claims = build_claims(
        sentences,
        threshold=settings.claim_similarity,
        copies_of=copies_of,
        copy_threshold=settings.copy_similarity,
        canon=name_canon(lexicon, actors),
        model_name=settings.spacy_model,
    )
    event["summary"] = summarize(
        claims, sentences, event_date=event.get("date"), limit=settings.summary_sentences
    )
    event["claims"] = [
        {"id": c["id"], **{k: v for k, v in c.items() if not k.startswith("_") and k != "id"}}
        for c in claims
    ]
    event["quotes"] = compare_quotes(
        members, actors, copies_of, settings.copy_similarity, _local_actor_ids(members, actors)
    )
    event["figures"] = compare_figures(members, copies_of, settings.copy_similarity)
    event["framing"] = framing_table(members, lexicon, actors)
    event["tone"] = tone_table(members, lexicon)
    return event
