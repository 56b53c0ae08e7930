"""The pages, through an in-process client: what a fact-checker sees, without a browser."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from storylens.web.app import close, create_app


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def _event_titles(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'class="event-title"[^>]*>([^<]*)<', html)]


def test_the_home_page_lists_events_newest_first(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert _event_titles(page.text) == [
        "Reyvik and Morlan agree a joint border commission",
        "Ferry Marisol capsizes off Brannock",
        "Ilsung and Vash discuss border cooperation",
    ]


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("q=capsized", ["Ferry Marisol capsizes off Brannock"]),
        ("actor=ilsung", ["Ilsung and Vash discuss border cooperation"]),
        ("outlet=Northgate+Observer", ["Ferry Marisol capsizes off Brannock"]),
        ("from=2025-01-01&to=2025-03-31", ["Ferry Marisol capsizes off Brannock"]),
        ("to=2024-12-31", ["Ilsung and Vash discuss border cooperation"]),
        ("actor=Reyvik&outlet=Harbor+Wire", ["Reyvik and Morlan agree a joint border commission"]),
        ("q=nothing-like-this", []),
    ],
)
def test_the_home_page_filters_by_text_actor_outlet_and_dates(
    client: TestClient, query: str, titles: list[str]
) -> None:
    assert _event_titles(client.get(f"/?{query}").text) == titles


def test_the_home_page_is_paginated(tmp_path, new_story) -> None:
    b = new_story
    keys = []
    for i in range(30):
        keys.append(b.article(f"a{i}", f"Story number {i} happened.", outlet="Harbor Wire"))
        b.event(f"e{i:02d}", f"Event {i:02d}", f"2025-01-{i + 1:02d}", [f"a{i}"])
    app = create_app(b.save(tmp_path / "many.sqlite"))
    with TestClient(app) as c:
        first, second = c.get("/").text, c.get("/?page=2").text
    close(app)
    assert _event_titles(first)[:2] == ["Event 29", "Event 28"]
    assert len(_event_titles(first)) == 25
    assert _event_titles(second) == [f"Event {i:02d}" for i in range(4, -1, -1)]
    assert 'rel="next" href="?q=&amp;actor=&amp;outlet=&amp;from=&amp;to=&amp;page=2"' in first


def test_the_event_page_shows_claims_by_outlet_and_marks_weak_ones(client: TestClient) -> None:
    html = client.get("/events/e-talks").text
    text = _text(html)
    for outlet in ("Harbor Wire", "The Meridian Post", "Valdoria State News Agency"):
        assert outlet in text
    assert "unknown outlet" in text
    assert 'class="claim-row single-source"' in html
    assert 'class="claim-row corroborated"' in html
    assert "This is a new beginning for our two peoples" in text
    assert "Tomas Reyvik" in text
    assert "conflicts with another report" in text  # the 3 vs 4 agreements
    assert "Brannock regime" in text
    assert "Kestrel delegation" in text
    assert "Ilsung and Vash discuss border cooperation" in text  # the look-alike, in the timeline
    assert "Valdorian Foreign Minister" in text  # an actor's role


def test_an_outlet_is_never_guessed_for_a_report_of_unknown_outlet(client: TestClient) -> None:
    html = client.get("/events/e-talks").text
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert head.count("unknown outlet</span>") == 1
    assert len(re.findall(r'class="report-head"', head)) == 4


def test_a_claim_in_the_matrix_links_to_its_article_with_the_claim_in_focus(
    client: TestClient, story
) -> None:
    html = client.get("/events/e-talks").text
    mp = story.articles["mp"].id
    assert f'href="/articles/{mp}?focus=claim-c2#claim-c2"' in html
    article = client.get(f"/articles/{mp}?focus=claim-c2").text
    focused = re.findall(r'<mark class="hl claim focus"[^>]*>([^<]*)</mark>', article)
    assert focused == ["Morlan asked for the coast road crossing to reopen"]
    assert 'id="claim-c2"' in article


def test_the_article_page_shows_the_cleaned_text_and_removed_furniture_on_request(
    client: TestClient, story
) -> None:
    html = client.get(f"/articles/{story.articles['vs'].id}").text
    assert "<details" in html
    assert "Share this story" in html
    assert "boilerplate" in html
    assert _text(html).count("VSNA/7802") == 1


def test_the_outlet_page_says_how_often_the_outlet_is_the_only_source(
    client: TestClient,
) -> None:
    text = " ".join(_text(client.get("/outlets/The Meridian Post").text).split())
    assert "Claims it states 2" in text
    assert "Only source 1 of them no other outlet states (50%)" in text
    assert "Kestrel delegation" in text


def test_the_outlets_page_counts_unknown_outlet_articles_apart(client: TestClient) -> None:
    text = " ".join(_text(client.get("/outlets").text).split())
    assert "Harbor Wire 3" in text
    assert "unknown outlet" in text


def test_search_finds_words_in_article_text_and_marks_them(client: TestClient) -> None:
    html = client.get("/search", params={"q": "capsized"}).text
    assert "1 article match" in _text(html)
    assert "<mark>capsized</mark>" in html


def test_search_treats_operators_and_markup_as_plain_words(client: TestClient) -> None:
    page = client.get("/search", params={"q": 'NEAR( "<b>x</b>" OR *'})
    assert page.status_code == 200
    assert "<b>x</b>" not in page.text


def test_every_page_is_sent_with_a_strict_content_security_policy(client: TestClient) -> None:
    for url in ("/", "/events/e-talks", "/search?q=x", "/outlets", "/api/events", "/nope"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "default-src 'none'" in csp
        assert "unsafe-inline" not in csp


def test_pages_carry_no_inline_script_and_no_outside_asset(client: TestClient) -> None:
    html = client.get("/events/e-talks").text
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1
    assert re.fullmatch(r'<script src="/static/app\.js\?v=\w+" defer>', scripts[0])
    assert "http://" not in html
    assert "https://" not in html
    assert not re.search(r"<[^>]+\son\w+=", html)  # no event-handler attributes


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e/web/app.py",
        "/static/templates%2fbase.html",
        "/static/app.css%00",
        "/static//etc/passwd",
    ],
)
def test_static_files_come_only_from_the_allow_list(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 404
    assert "import" not in page.text


def test_static_files_are_served_with_their_type(client: TestClient) -> None:
    css = client.get("/static/app.css")
    assert css.headers["content-type"].startswith("text/css")
    assert (
        client.get("/static/app.css", headers={"if-none-match": css.headers["etag"]}).status_code
        == 304
    )
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")


def test_a_missing_event_is_a_404_page(client: TestClient) -> None:
    page = client.get("/events/no-such-event")
    assert page.status_code == 404
    assert "there is no event" in page.text
    assert page.headers["content-type"].startswith("text/html")


def test_an_event_with_missing_or_malformed_parts_still_renders(tmp_path, new_story) -> None:
    new_story.article("a", "Hello world.", outlet="Harbor Wire")
    new_story.events.append({"id": "bare", "articles": [new_story.articles["a"].id]})
    new_story.events.append(
        {
            "id": "odd",
            "articles": [],
            "title": None,
            "outlets": [None],
            "date_evidence": [{}],
            "claims": [
                {"text": "x", "mentions": [{"article": "a", "start": 0, "end": 99}]},
                "junk",
            ],
            "quotes": [{"mentions": None}],
            "figures": [{"value": None}],
            "summary": [{}],
            "framing": [{"concept": "c", "terms": {"Harbor Wire": "not a list"}}],
            "related": [{"event": "missing"}],
            "actors": [{}],
        }
    )
    app = create_app(new_story.save(tmp_path / "odd.sqlite"))
    with TestClient(app) as c:
        pages = [
            "/",
            "/events/bare",
            "/events/odd",
            f"/articles/{new_story.articles['a'].id}",
            "/outlets/Harbor Wire",
            "/api/events/odd",
        ]
        assert [c.get(p).status_code for p in pages] == [200] * len(pages)
    close(app)


def test_a_loopback_server_refuses_requests_addressed_to_another_host(talks_db) -> None:
    from storylens.web.security import LOOPBACK_NAMES

    app = create_app(talks_db, hosts=LOOPBACK_NAMES)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "localhost:8000"}).status_code == 200
        rebound = c.get("/api/outlets", headers={"host": "attacker.example:8000"})
    close(app)
    assert rebound.status_code == 400
    assert rebound.json()["error"]["code"] == "bad_host"


def test_a_page_served_before_a_commit_is_not_served_after_it(
    client: TestClient, talks_db, story
) -> None:
    from storylens.store import open_store

    assert "Harbour reopens" not in client.get("/").text
    assert client.get("/").text == client.get("/").text  # the same bytes between commits
    with open_store(talks_db) as writer:
        writer.put_events([{**story.events[2], "title": "Harbour reopens"}])
    assert "Harbour reopens" in client.get("/").text
