"""The hand-annotated extraction evaluation set must be internally consistent.

Scores computed against a gold file with a misplaced span or a dangling speaker would
silently measure the annotation, not the extractor, so the file is checked on its own,
with the standard library only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

EVALSET = Path(__file__).parent / "evalset" / "articles.jsonl"
# written later, annotated before the extractor ever ran on it; held to the same rules
HELDOUT = Path(__file__).parent / "evalset" / "heldout.jsonl"

STYLES = {
    "wire",
    "state_media",
    "broadsheet",
    "tabloid",
    "blog",
    "press_release",
    "content_farm",
    "live_blog",
    "translated",
}
WHAT = {
    "killed",
    "injured",
    "rescued",
    "arrested",
    "displaced",
    "evacuated",
    "missing",
    "workers",
    "refugees",
    "magnitude",
    "cost",
    "funding",
    "percent",
    "votes",
    "troops",
    "casualties",
    "damaged",
    "other",
}
UNITS = {"people", "USD", "EUR", "percent", "km", "tonnes", None}
QUALIFIERS = {
    "more than",
    "over",
    "about",
    "at least",
    "nearly",
    "some",
    "up to",
    "between",
    None,
}
TIME_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _load(path: Path) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path}:{number}: blank line"
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path}:{number}: not JSON ({exc})")
    return records


MAIN = _load(EVALSET)
ARTICLES = MAIN + _load(HELDOUT)


def _starts(text: str, needle: str) -> list[int]:
    starts, pos = [], text.find(needle)
    while pos != -1:
        starts.append(pos)
        pos = text.find(needle, pos + 1)
    return starts


def _check_span(article: dict[str, Any], item: dict[str, Any], kind: str) -> None:
    where = f"{article['id']} {kind} {item['text']!r}"
    starts = _starts(article["text"], item["text"])
    assert starts, f"{where}: not a substring of the text"
    if len(starts) > 1:
        assert "occurrence" in item, f"{where}: occurs {len(starts)} times, needs occurrence"
    occurrence = item.get("occurrence", 0)
    assert isinstance(occurrence, int)
    assert 0 <= occurrence < len(starts), f"{where}: occurrence {occurrence} out of range"


def _valid_time_value(value: str) -> bool:
    if not TIME_VALUE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def test_every_line_is_an_article_with_the_expected_fields() -> None:
    keys = {"id", "style", "published", "outlet", "text", "quotes", "figures", "times", "actors"}
    for article in ARTICLES:
        assert keys <= article.keys(), f"{article.get('id')}: missing {keys - article.keys()}"
        assert article["style"] in STYLES, f"{article['id']}: unknown style {article['style']}"
        assert article["outlet"].strip()
        low = 150 if article in MAIN else 100  # held-out includes short wire briefs
        assert low <= len(article["text"].split()) <= 400, f"{article['id']}: length"


def test_ids_are_unique() -> None:
    ids = [a["id"] for a in ARTICLES]
    assert len(ids) == len(set(ids))


def test_publication_dates_are_real_days() -> None:
    for article in ARTICLES:
        dt.date.fromisoformat(article["published"])
        assert len(article["published"]) == 10, article["id"]


def test_every_annotated_span_is_found_at_its_occurrence() -> None:
    for article in ARTICLES:
        for kind in ("quotes", "figures", "times"):
            for item in article[kind]:
                _check_span(article, item, kind)


def test_every_quote_speaker_is_a_listed_actor() -> None:
    for article in ARTICLES:
        names = {actor["name"] for actor in article["actors"]}
        for quote in article["quotes"]:
            assert quote["kind"] in {"direct", "indirect"}, article["id"]
            assert quote["speaker"] in names, f"{article['id']}: speaker {quote['speaker']!r}"


def test_actor_aliases_appear_in_the_text() -> None:
    for article in ARTICLES:
        for actor in article["actors"]:
            assert actor["type"] in {"PERSON", "ORG", "GPE"}, article["id"]
            for alias in actor["aliases"]:
                assert alias in article["text"], f"{article['id']}: alias {alias!r}"


def test_figures_use_the_shared_vocabulary() -> None:
    for article in ARTICLES:
        for figure in article["figures"]:
            where = f"{article['id']} figure {figure['text']!r}"
            assert isinstance(figure["value"], int | float), where
            assert figure["what"] in WHAT, where
            assert figure["unit"] in UNITS, where
            assert figure["qualifier"] in QUALIFIERS, where
            if figure["qualifier"] == "between":
                assert figure["high"] > figure["value"], f"{where}: a range needs its high end"
            else:
                assert "high" not in figure, f"{where}: only ranges have a high end"


def test_time_values_are_real_days_months_or_years() -> None:
    for article in ARTICLES:
        for time in article["times"]:
            assert _valid_time_value(time["value"]), f"{article['id']}: {time}"


def test_the_set_is_large_enough_to_measure_each_extractor() -> None:
    quotes = [q for a in MAIN for q in a["quotes"]]
    assert len(quotes) >= 150
    assert sum(q["kind"] == "direct" for q in quotes) >= 90
    assert sum(q["kind"] == "indirect" for q in quotes) >= 60
    assert sum(len(a["figures"]) for a in MAIN) >= 150
    assert sum(len(a["times"]) for a in MAIN) >= 100
