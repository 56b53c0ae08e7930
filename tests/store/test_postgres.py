"""What only the PostgreSQL store does: its placeholders, its messages, its change counter."""

from __future__ import annotations

import pytest

from storylens.store import Store, open_store, redact
from storylens.store.postgres import translate, without_nul


def test_question_marks_become_placeholders_only_outside_quoted_text() -> None:
    assert translate("SELECT '?', \"a?\" FROM t WHERE x = ? AND y LIKE '%?%'") == (
        "SELECT '?', \"a?\" FROM t WHERE x = %s AND y LIKE '%%?%%'"
    )
    assert translate("SELECT 'it''s ?' || ?") == "SELECT 'it''s ?' || %s"


def test_a_password_is_never_shown_in_messages() -> None:
    assert redact("postgresql://u:secret@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert redact("postgresql://u@h/db") == "postgresql://u@h/db"
    assert redact("news.sqlite") == "news.sqlite"


def test_nul_characters_become_replacement_characters_in_text_and_json() -> None:
    assert without_nul(["a\x00b", '{"k": "a\\u0000b"}', '"\\\\u0000"', 7, None]) == [
        "a\ufffdb",
        '{"k": "a\\ufffdb"}',
        '"\\\\u0000"',  # an escaped backslash followed by "u0000" is text, not a NUL
        7,
        None,
    ]


def test_every_write_transaction_moves_the_change_counter_once(pg_url: str) -> None:
    with open_store(pg_url) as store:

        def counter() -> int:
            return int(store.query("SELECT n FROM data_version")[0][0])

        before = counter()
        store.set_state("a", "1")
        assert counter() == before + 1
        with store.atomic():
            store.set_state("b", "2")
            store.set_state("c", "3")  # nested: part of the same transaction
        assert counter() == before + 2
        with pytest.raises(RuntimeError):
            _write_then_fail(store)
        assert counter() == before + 2
        assert store.get_state("d") is None


def _write_then_fail(store: Store) -> None:
    with store.atomic():
        store.set_state("d", "4")
        raise RuntimeError("rolled back")
