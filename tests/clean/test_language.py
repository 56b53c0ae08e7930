"""Language: a bare code, from the reader's metadata when it has one, else py3langid."""

from __future__ import annotations

from storylens.clean.language import detect_language, normalize_language


def test_metadata_language_tags_are_reduced_to_the_language() -> None:
    assert normalize_language("en-US") == "en"
    assert normalize_language(" EN_gb ") == "en"
    assert normalize_language("") is None
    assert normalize_language(None) is None


def test_the_text_decides_when_the_reader_gave_no_language() -> None:
    assert detect_language("Die Hafenarbeiter in Port Salen streiken seit Dienstag.") == "de"
    assert detect_language("Reyvik met Morlan in Brannock on Monday, officials said.") == "en"
    assert detect_language("2026 — 12:30") is None
