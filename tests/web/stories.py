"""Fictional stories for the web tests, written through the store as analysis would.

`StoryBuilder` writes fictional articles (the sample corpus's invented world) and
storylens/v1 events whose mentions are found by phrase, so every offset in a fixture is
right by construction and the tests can say "this claim, in this article".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from storylens.records import Article, Removal
from storylens.store import open_store

_Db = TypeVar("_Db", Path, str)


@dataclass
class StoryBuilder:
    """Fictional articles and events, in the shapes the analysis stores."""

    articles: dict[str, Article] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)

    def article(self, key: str, text: str, *, outlet: str | None, **fields: Any) -> str:
        aid = hashlib.sha256(text.encode()).hexdigest()[:16]
        self.articles[key] = Article(
            source=f"fixtures/{key}.txt",
            id=aid,
            text=text,
            outlet=outlet,
            outlet_evidence="fixture" if outlet else None,
            language="en",
            **fields,
        )
        return aid

    def mention(self, key: str, phrase: str) -> dict[str, Any]:
        art = self.articles[key]
        start = art.text.index(phrase)
        return {"article": art.id, "start": start, "end": start + len(phrase)}

    def claim(self, cid: str, status: str, *spots: tuple[str, str]) -> dict[str, Any]:
        mentions = [self.mention(k, p) for k, p in spots]
        outlets = list(dict.fromkeys(self.articles[k].outlet for k, _ in spots))
        return {
            "id": cid,
            "text": spots[0][1],
            "mentions": mentions,
            "outlets": outlets,
            "independent_sources": len(outlets),
            "status": status,
        }

    def event(
        self, eid: str, title: str, date: str | None, keys: list[str], **parts: Any
    ) -> dict[str, Any]:
        outlets = list(dict.fromkeys(self.articles[k].outlet for k in keys))
        ev: dict[str, Any] = {
            "id": eid,
            "title": title,
            "articles": [self.articles[k].id for k in keys],
            "outlets": outlets,
            "date": date,
            "date_evidence": [],
            "locations": [],
            "actors": [],
            "claims": [],
            "quotes": [],
            "figures": [],
            "framing": [],
            "summary": [],
            "related": [],
        }
        ev.update(parts)
        self.events.append(ev)
        return ev

    def save(self, path: _Db) -> _Db:
        """Store the story in `path`, a SQLite file or a postgresql:// URL."""
        with open_store(path) as store:
            store.put_articles([(f"in-{a.id}", a) for a in self.articles.values()])
            store.put_events(self.events)
        return path


TALKS = {
    "hw": (
        "Harbor Wire",
        "Valdorian Foreign Minister Tomas Reyvik met his Kestrel counterpart Adaeze Morlan"
        " in Port Salen on Saturday. The two ministers agreed to set up a joint border"
        " commission. Three agreements were signed, officials said.\n"
        '"This is a new beginning for our two peoples," Reyvik told reporters.',
    ),
    "mp": (
        "The Meridian Post",
        "Foreign ministers Tomas Reyvik and Adaeze Morlan met in Port Salen on Saturday and"
        " agreed to set up a joint border commission. Four agreements were signed, according"
        " to the Kestrel delegation. Morlan asked for the coast road crossing to reopen.",
    ),
    "vs": (
        "Valdoria State News Agency",
        "Foreign Minister Reyvik received the envoy of the Brannock regime in Port Salen. The"
        " two ministers agreed to set up a joint border commission.\n"
        '"This is a new beginning for our two peoples," Reyvik said. VSNA/7802',
    ),
    "xx": (
        None,
        "Reyvik and Morlan met in Port Salen. The two ministers agreed to set up a joint"
        " border commission. Morlan threatened to walk out of the talks.",
    ),
}


def talks_story() -> StoryBuilder:
    """The sample world's 2025 talks: four reports, one of unknown outlet, plus context."""
    b = StoryBuilder()
    for key, (outlet, text) in TALKS.items():
        b.article(
            key,
            text,
            outlet=outlet,
            title=f"Talks in Port Salen ({key})",
            published="2025-05-11",
            removed=[Removal(text="Share this story", reason="boilerplate")],
        )
    b.article(
        "old",
        "Interior Minister Petra Ilsung met Kestrel Deputy Foreign Minister Oren"
        " Vash in Port Salen to discuss joint patrols.",
        outlet="Harbor Wire",
        title="Ilsung and Vash discuss border cooperation",
        published="2023-02-14",
    )
    b.article(
        "ferry1",
        "The ferry Marisol capsized off Brannock. 23 people died and about 40 were rescued.",
        outlet="Harbor Wire",
        title="Ferry capsizes",
        published="2025-03-04",
    )
    b.article(
        "ferry2",
        "The ferry Marisol sank off Brannock on Monday. 26 people died, the hospital said.",
        outlet="Northgate Observer",
        title="Marisol: 26 dead",
        published="2025-03-05",
    )
    commission = "agreed to set up a joint border commission"
    quote = "This is a new beginning for our two peoples"
    b.event(
        "e-talks",
        "Reyvik and Morlan agree a joint border commission",
        "2025-05-10",
        ["hw", "mp", "vs", "xx"],
        locations=["Port Salen"],
        date_evidence=[{**b.mention("hw", "on Saturday"), "text": "on Saturday"}],
        actors=[
            {
                "id": "p1",
                "name": "Tomas Reyvik",
                "type": "PERSON",
                "roles": ["Valdorian Foreign Minister"],
                "aliases": ["Reyvik"],
            },
            {
                "id": "p2",
                "name": "Adaeze Morlan",
                "type": "PERSON",
                "roles": ["Kestrel Foreign Minister"],
                "aliases": ["Morlan"],
            },
        ],
        claims=[
            b.claim(
                "c1",
                "corroborated",
                ("hw", commission),
                ("mp", commission),
                ("vs", commission),
                ("xx", commission),
            ),
            b.claim(
                "c2", "single-source", ("mp", "Morlan asked for the coast road crossing to reopen")
            ),
            b.claim("c3", "single-source", ("xx", "Morlan threatened to walk out of the talks")),
        ],
        quotes=[
            {
                "speaker": "p1",
                "speaker_name": "Tomas Reyvik",
                "text": quote,
                "kind": "direct",
                "mentions": [b.mention("hw", quote), b.mention("vs", quote)],
                "variants": False,
            }
        ],
        figures=[
            {
                "what": "agreements signed",
                "value": 3,
                "qualifier": None,
                "unit": "agreements",
                "mentions": [b.mention("hw", "Three agreements")],
                "conflict": True,
            },
            {
                "what": "agreements signed",
                "value": 4,
                "qualifier": None,
                "unit": "agreements",
                "mentions": [b.mention("mp", "Four agreements")],
                "conflict": True,
            },
        ],
        framing=[
            {
                "concept": "Kestrel government",
                "terms": {
                    "Valdoria State News Agency": ["Brannock regime"],
                    "The Meridian Post": ["Kestrel delegation"],
                },
            }
        ],
        summary=[
            {
                "text": "The ministers agreed to set up a joint border commission.",
                "mentions": [b.mention("hw", commission)],
            }
        ],
        related=[{"event": "e-2023", "relation": "look-alike"}],
    )
    b.event(
        "e-2023",
        "Ilsung and Vash discuss border cooperation",
        "2023-02-14",
        ["old"],
        locations=["Port Salen"],
        related=[{"event": "e-talks", "relation": "look-alike"}],
        actors=[
            {
                "id": "p1",
                "name": "Petra Ilsung",
                "type": "PERSON",
                "roles": [],
                "aliases": ["Ilsung"],
            }
        ],
    )
    b.event(
        "e-ferry",
        "Ferry Marisol capsizes off Brannock",
        "2025-03-03",
        ["ferry1", "ferry2"],
        locations=["Brannock"],
        claims=[
            b.claim("c1", "disputed", ("ferry1", "23 people died"), ("ferry2", "26 people died"))
        ],
        figures=[
            {
                "what": "killed",
                "value": 23,
                "qualifier": None,
                "unit": "people",
                "mentions": [b.mention("ferry1", "23 people")],
                "conflict": True,
            },
            {
                "what": "killed",
                "value": 26,
                "qualifier": None,
                "unit": "people",
                "mentions": [b.mention("ferry2", "26 people")],
                "conflict": True,
            },
        ],
    )
    return b


HOSTILE = (
    "Breaking: <script>window.__pwned = 1</script> officials met. "
    '<img src=x onerror="window.__pwned = 2"> The minister denied everything. '
    '"><svg onload="window.__pwned=3"> javascript:window.__pwned=4'
)


def hostile_story() -> StoryBuilder:
    b = talks_story()
    b.article(
        "evil",
        HOSTILE,
        outlet='<b onmouseover="window.__pwned=5">Evil Outlet</b>',
        title="<script>window.__pwned = 6</script>Headline",
        url="javascript:window.__pwned=7",
        removed=[Removal(text="<script>window.__pwned=8</script>", reason="boilerplate")],
    )
    b.event(
        "e-evil",
        '<img src=x onerror="window.__pwned=9">',
        "2025-07-01",
        ["evil"],
        claims=[b.claim("c1", "single-source", ("evil", "The minister denied everything."))],
        actors=[
            {
                "id": "p1",
                "name": "<script>window.__pwned=10</script>",
                "type": "PERSON",
                "roles": [],
                "aliases": [],
            }
        ],
    )
    return b
