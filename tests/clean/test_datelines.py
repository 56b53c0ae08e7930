"""A line that is only a date is furniture, and the article's publication date."""

from __future__ import annotations

import pytest

from storylens.clean.datelines import is_time_line, parse_dateline


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("March 17, 2024 at 5:03 pm", "2024-03-17"),
        ("First Published: June 13, 2013 4: 59 PM EDT", "2013-06-13"),
        ("July 25, 2005, 12: 18 AM ET", "2005-07-25"),
        ("Sep 10, 2010", "2010-09-10"),
        ("Sunday, 17 March 2024 10:30 AM", "2024-03-17"),
        ("Posted on 3rd Feb 2021", "2021-02-03"),
        ("2024-03-17", "2024-03-17"),
        ("Published: March 17, 2024 | Updated: March 18, 2024 10:00 GMT", "2024-03-17"),
        ("Thursday, Apr 2, 2009 | Updated 1: 32 PM PDT", "2009-04-02"),
        ("5:03 pm, March 17, 2024", "2024-03-17"),
    ],
)
def test_a_date_only_line_gives_its_iso_date(line: str, iso: str) -> None:
    assert parse_dateline(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "March 17, 2024 Valdoria recalls its envoy",
        "In March 2024 the talks began.",
        "On March 17, 2024, the minister met Morlan.",
        "February 31, 2020",
        "Updated 4: 08 p. m. ET",
    ],
)
def test_dates_inside_sentences_and_impossible_dates_are_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


def test_a_time_or_numeric_date_alone_is_furniture_without_a_date() -> None:
    assert is_time_line("Updated 4: 08 p. m. ET")
    assert is_time_line("04 / 04 / 2012")
    assert not is_time_line("The 5:03 train was late")
