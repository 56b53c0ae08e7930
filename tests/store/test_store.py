"""The storage interface, the same on both engines: every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from storylens.records import Article, Removal, Trigger
from storylens.store import Store, open_store
from storylens.store.migrations import MIGRATIONS


def _article(i: int, *, title: str | None = None, text: str | None = None) -> Article:
    return Article(
        source=f"file{i}.txt",
        raw=f"raw {i}",
        id=f"{i:016x}",
        title=title,
        text=text or f"Body {i}.",
        removed=[Removal(text="Advertisement", reason="boilerplate")],
        sentences=[(0, 7)],
    )


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as s:
        yield s


def test_a_new_database_is_brought_to_the_latest_schema_and_records_each_migration(
    store: Store,
) -> None:
    versions = [r["version"] for r in store.query("SELECT version FROM migrations ORDER BY 1")]
    assert versions == [v for v, _, _ in MIGRATIONS]


def test_reopening_a_database_applies_nothing_twice(db_url: str) -> None:
    open_store(db_url).close()
    with open_store(db_url) as store:
        assert store.count("articles") == 0
        assert len(store.query("SELECT * FROM migrations")) == len(MIGRATIONS)


def test_storing_the_same_article_twice_stores_it_once(store: Store) -> None:
    assert store.put_articles([("k1", _article(1)), ("k2", _article(2))]) == 2
    assert store.put_articles([("k1", _article(1)), ("k3", _article(1))]) == 0
    assert store.count("articles") == 2
    assert store.known_inputs(["k1", "k3", "k9"]) == {"k1": f"{1:016x}", "k3": f"{1:016x}"}


def test_an_article_comes_back_as_it_was_stored(store: Store) -> None:
    store.put_articles([("k", _article(7))])
    back = store.article(f"{7:016x}")
    assert back is not None
    assert back.text == "Body 7."
    assert back.removed == [Removal(text="Advertisement", reason="boilerplate")]
    assert back.sentences == [(0, 7)]
    assert store.article("nope") is None


def test_trigger_words_come_back_and_an_article_without_them_comes_back_without(
    store: Store,
) -> None:
    word = Trigger(start=0, end=4, key="~kill", trigger=True, candidate=True, clause_start=0,
                   clause_end=7, negated=True, modifiers=["arm"])  # fmt: skip
    store.put_articles([("k1", _article(1)), ("k2", _article(2))])
    with_words = _article(1)
    with_words.triggers = [word]
    store.update_articles([with_words])
    back = store.article(f"{1:016x}")
    assert back is not None
    assert back.triggers == [word]
    old = store.article(f"{2:016x}")  # None, not []: the comparison re-parses it
    assert old is not None
    assert old.triggers is None


def test_articles_come_back_in_the_order_they_were_stored_however_many(store: Store) -> None:
    ids = [9000 - i for i in range(1203)]  # more than one page of the reader, not id order
    store.put_articles([(f"k{i}", _article(i)) for i in ids])
    assert [int(a.id, 16) for a in store.articles()] == ids
    some = [f"{i:016x}" for i in (8000, 8999, 8500)]
    assert [a.id for a in store.articles(some)] == [f"{i:016x}" for i in (8999, 8500, 8000)]


def test_updated_articles_keep_their_new_fields(store: Store) -> None:
    art = _article(1)
    store.put_articles([("k", art)])
    art.duplicate_of, art.published = "abc", "2024-03-17"
    store.update_articles([art])
    back = store.article(art.id)
    assert back is not None
    assert (back.duplicate_of, back.published) == ("abc", "2024-03-17")


def _store_then_die(store: Store) -> None:
    with store.atomic():
        store.put_articles([("k1", _article(1))])
        raise RuntimeError("killed")


def _set_state_then_die(store: Store) -> None:
    with store.atomic():
        store.set_state("x", "1")
        raise RuntimeError("inner")


def test_a_batch_that_fails_half_way_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(RuntimeError):
        _store_then_die(store)
    assert store.count("articles") == 0
    assert store.known_inputs(["k1"]) == {}


def test_a_failing_inner_step_rolls_back_only_itself(store: Store) -> None:
    with store.atomic():
        store.put_articles([("k1", _article(1))])
        with pytest.raises(RuntimeError):
            _set_state_then_die(store)
    assert store.count("articles") == 1
    assert store.get_state("x") is None


def test_state_is_kept_and_overwritten(store: Store) -> None:
    store.set_state("a", "1")
    store.set_state("a", "2")
    assert store.get_state("a") == "2"
    assert store.get_state("b") is None


def test_events_are_stored_with_their_members_and_replaced_on_update(store: Store) -> None:
    store.put_articles([("k1", _article(1)), ("k2", _article(2))])
    store.put_events([{"id": "e1", "date": "2025-01-01", "articles": [f"{1:016x}", f"{2:016x}"]}])
    store.put_events([{"id": "e1", "date": "2025-01-02", "articles": [f"{1:016x}"]}])
    assert store.events() == [{"id": "e1", "date": "2025-01-02", "articles": [f"{1:016x}"]}]
    assert store.count("event_articles") == 1
    assert store.event("e1") == store.events()[0]
    assert store.event("e2") is None


def test_events_are_listed_newest_first_with_undated_ones_last(store: Store) -> None:
    store.put_events(
        [
            {"id": "a", "date": None},
            {"id": "b", "date": "2024-01-01"},
            {"id": "c", "date": "2025-06-01"},
            {"id": "d", "date": "2025-06-01"},
        ]
    )
    assert [e["id"] for e in store.events()] == ["c", "d", "b", "a"]


def test_an_event_row_once_written_is_kept_by_a_later_add_and_can_be_deleted(
    store: Store,
) -> None:
    store.put_articles([("k1", _article(1)), ("k2", _article(2))])
    with store.atomic():
        store.add_event("e1", "2024-01-01", "first", json.dumps({"id": "e1", "v": 1}))
        store.add_event("e1", "2024-01-01", "second", json.dumps({"id": "e1", "v": 2}))
        store.set_event_members("e1", [f"{1:016x}", f"{2:016x}"])
    assert store.event("e1") == {"id": "e1", "v": 1}
    assert store.count("event_articles") == 2
    store.delete_event("e1")
    assert (store.count("events"), store.count("event_articles")) == (0, 0)


def test_event_features_come_back_in_storage_order_with_their_event(store: Store) -> None:
    store.put_articles([(f"k{i}", _article(i)) for i in (1, 2, 3)])
    store.put_event_features([(f"{i:016x}", i, json.dumps({"n": i})) for i in (3, 1)])
    store.put_event_features([(f"{2:016x}", None, "{}"), (f"{3:016x}", 9, '{"n": 33}')])
    store.put_events([{"id": "e", "date": None, "articles": [f"{1:016x}"]}])
    rows = [(r["article_id"], r["data"], r["event_id"]) for r in store.event_features()]
    assert rows == [
        (f"{3:016x}", '{"n": 33}', None),
        (f"{1:016x}", '{"n": 1}', "e"),
        (f"{2:016x}", "{}", None),
    ]


def test_learned_furniture_counts_add_up_and_each_article_counts_once(store: Store) -> None:
    assert store.record_site_articles([("s", "a1"), ("s", "a2")]) == {("s", "a1"), ("s", "a2")}
    assert store.record_site_articles([("s", "a2"), ("s", "a3")]) == {("s", "a3")}
    store.add_site_lines({("s", "h1"): 2, ("s", "h2"): 1})
    store.add_site_lines({("s", "h1"): 3, ("t", "h1"): 7})
    assert store.site_line_counts("s", ["h1", "h2", "h3"]) == {"h1": 5, "h2": 1}


def test_minhash_signatures_keep_their_bytes_day_and_storage_order(store: Store) -> None:
    sig = bytes(range(256)) * 2
    store.add_minhashes(
        [
            ("a", 100, None, "affine32", sig),
            ("b", 200, "a", "affine32", sig[::-1]),
            ("c", None, None, "affine64", b"\x00\x01"),
        ]
    )
    store.add_minhashes([("a", 999, None, "x", b"")])  # a known id keeps what it had
    near = store.minhashes(50, 150, recent=0)
    assert [(r["article_id"], r["day"], bytes(r["signature"])) for r in near] == [("a", 100, sig)]
    recent = store.minhashes(None, None, recent=2)
    assert [r["article_id"] for r in recent] == ["b", "c"]
    assert recent[0]["seq"] < recent[1]["seq"]
    by_id = store.minhashes_of(["c", "b", "zz"])
    assert sorted(by_id) == ["b", "c"]
    assert by_id["b"]["duplicate_of"] == "a"
    assert bytes(by_id["c"]["signature"]) == b"\x00\x01"


def test_counting_an_unknown_table_is_refused(store: Store) -> None:
    from storylens.errors import StoreError

    with pytest.raises(StoreError, match="unknown table"):
        store.count("migrations; DROP TABLE articles")


def test_an_article_with_a_nul_character_is_stored_and_found_again(store: Store) -> None:
    art = _article(5, title="A\x00title", text="Before\x00after.")
    art.outlet = "Wire\x00"
    assert store.put_articles([("k", art)]) == 1
    store.put_events([{"id": "e", "title": "Ev\x00", "actors": [{"name": "N\x00"}]}])
    back = store.article(art.id)
    assert back is not None
    # PostgreSQL text cannot hold NUL: there it is the replacement character
    assert back.text.replace("\ufffd", "\x00") == "Before\x00after."
    assert store.event("e") is not None


def test_writers_take_turns_instead_of_interleaving(db_url: str) -> None:
    import threading

    first, second = open_store(db_url), open_store(db_url)
    done = threading.Event()

    def write_second() -> None:
        second.set_state("who", "second")
        done.set()

    with first.atomic():
        first.set_state("who", "first")
        other = threading.Thread(target=write_second)
        other.start()
        assert not done.wait(0.5)  # waits for the first writer's transaction
    other.join(timeout=20)
    assert done.is_set()
    assert first.get_state("who") == "second"
    first.close()
    second.close()


def test_a_postgresql_database_of_another_schema_is_refused_in_one_line(pg_url: str) -> None:
    import psycopg

    from storylens.errors import StoreError

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE articles (something integer)")
    with pytest.raises(StoreError) as caught:
        open_store(pg_url)
    assert "cannot set up the storylens schema" in str(caught.value)
    assert "\n" not in str(caught.value)
