"""The rules behind what the pages show, stated on plain storylens/v1 objects."""

from __future__ import annotations

from storylens.report.highlight import segments
from storylens.web.reader import fts_query
from storylens.web.views import coverage, marks_for, outlet_profile


def _heads(story) -> dict:
    return {
        a.id: {
            "outlet": a.outlet,
            "title": a.title,
            "published": a.published,
            "duplicate_of": a.duplicate_of,
        }
        for a in story.articles.values()
    }


def test_every_report_of_an_event_gets_a_column_under_its_outlet(story) -> None:
    ev = story.events[0]
    matrix = coverage(ev, _heads(story))
    assert sorted(c.article for c in matrix.columns) == sorted(ev["articles"])
    assert [g.outlet for g in matrix.groups] == [
        "Harbor Wire",
        "The Meridian Post",
        "Valdoria State News Agency",
        None,
    ]


def test_reports_of_unknown_outlet_are_never_grouped_together() -> None:
    ev = {"articles": ["a", "b", "c"], "claims": []}
    heads = {"a": {"outlet": None}, "b": {"outlet": None}, "c": {"outlet": "Harbor Wire"}}
    groups = coverage(ev, heads).groups
    assert [(g.outlet, [c.article for c in g.columns]) for g in groups] == [
        ("Harbor Wire", ["c"]),
        (None, ["a"]),
        (None, ["b"]),
    ]


def test_a_report_missing_from_the_store_still_gets_a_column() -> None:
    matrix = coverage({"articles": ["gone"], "claims": []}, {})
    assert [c.article for c in matrix.columns] == ["gone"]
    assert matrix.groups[0].outlet is None


def test_a_cell_is_filled_exactly_where_the_report_states_the_claim(story) -> None:
    ev = story.events[0]
    matrix = coverage(ev, _heads(story))
    row = {r.claim["id"]: r.cells for r in matrix.rows}
    mp = story.articles["mp"].id
    assert all(row["c1"])
    assert row["c2"] == [
        f"/articles/{mp}?focus=claim-c2#claim-c2" if c.article == mp else None
        for c in matrix.columns
    ]


def test_highlights_cover_exactly_the_offsets_of_the_evidence(story) -> None:
    art = story.articles["hw"]
    marks = marks_for(story.events[0], art.id, len(art.text))
    segs = segments(art.text, marks, focus="claim-c1")
    assert "".join(s.text for s in segs) == art.text  # nothing lost, nothing doubled
    claimed = "".join(s.text for s in segs if "claim" in s.kinds)
    assert claimed == "agreed to set up a joint border commission"
    assert "".join(s.text for s in segs if s.focus) == claimed
    assert "".join(s.text for s in segs if "figure" in s.kinds) == "Three agreements"


def test_nested_marks_split_the_text_and_each_piece_keeps_every_mark() -> None:
    from storylens.web.views import Mark

    text = "In all 23 people died."
    marks = [
        Mark(start=0, end=22, kind="claim", ref="claim-c1", label=""),
        Mark(start=7, end=16, kind="figure", ref="figure-0", label=""),
    ]
    segs = segments(text, marks)
    assert [(s.text, s.kinds) for s in segs] == [
        ("In all ", ["claim"]),
        ("23 people", ["claim", "figure"]),
        (" died.", ["claim"]),
    ]
    assert segs[0].anchors == ["claim-c1"]
    assert segs[1].anchors == ["figure-0"]


def test_offsets_outside_the_text_are_ignored_rather_than_shown_wrong() -> None:
    ev = {"claims": [{"id": "c1", "mentions": [{"article": "a", "start": 5, "end": 99}]}]}
    assert marks_for(ev, "a", 10) == []


def test_an_outlet_is_counted_as_only_source_only_when_no_other_outlet_states_the_claim(
    story,
) -> None:
    prof = outlet_profile("The Meridian Post", story.events)
    assert (prof.claims, prof.only_source) == (2, 1)
    assert ("Kestrel government", "Kestrel delegation", 1) in prof.terms


def test_search_words_become_a_query_that_cannot_be_an_fts_syntax_error() -> None:
    assert fts_query('Reyvik "border commission"') == '"Reyvik" "border commission"'
    assert fts_query('AND OR NOT ( ) * "') == '"AND" "OR" "NOT"'
    assert fts_query("-- ;") == ""
    assert fts_query("a\x00b") == '"a" "b"'  # SQLite would end the string at the NUL
