"""The five seed articles, cleaned as a user would hand them over.

The seeds are read in place (never copied in); each is turned into an Article the way the
plain-text reader does it (a leading `date YYYY-MM-DD` token becomes `published`, basis
"header"), then cleaned. Expectations about real sentences are read from the seed files at
test time, so the test checks the rule ("every real sentence stays"), not pasted text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storylens.clean import clean_stage
from storylens.clean.lines import is_sentence
from storylens.pipeline import Context
from storylens.records import Article

_DATE_TOKEN = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*")
FURNITURE = ("Your Comment", "Back to top button", "Advertisment", "READ:", "MNA/")


def read_seed(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    art = Article(source=str(path), raw=raw)
    m = _DATE_TOKEN.match(raw)
    if m:
        art.raw = raw[m.end() :]
        art.published, art.published_basis = m.group(1), "header"
    return art


@pytest.fixture(scope="module")
def cleaned(seeds_dir: Path) -> dict[str, tuple[Article, Article]]:
    ctx = Context()
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        original = read_seed(path)
        out[path.name[:3]] = (read_seed(path), clean_stage(original, ctx))
    assert len(out) == 5
    return out


def _lines(text: str) -> list[str]:
    return [" ".join(x.split()) for x in text.splitlines() if x.strip()]


def test_no_page_furniture_is_left_in_any_seed(
    cleaned: dict[str, tuple[Article, Article]],
) -> None:
    for _raw, art in cleaned.values():
        for phrase in FURNITURE:
            assert phrase not in art.text, (art.source, phrase)
    slogan = _lines(cleaned["002"][0].raw)[0]
    breadcrumb = _lines(cleaned["004"][0].raw)[0]
    assert all(slogan not in a.text for _r, a in cleaned.values())
    assert all(breadcrumb not in a.text for _r, a in cleaned.values())
    assert {r.reason for r in cleaned["004"][1].removed} >= {"breadcrumb", "title"}


def test_every_real_sentence_of_every_seed_is_kept(
    cleaned: dict[str, tuple[Article, Article]],
) -> None:
    for raw, art in cleaned.values():
        body = " ".join(art.text.split())
        real = [line for line in _lines(raw.raw) if is_sentence(line)]
        assert real, raw.source
        for line in real:
            assert line in body, (raw.source, line)
        removed = " ".join(r.text for r in art.removed)
        # nothing was lost: every raw line is in the text or in `removed`
        for line in _lines(raw.raw):
            assert line in body or line in removed, (raw.source, line)


def test_a_line_read_link_to_another_story_is_removed_with_its_figure(
    cleaned: dict[str, tuple[Article, Article]],
) -> None:
    raw, art = cleaned["002"]
    link = next(line for line in _lines(raw.raw) if line.startswith("READ:"))
    assert [r.reason for r in art.removed if r.text == link] == ["link"]
    assert "0.5m" not in art.text


def test_middle_east_monitor_is_named_by_its_slogan_and_dated_by_its_dateline(
    cleaned: dict[str, tuple[Article, Article]],
) -> None:
    _raw, art = cleaned["002"]
    assert art.outlet == "Middle East Monitor"
    assert art.outlet_evidence is not None
    assert art.outlet_evidence.startswith("slogan ")
    assert (art.published, art.published_basis) == ("2024-03-17", "dateline")
    assert art.title
    assert art.title not in art.text
    reasons = [r.reason for r in art.removed]
    assert reasons[:3] == ["slogan", "title", "dateline"]
    assert "caption" in reasons


def test_mehr_news_agency_is_named_by_its_signature(
    cleaned: dict[str, tuple[Article, Article]],
) -> None:
    _raw, art = cleaned["001"]
    assert art.outlet == "Mehr News Agency"
    assert art.outlet_evidence is not None
    assert re.fullmatch(r"signature MNA/\d+", art.outlet_evidence)
    assert tuple(r.reason for r in art.removed) == ("signature", "boilerplate")


def test_seeds_without_evidence_of_their_outlet_stay_unknown(
    cleaned: dict[str, tuple[Article, Article]],
) -> None:
    for key in ("000", "003", "004"):
        art = cleaned[key][1]
        assert (art.outlet, art.outlet_evidence) == (None, None), key


def test_the_header_date_is_kept_and_every_seed_is_english(
    cleaned: dict[str, tuple[Article, Article]],
) -> None:
    assert (cleaned["000"][1].published, cleaned["000"][1].published_basis) == (
        "2024-03-17",
        "header",
    )
    assert {a.language for _r, a in cleaned.values()} == {"en"}
    assert len({a.id for _r, a in cleaned.values()}) == 5


def test_subheadings_inside_the_body_are_removed_as_headings(
    cleaned: dict[str, tuple[Article, Article]],
) -> None:
    _raw, art = cleaned["003"]
    headings = [r.text for r in art.removed if r.reason == "heading"]
    assert len(headings) == 3
    assert all(not is_sentence(h) for h in headings)
    assert [r.reason for r in cleaned["004"][1].removed].count("heading") == 1
