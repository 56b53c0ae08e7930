"""Event windows: independent clustering per window, joined across boundaries."""

from __future__ import annotations

from datetime import date, timedelta

from storylens.events import EventFeatures, cluster
from storylens.settings import Settings
from storylens.spark.windows import (
    Item,
    attach_late,
    cluster_window,
    cut,
    place_undated,
    reconcile,
)

START = date(2024, 1, 1)
QUAKE = {"earthquake": 2.0, "brannock": 1.0, "rescue": 1.0, "collapsed": 1.0}
STRIKE = {"strike": 2.0, "dockworkers": 1.0, "port": 1.0, "wages": 1.0}
FIRE = {"fire": 2.0, "depot": 1.0, "firefighters": 1.0, "smoke": 1.0}


def _feats(name: str, terms: dict[str, float], day: int | None) -> EventFeatures:
    when = START + timedelta(days=day) if day is not None else None
    return EventFeatures(
        article=name,
        terms=terms,
        names=dict.fromkeys(list(terms)[1:2], 1.0),
        published=when.isoformat() if when else None,
        day=when.toordinal() if when else None,
        anchor_year=when.year if when else None,
    )


def _run(items: list[Item], window_days: int = 30) -> list[set[str]]:
    windows = cut(items, window_days, margin_days=10)
    results = [cluster_window(job, Settings()) for job in windows.jobs]
    feats = {it.feats.article: it.feats for it in items}
    groups = place_undated(reconcile(windows, results), feats, windows.undated, Settings())
    groups = attach_late(groups, windows.late)
    return sorted((set(g) for g in groups), key=sorted)


def test_an_event_reported_across_a_window_boundary_is_one_event() -> None:
    items = [
        Item(0, _feats("strike-1", STRIKE, 0)),
        Item(0, _feats("quake-1", QUAKE, 28)),
        Item(1, _feats("quake-2", QUAKE, 30)),  # the next window's core
        Item(1, _feats("quake-3", QUAKE, 32)),
    ]
    assert len(cut(items, 30, 10).jobs) == 2
    assert _run(items) == [{"quake-1", "quake-2", "quake-3"}, {"strike-1"}]


def test_windows_give_what_clustering_the_whole_run_at_once_gives() -> None:
    items = []
    for i in range(40):  # three kinds of event recurring over a year, a few days apart
        terms = (QUAKE, STRIKE, FIRE)[i % 3]
        items.append(Item(i // 4, _feats(f"a{i:02d}", terms, (i // 3) * 9)))
    whole = cluster([it.feats for it in items], Settings())
    assert _run(items) == sorted((set(g) for g in whole), key=sorted)


def test_look_alike_events_far_apart_in_time_stay_apart() -> None:
    items = [
        Item(0, _feats("quake-2024", QUAKE, 0)),
        Item(0, _feats("quake-2024b", QUAKE, 1)),
        Item(1, _feats("quake-later", QUAKE, 200)),
    ]
    assert _run(items) == [{"quake-2024", "quake-2024b"}, {"quake-later"}]


def test_articles_without_any_date_join_the_event_they_report() -> None:
    items = [
        Item(0, _feats("quake-1", QUAKE, 5)),
        Item(0, _feats("strike-1", STRIKE, 6)),
        Item(1, _feats("quake-undated", QUAKE, None)),
    ]
    assert _run(items) == [{"quake-1", "quake-undated"}, {"strike-1"}]


def test_a_copy_re_run_months_later_goes_with_its_original_and_draws_no_new_event_in() -> None:
    late_copy = _feats("quake-copy", QUAKE, 120)
    late_copy.duplicate_of = "quake-1"
    items = [
        Item(0, _feats("quake-1", QUAKE, 0)),
        Item(0, _feats("quake-2", QUAKE, 1)),
        Item(3, late_copy),
        Item(3, _feats("quake-again", QUAKE, 121)),  # a new quake, reported the next day
    ]
    expected = [{"quake-1", "quake-2", "quake-copy"}, {"quake-again"}]
    assert sorted((set(g) for g in cluster([it.feats for it in items])), key=sorted) == expected
    assert _run(items) == expected
