"""Walking what the user named: folders in sorted order, streamed, one key per input."""

from __future__ import annotations

import json
from pathlib import Path

import storylens
from storylens.ingest import input_key, read_paths
from storylens.records import Article, Rejected
from storylens.settings import Settings

from .inputs import Reader, page


def test_a_directory_is_read_recursively_in_sorted_order_with_sources_joined_to_the_given_path(
    tmp_path: Path, read: Reader
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed story.", encoding="utf-8")
    (tmp_path / "b" / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ay story.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "See story."}) + "\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Not read.", encoding="utf-8")
    given = str(tmp_path) + "/"
    sources = [item.source for item in read(given)]
    assert sources == [given + "a.txt", given + "b/a.html", given + "b/z.txt", given + "c.jsonl:1"]


def test_a_mixed_folder_yields_every_good_article_and_one_rejection_per_bad_file(
    tmp_path: Path, read: Reader
) -> None:
    (tmp_path / "1.txt").write_text("A good story.", encoding="utf-8")
    (tmp_path / "2.pdf").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "3.txt").write_bytes(b"")
    (tmp_path / "4.jsonl").write_text('{"text": "Line one."}\n{oops\n', encoding="utf-8")
    (tmp_path / "5.txt").write_text("Another good story.", encoding="utf-8")
    kinds = [(Path(i.source).name, type(i).__name__) for i in read(tmp_path)]
    assert kinds == [
        ("1.txt", "Article"),
        ("2.pdf", "Rejected"),
        ("3.txt", "Rejected"),
        ("4.jsonl:1", "Article"),
        ("4.jsonl:2", "Rejected"),
        ("5.txt", "Article"),
    ]


def test_reading_is_lazy_so_a_file_is_opened_only_when_its_turn_comes(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text("First story.", encoding="utf-8")
    (tmp_path / "2.txt").write_text("Second story, first version.", encoding="utf-8")
    items = read_paths([str(tmp_path)], Settings())
    first = next(items)
    (tmp_path / "2.txt").write_text(
        "Second story, rewritten after the first was read.", encoding="utf-8"
    )
    (second,) = items
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert second.raw == "Second story, rewritten after the first was read."


def test_the_input_key_is_stable_for_the_same_input_and_changes_with_its_text(
    tmp_path: Path, read: Reader
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The ferry ran.", encoding="utf-8")
    (first,) = read(path)
    (again,) = read(path)
    path.write_text("The ferry ran late.", encoding="utf-8")
    (edited,) = read(path)
    assert isinstance(first, Article)
    assert isinstance(again, Article)
    assert isinstance(edited, Article)
    assert input_key(first) == input_key(again)
    assert input_key(first) != input_key(edited)
    assert len(input_key(first)) == 64


def test_rejections_name_the_input_in_one_line(tmp_path: Path, read: Reader) -> None:
    (tmp_path / "x.bin").write_bytes(b"\x7fELF\x02\x01\x01")
    (item,) = read(tmp_path)
    assert isinstance(item, Rejected)
    assert str(item) == f"{tmp_path / 'x.bin'}: binary file (executable)"


def test_a_broken_link_in_a_folder_is_one_rejection_and_the_walk_goes_on(
    tmp_path: Path, read: Reader
) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "b.txt").write_text("A good story.", encoding="utf-8")
    broken, good = read(tmp_path)
    assert isinstance(broken, Rejected)
    assert broken.source == str(tmp_path / "a.txt")
    assert broken.reason.startswith("cannot read")
    assert isinstance(good, Article)


def test_the_bundled_sample_corpus_is_read_whole_with_the_dates_its_inputs_state(
    read: Reader,
) -> None:
    sample = Path(storylens.__file__).parent / "sample"
    expected = json.loads((sample / "expected.json").read_text(encoding="utf-8"))["articles"]
    root = sample / "corpus"
    items = read(root)
    assert all(isinstance(i, Article) for i in items), [i for i in items if isinstance(i, Rejected)]
    by_source = {i.source.removeprefix(f"{root}/"): i for i in items if isinstance(i, Article)}
    assert sorted(by_source) == sorted(e["source"] for e in expected)
    for truth in expected:
        article = by_source[truth["source"]]
        if truth["published_basis"] in {"header", "metadata"}:
            assert (article.published or "")[:10] == truth["published"][:10], truth["source"]
            assert article.published_basis == truth["published_basis"], truth["source"]
