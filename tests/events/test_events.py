"""Articles are grouped by the real-world event they report; look-alikes stay apart."""

import copy
import itertools
import json

import pytest

from storylens.events import EventFeatures, EventIndex, cluster, describe, features, inherit_dates
from storylens.events.features import FEATURES_VERSION
from storylens.events.grouping import REPLACED, Clusterer
from storylens.events.pairs import FEATURES, probability
from storylens.nlp.temporal import annotate
from storylens.records import Article, Entity
from storylens.store.sqlite import SQLiteStore

TEHRAN = {"000", "001", "002", "003"}


def _events(arts):
    feats = [features(a) for a in arts]
    by_id = {f.article: f for f in feats}
    return describe([[by_id[i] for i in g] for g in cluster(feats)])


def test_four_reports_of_the_tehran_meeting_form_one_event(seeds):
    groups = {frozenset(g) for g in cluster([features(a) for a in seeds])}
    assert groups == {frozenset(TEHRAN), frozenset({"004"})}


def test_the_event_is_dated_by_its_reports_and_located_in_tehran(seeds):
    (tehran,) = [e for e in _events(seeds) if set(e["articles"]) == TEHRAN]
    assert tehran["title"] in {features(a).title for a in seeds if a.id in TEHRAN}
    assert tehran["date"] == "2024-03-16"
    assert tehran["locations"][0] == "Tehran"
    texts = {a.id: a.text for a in seeds}
    assert tehran["date_evidence"]
    for ev in tehran["date_evidence"]:
        assert texts[ev["article"]][ev["start"] : ev["end"]] == ev["text"]
    evidence = {(ev["article"], ev["text"]) for ev in tehran["date_evidence"]}
    # 001 is undated, but its "on Saturday" agrees with the event's day
    assert evidence >= {("000", "Saturday"), ("001", "Saturday"), ("002", "yesterday")}


def test_the_look_alike_meeting_is_a_separate_event_linked_as_look_alike(seeds):
    events = {frozenset(e["articles"]): e for e in _events(seeds)}
    tehran, other = events[frozenset(TEHRAN)], events[frozenset({"004"})]
    assert {"event": other["id"], "relation": "look-alike"} in tehran["related"]
    assert {"event": tehran["id"], "relation": "look-alike"} in other["related"]


def test_undated_reports_take_their_events_date(seeds):
    arts = copy.deepcopy(seeds)
    inherit_dates(arts, _events(arts))
    dates = {a.id: a.event_date for a in arts}
    assert dates["001"] == dates["003"] == "2024-03-16"


@pytest.mark.parametrize("order", list(itertools.permutations(range(5)))[::17])
def test_incremental_placement_matches_the_batch_grouping_in_any_order(seeds, order):
    store = SQLiteStore()
    store.put_articles([(a.id, a) for a in seeds])
    for i in order:  # one article per run, each run a fresh index over the same store
        EventIndex(store).add([seeds[i]])
    rows = store.query("SELECT article_id, event_id FROM event_articles")
    by_event: dict[str, set[str]] = {}
    for r in rows:
        by_event.setdefault(r["event_id"], set()).add(r["article_id"])
    assert {frozenset(g) for g in by_event.values()} == {frozenset(TEHRAN), frozenset({"004"})}
    stored = {r["id"] for r in store.query("SELECT id FROM events")}
    assert stored == set(by_event)  # no event left without articles


def test_an_article_placed_again_keeps_its_event(seeds):
    store = SQLiteStore()
    store.put_articles([(a.id, a) for a in seeds])
    first = EventIndex(store).add(seeds)
    again = EventIndex(store).add(seeds)
    assert first == again
    assert store.count("event_articles") == 5


def test_the_same_article_twice_in_one_batch_is_placed_once(seeds):
    store = SQLiteStore()
    store.put_articles([(a.id, a) for a in seeds])
    index = EventIndex(store)
    index.add([*seeds, seeds[0]])
    (event,) = [e for e in index.describe() if seeds[0].id in e["articles"]]
    assert event["articles"].count(seeds[0].id) == 1
    assert store.count("event_articles") == 5
    assert {e["id"] for e in index.describe()} == {
        r["id"] for r in store.query("SELECT id FROM events")
    }


def _report(aid, text, published):
    art = Article(source=aid, id=aid, text=text, published=published)
    for name, label in (("Ashtiani", "PERSON"), ("Abbas", "PERSON"), ("Tehran", "GPE")):
        start = text.index(name)
        art.entities.append(Entity(start=start, end=start + len(name), label=label, text=name))
    annotate(art)
    return art


TEXT = "Defence ministers Ashtiani and Abbas met in Tehran on Saturday to discuss cooperation."


def test_the_same_words_on_clearly_different_days_are_different_events():
    march = _report("a", TEXT, "2024-03-17")
    june = _report("b", TEXT, "2024-06-16")
    assert sorted(map(sorted, cluster([features(march), features(june)]))) == [["a"], ["b"]]


def test_reports_a_day_apart_on_the_date_are_still_one_event():
    one = _report("a", TEXT, "2024-03-17")  # Saturday the 16th
    two = _report("b", TEXT.replace("on Saturday", "yesterday"), "2024-03-16")  # the 15th
    assert [sorted(g) for g in cluster([features(one), features(two)])] == [["a", "b"]]


def test_the_same_words_on_the_same_day_are_one_event():
    one, two = (
        _report("a", TEXT, "2024-03-17"),
        _report("b", TEXT + " Talks went on.", "2024-03-17"),
    )
    assert cluster([features(one), features(two)]) == [["a", "b"]]


def test_a_near_copy_joins_the_event_of_its_original():
    original = _report("a", TEXT, "2024-03-17")
    copy_ = _report("b", "Unrelated words entirely about football. " + TEXT, "2024-06-30")
    copy_.duplicate_of = "a"
    assert cluster([features(original), features(copy_)]) == [["a", "b"]]


def _undated_text(aid: str, published: str) -> EventFeatures:
    # the text dates nothing: only the publication day tells these reports apart
    return EventFeatures(
        article=aid,
        terms={"earthquake": 2.0, "rescue": 1.0, "collapsed": 1.0},
        names={"Brannock": 1.0},
        published=published,
        anchor_year=int(published[:4]),
    )


def test_reports_published_within_days_of_each_other_are_one_event():
    feats = [_undated_text("a", "2024-03-01"), _undated_text("b", "2024-03-04")]
    assert [sorted(g) for g in cluster(feats)] == [["a", "b"]]


def test_an_article_published_weeks_after_every_report_of_an_event_is_not_in_it():
    feats = [_undated_text("a", "2024-03-01"), _undated_text("b", "2024-03-16")]
    assert sorted(map(sorted, cluster(feats))) == [["a"], ["b"]]


def test_a_copy_re_run_months_later_joins_its_original_but_brings_no_new_report_in():
    copy_ = _undated_text("copy", "2024-07-01")
    copy_.duplicate_of = "a"
    feats = [_undated_text("a", "2024-03-01"), copy_, _undated_text("new", "2024-07-02")]
    assert sorted(map(sorted, cluster(feats))) == [["a", "copy"], ["new"]]


def test_event_features_round_trip_through_json(seeds):
    f = features(seeds[0])
    assert type(f).from_dict(f.to_dict()) == f


@pytest.mark.parametrize("later_published", ["2024-03-24", "2024-04-07"])
def test_a_later_development_with_the_same_people_follows_the_first_event(later_published):
    first = _report("a", TEXT, "2024-03-17")
    later = _report("b", TEXT, later_published)  # the same ministers meet again weeks on
    events = {e["articles"][0]: e for e in _events([first, later])}
    assert events["a"]["related"] == [{"event": events["b"]["id"], "relation": "precedes"}]
    assert events["b"]["related"] == [{"event": events["a"]["id"], "relation": "follows"}]


def test_undated_reports_whose_text_dates_disagree_by_days_are_still_one_event():
    # no publication date: the day is read from the text alone, which is too weak to veto
    one = _report("a", TEXT.replace("on Saturday", "on March 11, 2024"), None)
    two = _report("b", TEXT.replace("on Saturday", "on March 16, 2024"), None)
    f1, f2 = features(one), features(two)
    assert abs(f1.day - f2.day) == 5
    assert [sorted(g) for g in cluster([f1, f2])] == [["a", "b"]]


def test_published_reports_whose_leads_disagree_by_days_stay_apart():
    one = _report("a", TEXT.replace("on Saturday", "on March 11, 2024"), "2024-03-11")
    two = _report("b", TEXT.replace("on Saturday", "on March 16, 2024"), "2024-03-16")
    assert sorted(map(sorted, cluster([features(one), features(two)]))) == [["a"], ["b"]]


def _tagged(aid, text, published, names):
    """A report whose named people and places are tagged by hand (no NLP model needed)."""
    art = Article(source=aid, id=aid, text=text, published=published)
    for name, label in names:
        start = text.index(name)
        art.entities.append(Entity(start=start, end=start + len(name), label=label, text=name))
    annotate(art)
    return art


def test_other_people_other_years_and_other_sums_each_make_one_event_less_likely():
    same = dict.fromkeys(FEATURES, 0.0) | {"words": 0.5, "names": 0.5, "lead": 0.5, "caps": 0.5}
    same |= {"persons": 1.0, "years": 1.0, "numbers": 0.5, "days_close": 1.0}
    base = probability([same[f] for f in FEATURES])
    for change in (
        {"persons": 0.0, "no_shared_person": 1.0},
        {"years": 0.0, "latest_year_differs": 1.0},
        {"numbers": 0.0},
        {"days_close": 0.0, "days_apart": 1.0},
    ):
        assert probability([(same | change)[f] for f in FEATURES]) < base, change


QUAKE = (
    "A magnitude {m} earthquake shook Brannock on {day}, damaging houses near the harbour. "
    "Seismologist Ada Obuya said aftershocks were likely along the coastal fault."
)
FIRE = (
    "A fire destroyed a fuel depot in Brannock on {day}. Firefighters fought the blaze for "
    "six hours and the cause of the fire is under investigation, Chief Tom Reyes said."
)


def _relations(arts):
    events = _events(arts)
    by_first = {e["articles"][0]: e for e in events}
    ids = {e["id"]: e["articles"][0] for e in events}
    return {
        (first, ids[link["event"]], link["relation"])
        for first, e in by_first.items()
        for link in e["related"]
    }


def test_an_earthquake_in_the_same_place_months_later_is_a_look_alike():
    one = _tagged(
        "q1",
        QUAKE.format(m="6.1", day="Monday"),
        "2024-08-20",
        [("Brannock", "GPE"), ("Ada Obuya", "PERSON")],
    )
    two = _tagged(
        "q2",
        QUAKE.format(m="5.4", day="Tuesday"),
        "2025-01-08",
        [("Brannock", "GPE"), ("Ada Obuya", "PERSON")],
    )
    assert _relations([one, two]) == {("q1", "q2", "look-alike"), ("q2", "q1", "look-alike")}


def test_another_kind_of_event_in_the_same_place_is_not_linked():
    quake = _tagged(
        "q1",
        QUAKE.format(m="6.1", day="Monday"),
        "2025-05-20",
        [("Brannock", "GPE"), ("Ada Obuya", "PERSON")],
    )
    fire = _tagged(
        "f1",
        FIRE.format(day="Tuesday"),
        "2025-06-04",
        [("Brannock", "GPE"), ("Tom Reyes", "PERSON")],
    )
    events = _events([quake, fire])
    assert len(events) == 2
    assert all(e["related"] == [] for e in events)


def test_settling_joins_two_events_opened_for_one_happening_and_keeps_the_look_alike(seeds):
    # one happening split in two, as placing articles one at a time can leave it
    feats = {a.id: features(a) for a in seeds}
    c = Clusterer()
    c.count(feats.values())
    for key, ids in (("ev-a", ["000", "001"]), ("ev-b", ["002", "003"]), ("ev-c", ["004"])):
        for aid in ids:
            c.join(key, feats[aid])
    c.settle(["ev-a", "ev-b", "ev-c"])
    assert {frozenset(g) for g in c.groups()} == {frozenset(TEHRAN), frozenset({"004"})}


def test_a_report_keeps_the_specifics_that_tell_look_alikes_apart():
    text = (
        "Robbers took jewels worth 85 million euros from the Harry Winston store in Paris "
        "on Thursday. The 2008 raid was bigger than one in 2003, police said; 4 men fled."
    )
    f = features(_tagged("h", text, "2008-12-05", [("Paris", "GPE")]))
    assert f.numbers == ["85000000"]  # years and small counts are not sums
    assert f.years == [2003, 2008]
    assert {"harry", "winston", "paris"} <= set(f.caps)
    assert "robbers" not in f.caps  # a sentence opener is not a name
    assert "the" not in f.caps


@pytest.mark.parametrize("written", ["$2.6 million", "$2. 6 million", "$2.6-million", "2.6 mn"])
def test_a_sum_is_one_value_however_it_is_written(written):
    f = features(_tagged("s", f"Thieves took jewels worth {written} in Paris.", "2013-09-09", []))
    assert f.numbers == ["2600000"]


def test_a_name_with_or_without_its_accents_is_one_name():
    with_accent = features(_tagged("a", "Thieves hit a store on Place Vendôme.", "2013-09-09", []))
    without = features(_tagged("b", "Thieves hit a store on Place Vendome.", "2013-09-09", []))
    assert "vendome" in with_accent.caps
    assert with_accent.caps == without.caps
    assert with_accent.terms == without.terms


def test_weekdays_months_and_time_zones_are_not_taken_for_names():
    text = "Robbers hit the Casty store in Paris early on Monday, 9 September, at 4 AM GMT."
    f = features(_tagged("c", text, "2013-09-09", []))
    assert {"casty", "paris"} <= set(f.caps)
    assert not {"monday", "september", "am", "gmt"} & set(f.caps)


class _CountingPlacements(Clusterer):
    """The real clusterer, counting how many articles it looks for an event for."""

    def __init__(self) -> None:
        super().__init__()
        self.placed: list[str] = []

    def best(self, f, exclude=None):
        self.placed.append(f.article)
        return super().best(f, exclude)


def _strike_report(i: int, day: int | None = None) -> EventFeatures:
    return EventFeatures(
        article=f"r{i:03}",
        terms={"dockworkers": 2.0, "strike": 2.0, "harbour": 1.0, f"detail{i}": 1.0},
        names={"rotterdam": 1.0},
        lead={"rotterdam": 1.0},
        locations=["Rotterdam"],
        day=day,
        published="2025-03-0" + str(1 + i % 3) if day is not None else None,
        date_evidence={"start": 0, "end": 8, "text": "Saturday"} if day is not None else None,
    )


def test_settling_a_grown_event_places_only_its_latest_members_again():
    # a batch must cost the same however many reports its events have gathered
    c = _CountingPlacements()
    reports = [_strike_report(i) for i in range(200)]
    c.count(reports)
    for f in reports:
        c.join("ev-strike", f)
    c.settle(["ev-strike"])
    assert sorted(c.placed) == sorted(f.article for f in reports[-REPLACED:])
    assert [sorted(g) for g in c.groups()] == [sorted(f.article for f in reports)]


def test_an_events_day_follows_its_confidently_dated_reports_as_they_come_and_go():
    c = Clusterer()
    days = [739300, 739301, 739301, 739310]
    reports = [_strike_report(i, day) for i, day in enumerate(days)]
    c.count(reports)
    for f in reports[:3]:
        c.join("ev-strike", f)
    assert c.events["ev-strike"].sure_day() == 739301
    c.join("ev-strike", reports[3])
    c.leave("ev-strike", reports[1])
    c.leave("ev-strike", reports[2])
    assert c.events["ev-strike"].sure_day() == 739310  # the upper middle of an even count
    c.leave("ev-strike", reports[3])
    assert c.events["ev-strike"].sure_day() == 739300


def test_features_stored_by_an_older_version_are_computed_again_and_kept(seeds):
    # a store analysed before sums were read in full held "85" where new reports hold
    # "85000000": its reports must be compared with new ones on the same terms
    store = SQLiteStore()
    store.put_articles([(a.id, a) for a in seeds])
    EventIndex(store).add(seeds)
    (row,) = store.query("SELECT data FROM event_features WHERE article_id = '000'")
    old = json.loads(row["data"])
    old.pop("version")
    old["numbers"] = ["stale"]
    store.execute("UPDATE event_features SET data = ? WHERE article_id = '000'", (json.dumps(old),))
    index = EventIndex(store)
    assert index.clusterer.features["000"].numbers == features(seeds[0]).numbers
    (row,) = store.query("SELECT data FROM event_features WHERE article_id = '000'")
    assert json.loads(row["data"])["version"] == FEATURES_VERSION
    assert {frozenset(g) for g in index.clusterer.groups()} == {
        frozenset(TEHRAN),
        frozenset({"004"}),
    }
