"""The story report: every number and claim traceable to its sentence; hostile text inert."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from storylens.records import Article
from storylens.report.render import write_reports
from storylens.store.sqlite import SQLiteStore

WIRE = (
    "Harbor Wire",
    "The ferry Aster capsized off Brannock on Monday. Officials said 23 people died. "
    "About 40 passengers were rescued.",
)
COPY = (
    None,
    "The ferry Aster capsized off Brannock on Monday. Officials said 23 people died. "
    "About 40 passengers were rescued. <script>window.pwned=1</script>",
)
OBSERVER = (
    "Northgate Observer",
    "At least 26 people died when the ferry Aster capsized on Monday, "
    "the coast guard said. \u201cWe searched all night,\u201d said Captain Ro Lenn.",
)


def _span(text: str, part: str) -> dict[str, Any]:
    start = text.index(part)
    return {"start": start, "end": start + len(part)}


@pytest.fixture
def report_dir(tmp_path: Path) -> Path:
    arts = [
        Article(source=f"{i}.txt", id=f"a{i}", outlet=o, text=t)
        for i, (o, t) in enumerate((WIRE, COPY, OBSERVER))
    ]
    arts[1].duplicate_of = "a0"
    ev = {
        "id": "e1",
        "title": "Ferry capsizes off Brannock",
        "date": "2025-03-03",
        "articles": ["a0", "a1", "a2"],
        "outlets": ["Harbor Wire", None, "Northgate Observer"],
        "date_evidence": [{"article": "a0", **_span(WIRE[1], "on Monday"), "text": "on Monday"}],
        "locations": ["Brannock"],
        "actors": [],
        "related": [],
        "claims": [
            {
                "id": "c1",
                "text": "The ferry Aster capsized off Brannock on Monday.",
                "status": "corroborated",
                "independent_sources": 2,
                "outlets": ["Harbor Wire", None, "Northgate Observer"],
                "mentions": [
                    {
                        "article": "a0",
                        **_span(WIRE[1], "The ferry Aster capsized off Brannock on Monday."),
                    },
                    {
                        "article": "a1",
                        **_span(COPY[1], "The ferry Aster capsized off Brannock on Monday."),
                    },
                    {
                        "article": "a2",
                        **_span(
                            OBSERVER[1],
                            "At least 26 people died when the ferry Aster capsized on Monday, the coast guard said.",
                        ),
                    },
                ],
            },
            {
                "id": "c2",
                "text": "About 40 passengers were rescued.",
                "status": "single-source",
                "independent_sources": 1,
                "outlets": ["Harbor Wire", None],
                "mentions": [
                    {"article": "a0", **_span(WIRE[1], "About 40 passengers were rescued.")},
                    {"article": "a1", **_span(COPY[1], "About 40 passengers were rescued.")},
                ],
            },
        ],
        "figures": [
            {
                "what": "killed",
                "value": 23,
                "qualifier": None,
                "unit": "people",
                "conflict": True,
                "mentions": [
                    {"article": "a0", **_span(WIRE[1], "23 people died")},
                    {"article": "a2", **_span(OBSERVER[1], "At least 26 people died")},
                ],
            }
        ],
        "quotes": [
            {
                "speaker": "p1",
                "speaker_name": "Ro Lenn",
                "text": "We searched all night",
                "kind": "direct",
                "variants": False,
                "mentions": [{"article": "a2", **_span(OBSERVER[1], "We searched all night")}],
            }
        ],
        "framing": [],
        "summary": [],
    }
    with SQLiteStore(tmp_path / "r.sqlite") as store:
        store.put_articles([(a.id, a) for a in arts])
        store.put_events([ev])
        write_reports(store, tmp_path / "report")
    return tmp_path / "report"


def test_each_event_gets_a_markdown_file_and_an_html_page(report_dir: Path) -> None:
    assert (report_dir / "e1.md").is_file()
    assert (report_dir / "e1.html").is_file()
    assert "e1.md" in (report_dir / "index.md").read_text()


def test_the_coverage_matrix_names_each_outlet_and_marks_the_unknown_one_and_the_copy(
    report_dir: Path,
) -> None:
    html = (report_dir / "e1.html").read_text()
    assert "Harbor Wire" in html
    assert "Northgate Observer" in html
    assert "unknown outlet" in html
    assert "copy of Harbor Wire" in html


def test_every_link_to_evidence_lands_on_an_anchor_in_the_page(report_dir: Path) -> None:
    html = (report_dir / "e1.html").read_text()
    links = set(re.findall(r'href="#(m-[^"]+)"', html))
    anchors = set(re.findall(r'id="(m-[^"]+)"', html))
    assert links
    assert links <= anchors


def test_a_conflicting_figure_shows_both_numbers_with_their_sentences(report_dir: Path) -> None:
    md = (report_dir / "e1.md").read_text()
    row = next(line for line in md.splitlines() if line.startswith("| killed"))
    assert "**yes**" in row
    assert "23 people died" in row
    assert "At least 26 people died" in row


def test_single_source_claims_are_listed_on_their_own(report_dir: Path) -> None:
    md = (report_dir / "e1.md").read_text()
    section = md.split("## Claims only one source makes", 1)[1].split("##", 1)[0]
    assert "About 40 passengers were rescued." in section


def test_article_text_that_holds_markup_is_shown_as_text_not_run(report_dir: Path) -> None:
    html = (report_dir / "e1.html").read_text()
    assert "<script>window.pwned" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert "script-src" not in html or "'none'" in html
