"""Learned furniture: a site's recurring lines are found from the corpus itself."""

from __future__ import annotations

from pathlib import Path

from storylens.clean.identity import article_id
from storylens.clean.repeats import RepeatedLines, site_of
from storylens.records import Article
from storylens.settings import Settings
from storylens.store.sqlite import SQLiteStore

FOOTER = "Northgate Observer Weekly Digest"
STORIES = [
    "Dockworkers in Port Salen walked out on Tuesday.",
    "Reyvik flew to Brannock for talks with Morlan.",
    "Dr. Hana Obuya recorded a magnitude 4.1 tremor near Port Salen.",
    "Petra Ilsung ordered extra police to the harbour.",
    "Oren Vash said Kestrel would answer the note within a week.",
]


def article(story: str, n: int, site: str = "northgateobserver.example") -> Article:
    text = (
        f"{story}\n\nMore from the north\n\nLisa Farrow spoke for the union, item {n}.\n\n{FOOTER}"
    )
    return Article(source=f"s{n}", url=f"https://{site}/{n}", text=text, id=article_id(text))


def test_lines_repeated_across_a_sites_articles_are_removed_within_one_batch() -> None:
    batch = [article(s, i) for i, s in enumerate(STORIES[:3])]
    with SQLiteStore() as store:
        RepeatedLines(store, Settings(min_repeat_articles=3)).remove(batch)
    for art, story in zip(batch, STORIES, strict=False):
        assert FOOTER not in art.text
        assert "More from the north" not in art.text
        assert art.text.startswith(story)
        assert [(r.reason, r.text) for r in art.removed] == [
            ("repeated", "More from the north"),
            ("repeated", FOOTER),
        ]
        assert art.id == article_id(art.text)


def test_real_sentences_are_never_learned_as_furniture_even_when_repeated() -> None:
    background = "Valdoria and the Kestrel Republic have disputed the harbour since 1998."
    batch = [
        Article(
            source=f"x{i}",
            url="https://northgateobserver.example/x",
            text=f"{story}\n\n{background}",
            id=article_id(f"{story}\n\n{background}"),
        )
        for i, story in enumerate(STORIES)
    ]
    with SQLiteStore() as store:
        RepeatedLines(store, Settings(min_repeat_articles=3)).remove(batch)
    assert all(a.text.endswith(background) and a.removed == [] for a in batch)


def test_counts_persist_so_a_later_run_recognises_the_furniture(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    settings = Settings(min_repeat_articles=3)
    with SQLiteStore(db) as store:
        first = [article(s, i) for i, s in enumerate(STORIES[:2])]
        RepeatedLines(store, settings).remove(first)
        assert all(FOOTER in a.text for a in first)  # two articles prove nothing yet
    with SQLiteStore(db) as store:
        later = [article(STORIES[2], 2)]
        RepeatedLines(store, settings).remove(later)
        assert FOOTER not in later[0].text


def test_cleaning_the_same_batch_again_does_not_count_it_twice() -> None:
    settings = Settings(min_repeat_articles=3)
    with SQLiteStore() as store:
        for _ in range(3):
            again = [article(s, i) for i, s in enumerate(STORIES[:2])]
            RepeatedLines(store, settings).remove(again)
        assert all(FOOTER in a.text for a in again)


def test_sites_are_counted_apart_and_articles_without_a_site_are_left_alone() -> None:
    batch = [article(STORIES[0], 0, "a.example"), article(STORIES[1], 1, "b.example")]
    batch.append(article(STORIES[2], 2, "c.example"))
    nowhere = Article(source="n", text=f"{STORIES[3]}\n\n{FOOTER}", id="n")
    with SQLiteStore() as store:
        RepeatedLines(store, Settings(min_repeat_articles=2)).remove([*batch, nowhere])
    assert all(FOOTER in a.text for a in [*batch, nowhere])
    assert site_of(nowhere) is None
    assert site_of(Article(source="o", outlet="Harbor Wire")) == "outlet:Harbor Wire"


def test_a_sentence_in_which_the_site_speaks_of_itself_is_learned_as_its_footer() -> None:
    footer = "Northgate Observer stories may be quoted with a link to the original."
    background = "Valdoria and the Kestrel Republic have disputed the harbour since 1998."
    batch = []
    for i, story in enumerate(STORIES[:3]):
        text = f"{story}\n\n{background}\n\n{footer}"
        batch.append(
            Article(source=f"f{i}", outlet="Northgate Observer", text=text, id=article_id(text))
        )
    with SQLiteStore() as store:
        RepeatedLines(store, Settings(min_repeat_articles=3)).remove(batch)
    for art in batch:
        assert art.text.endswith(background)
        assert [(r.reason, r.text) for r in art.removed] == [("repeated", footer)]
