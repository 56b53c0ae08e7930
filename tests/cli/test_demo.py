"""`storylens demo` on the bundled sample corpus gets what we wrote into it right.

The corpus is fiction written for storylens, and `sample/expected.json` records what is
in it; these tests hold the whole pipeline to that record.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storylens.cli import cli
from storylens.report.validate import problems

EXPECTED: dict[str, Any] = json.loads((files("storylens") / "sample" / "expected.json").read_text())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path, str]:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(cli, ["demo", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return json.loads((out / "demo.json").read_text(encoding="utf-8")), out, result.output


def _by_source(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["source"].split("corpus/", 1)[-1]: a for a in doc["articles"]}


def _event_of(doc: dict[str, Any]) -> dict[str, str]:
    return {a: ev["id"] for ev in doc["events"] for a in ev["articles"]}


def test_the_demo_reads_every_sample_article_into_a_valid_document(
    demo: tuple[dict[str, Any], Path, str],
) -> None:
    doc, _, _ = demo
    assert len(doc["articles"]) == EXPECTED["article_count"]
    assert problems(doc) == []


def test_the_demo_prints_the_events_and_where_its_files_are(
    demo: tuple[dict[str, Any], Path, str],
) -> None:
    _, out, printed = demo
    assert "Port Salen" in printed
    assert str(out / "demo.json") in printed
    assert (out / "report" / "index.md").is_file()


def test_each_article_gets_the_outlet_the_corpus_gives_it_and_none_is_guessed(
    demo: tuple[dict[str, Any], Path, str],
) -> None:
    arts = _by_source(demo[0])
    for exp in EXPECTED["articles"]:
        assert arts[exp["source"]]["outlet"] == exp["outlet"], exp["source"]


def test_wire_copies_point_at_the_article_they_copy(demo: tuple[dict[str, Any], Path, str]) -> None:
    arts = _by_source(demo[0])
    for copy in EXPECTED["wire_copies"]:
        assert arts[copy["copy"]]["duplicate_of"] == arts[copy["original"]]["id"], copy["copy"]


def test_articles_are_grouped_into_exactly_the_events_they_report(
    demo: tuple[dict[str, Any], Path, str],
) -> None:
    doc = demo[0]
    arts, event_of = _by_source(doc), _event_of(doc)
    for name, exp in EXPECTED["events"].items():
        ids = {event_of.get(arts[s]["id"]) for s in exp["sources"]}
        assert len(ids) == 1, (name, ids)
        assert None not in ids, name
        (eid,) = ids
        members = {a for a, e in event_of.items() if e == eid}
        assert members == {arts[s]["id"] for s in exp["sources"]}, name


def test_events_are_dated_when_they_happened_and_placed_where(
    demo: tuple[dict[str, Any], Path, str],
) -> None:
    doc = demo[0]
    arts, event_of = _by_source(doc), _event_of(doc)
    events = {ev["id"]: ev for ev in doc["events"]}
    for name, exp in EXPECTED["events"].items():
        ev = events[event_of[arts[exp["sources"][0]]["id"]]]
        assert ev["date"] == exp["date"], name
        assert exp["location"] in ev["locations"], name


def test_look_alike_and_follow_up_events_are_linked(demo: tuple[dict[str, Any], Path, str]) -> None:
    doc = demo[0]
    arts, event_of = _by_source(doc), _event_of(doc)
    events = {ev["id"]: ev for ev in doc["events"]}

    def eid(name: str) -> str:
        return event_of[arts[EXPECTED["events"][name]["sources"][0]]["id"]]

    for rel in EXPECTED["related"]:
        links = {(r["event"], r["relation"]) for r in events[eid(rel["event"])]["related"]}
        assert (eid(rel["other"]), rel["relation"]) in links, rel


def test_the_disputed_ferry_death_toll_is_a_conflict(
    demo: tuple[dict[str, Any], Path, str],
) -> None:
    doc = demo[0]
    arts, event_of = _by_source(doc), _event_of(doc)
    ferry = next(
        ev
        for ev in doc["events"]
        if ev["id"] == event_of[arts[EXPECTED["events"]["ferry_2025"]["sources"][0]]["id"]]
    )
    values = {f["value"] for f in ferry["figures"] if f["conflict"]}
    assert {23, 26} & values, ferry["figures"]
