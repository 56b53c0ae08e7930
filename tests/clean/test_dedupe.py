"""Near-duplicates: wire copy republished elsewhere points at the original."""

from __future__ import annotations

from pathlib import Path

from storylens.clean.dedupe import NearDuplicates, day_number, shingles
from storylens.clean.identity import article_id
from storylens.records import Article
from storylens.settings import Settings
from storylens.store.sqlite import SQLiteStore

WIRE = (
    "PORT SALEN, March 3 (Harbor Wire) - Dockworkers in Port Salen walked off the job on "
    "Tuesday after talks with the harbour authority broke down, union leader Lisa Farrow "
    "said. The strike halted loading at all four quays of the Valdorian capital's port, "
    "and harbour authority spokesman Dario Menck said 40 ships were waiting offshore. "
    "Farrow said the union wanted a written guarantee that no jobs would be cut when the "
    "new cranes arrive next year. Menck said the authority had offered talks on Thursday."
)
OTHER = (
    "Seismologist Dr. Hana Obuya of the Valdorian Geological Institute said a magnitude "
    "4.1 tremor shook the coast north of Port Salen early on Wednesday. No damage was "
    "reported, and the institute said aftershocks were possible over the coming days."
)


def art(text: str, published: str | None = "2026-03-03", source: str = "x") -> Article:
    return Article(source=source, text=text, id=article_id(text), published=published)


def test_a_syndicated_copy_points_at_the_wire_original() -> None:
    original = art(WIRE, "2026-03-03", "wire")
    copy = art(WIRE.replace("Harbor Wire", "HW") + "\n\nCoastline Daily — news", "2026-03-04")
    unrelated = art(OTHER)
    with SQLiteStore() as store:
        NearDuplicates(store, Settings()).mark([copy, unrelated, original])
    assert original.duplicate_of is None
    assert copy.duplicate_of == original.id
    assert unrelated.duplicate_of is None


def test_copies_of_copies_point_at_the_root() -> None:
    a = art(WIRE, "2026-03-03")
    b = art(WIRE + " The union meets again on Friday.", "2026-03-04")
    c = art(WIRE + " The union meets again on Friday. Ships wait.", "2026-03-05")
    with SQLiteStore() as store:
        NearDuplicates(store, Settings()).mark([c, b, a])
    assert (a.duplicate_of, b.duplicate_of, c.duplicate_of) == (None, a.id, a.id)


def test_a_later_run_finds_copies_of_articles_stored_earlier(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    first = art(WIRE, "2026-03-03")
    with SQLiteStore(db) as store:
        NearDuplicates(store, Settings()).mark([first])
    later = art(WIRE + " Talks resume on Thursday.", "2026-03-10")
    undated = art(WIRE + " Talks resume on Friday.", None)
    again = art(WIRE, "2026-03-03")
    with SQLiteStore(db) as store:
        NearDuplicates(store, Settings()).mark([later, undated, again])
    assert later.duplicate_of == first.id
    assert undated.duplicate_of == first.id
    assert again.duplicate_of is None  # the same article read twice is not its own copy


def test_articles_far_apart_in_time_are_only_compared_through_recent_signatures() -> None:
    with SQLiteStore() as store:
        nd = NearDuplicates(store, Settings(duplicate_window_days=5))
        nd.mark([art(WIRE, "2020-01-01")])
        rows = store.minhashes(day_number("2026-01-01"), day_number("2026-02-01"), 0)
        assert rows == []
        assert len(store.minhashes(None, None, 10)) == 1


def test_shingles_are_word_five_grams_of_the_folded_text() -> None:
    assert shingles("One two, THREE four five six") == {
        b"one two three four five",
        b"two three four five six",
    }
    assert shingles("Short text") == {b"short text"}
    assert day_number("2026-03-03T10:00:00Z") == day_number("2026-03-03")
    assert day_number("soon") is None
