"""In a real headless Chromium: what a fact-checker clicks through, and hostile text.

Each test saves a screenshot into a temporary directory (its path is printed with -s)
so a person can look at what the test saw.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storylens.cli import cli
from storylens.web.app import close, create_app

from .conftest import CHROMIUM, LiveServer, start_server, stop_server
from .stories import HOSTILE, hostile_story

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium)",
)

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("screenshots")
    print(f"screenshots in {path}")
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def _serve(db: Path) -> Iterator[LiveServer]:
    app = create_app(db)
    live = start_server(app)
    yield live
    stop_server(live)
    close(app)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from _serve(hostile_story().save(tmp_path_factory.mktemp("hostile") / "h.sqlite"))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[LiveServer]:
    """The real seed articles, analysed by `storylens analyze` through the CLI runner."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.sqlite"
    result = CliRunner().invoke(cli, ["analyze", str(seeds_dir), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    yield from _serve(db)


def _api(page: Any, live: LiveServer, path: str) -> Any:
    return json.loads(page.request.get(live.url + path).text())


def _check_matrix(page: Any, live: LiveServer, event: dict[str, Any]) -> None:
    """Every report of the event has a column, under its outlet's name or 'unknown outlet'."""
    page.goto(f"{live.url}/events/{event['id']}")
    heads = page.locator("th.report-head")
    assert heads.count() == len(event["articles"])
    shown = sorted(heads.nth(i).get_attribute("data-article") for i in range(heads.count()))
    assert shown == sorted(event["articles"])
    groups = page.locator("th.outlet-head")
    labels = [groups.nth(i).inner_text().strip() for i in range(groups.count())]
    outlets = [_api(page, live, f"/api/articles/{a}")["outlet"] for a in event["articles"]]
    expected = sorted({o for o in outlets if o is not None}) + ["unknown outlet"] * outlets.count(
        None
    )
    assert labels == expected


def test_the_event_page_shows_every_report_under_its_outlet_in_the_matrix(
    page: Any, hostile: LiveServer, shots: Path
) -> None:
    event = _api(page, hostile, "/api/events/e-talks")
    _check_matrix(page, hostile, event)
    assert page.locator("th.outlet-head.unknown").inner_text().strip() == "unknown outlet"
    page.screenshot(path=str(shots / "event.png"), full_page=True)


def test_following_a_claim_opens_its_article_with_the_claim_highlighted(
    page: Any, hostile: LiveServer, shots: Path
) -> None:
    page.goto(f"{hostile.url}/events/e-talks")
    row = page.locator("tr.claim-row", has_text="Morlan asked for the coast road crossing")
    row.locator("td.cell.on a").click()
    page.wait_for_url("**/articles/*?focus=claim-c2#claim-c2")
    focused = page.locator("mark.focus")
    assert focused.all_inner_texts() == ["Morlan asked for the coast road crossing to reopen"]
    assert focused.first.is_visible()
    colour = focused.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(255, 216, 107)"  # the focus colour, not the plain claim colour
    page.screenshot(path=str(shots / "article-focus.png"), full_page=True)


def test_highlight_kinds_can_be_switched_off(page: Any, hostile: LiveServer) -> None:
    event = _api(page, hostile, "/api/events/e-talks")
    page.goto(f"{hostile.url}/articles/{event['claims'][0]['mentions'][0]['article']}")
    figure = page.locator("mark.hl.figure").first
    before = figure.evaluate("el => getComputedStyle(el).backgroundColor")
    page.locator("input[data-toggle=figure]").uncheck()
    after = figure.evaluate("el => getComputedStyle(el).backgroundColor")
    assert before != after
    assert after == "rgba(0, 0, 0, 0)"


def test_the_matrix_can_show_only_the_claims_that_need_checking(
    page: Any, hostile: LiveServer
) -> None:
    page.goto(f"{hostile.url}/events/e-talks")
    assert page.locator("tr.claim-row:visible").count() == 3
    page.locator("#only-weak").check()
    assert page.locator("tr.claim-row:visible").count() == 2
    assert page.locator("tr.claim-row.corroborated").is_hidden()


def test_hostile_article_text_is_shown_as_inert_text(
    page: Any, hostile: LiveServer, shots: Path
) -> None:
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    evil = _api(page, hostile, "/api/events/e-evil")
    for path in (
        "/",
        "/events/e-evil",
        f"/articles/{evil['articles'][0]}",
        "/search?q=minister+denied",
        "/outlets",
    ):
        page.goto(hostile.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    page.goto(f"{hostile.url}/articles/{evil['articles'][0]}")
    page.locator("details.removed summary").click()
    text = page.locator("#article-text").inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert 'onerror="window.__pwned = 2"' in text
    assert page.locator("#article-text img, #article-text svg, #article-text script").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert blocked == []  # nothing even tried to run: the payloads never became markup
    assert HOSTILE.split(" ")[0] in text
    page.screenshot(path=str(shots / "hostile.png"), full_page=True)


def test_the_seed_articles_can_be_searched_for_ashtiani(
    page: Any, seeds: LiveServer, shots: Path
) -> None:
    page.goto(seeds.url + "/")
    page.locator("header .quick-search input").fill("Ashtiani")
    page.locator("header .quick-search input").press("Enter")
    page.wait_for_url("**/search?q=Ashtiani")
    hits = page.locator("li.hit")
    assert hits.count() >= 4
    assert page.locator("li.hit mark").first.inner_text().lower() == "ashtiani"
    page.screenshot(path=str(shots / "seeds-search.png"), full_page=True)


def test_every_seed_report_of_the_meeting_is_in_its_event_matrix(
    page: Any, seeds: LiveServer, shots: Path
) -> None:
    events = _api(page, seeds, "/api/events?per_page=200")["events"]
    biggest = max(events, key=lambda e: len(e["articles"]))
    assert len(biggest["articles"]) >= 2
    _check_matrix(page, seeds, biggest)
    page.screenshot(path=str(shots / "seeds-event.png"), full_page=True)


def test_a_seed_claim_followed_from_the_matrix_is_highlighted_in_its_article(
    page: Any, seeds: LiveServer, shots: Path
) -> None:
    events = _api(page, seeds, "/api/events?per_page=200")["events"]
    event = max(events, key=lambda e: len(e["articles"]))
    claim = event["claims"][0]
    page.goto(f"{seeds.url}/events/{event['id']}")
    page.locator("tr.claim-row").first.locator("td.cell.on a").first.click()
    page.wait_for_url(f"**?focus=claim-{claim['id']}#claim-{claim['id']}")
    article_id = page.url.split("/articles/", 1)[1].split("?", 1)[0]
    text = _api(page, seeds, f"/api/articles/{article_id}")["text"]
    spans = [text[m["start"] : m["end"]] for m in claim["mentions"] if m["article"] == article_id]
    assert "".join(page.locator("mark.focus").all_inner_texts()) == "".join(spans)
    page.screenshot(path=str(shots / "seeds-article-focus.png"))
