"""Figures come with their value, qualifier, unit and what they count; dates do not."""

from __future__ import annotations

import pytest

from storylens.nlp.figures import link_lines
from storylens.records import Figure

from .conftest import Analyse


def figures(analyse: Analyse, text: str) -> list[Figure]:
    return analyse(text).figures


def test_a_death_toll_has_its_value_qualifier_unit_and_what(analyse: Analyse) -> None:
    (fig,) = figures(analyse, "More than 3,000 people have been killed in the fighting.")
    assert (fig.value, fig.qualifier, fig.unit, fig.what) == (3000, "more than", "people", "killed")
    assert fig.text == "More than 3,000 people have been killed"


def test_a_count_hanging_on_a_noun_takes_the_noun_as_what(analyse: Analyse) -> None:
    (fig,) = figures(analyse, "He condemned the wounding of more than 7,000 people in the city.")
    assert (fig.value, fig.what, fig.qualifier) == (7000, "injured", "more than")
    assert fig.text == "wounding of more than 7,000 people"


@pytest.mark.parametrize(
    ("text", "value", "what"),
    [
        ("Officials said over 0.5m lives were lost in the war.", 500_000, "killed"),
        ("The navy arrested 26 pirates off the coast.", 26, "arrested"),
        ("A magnitude 6.1 quake struck the valley.", 6.1, "magnitude"),
        ("The fund pledged $2.5 million in aid.", 2_500_000, "funding"),
        ("Turnout reached 48 percent in the capital.", 48, "percent"),
    ],
)
def test_values_are_numbers_whatever_way_they_are_written(
    analyse: Analyse, text: str, value: float, what: str
) -> None:
    assert [(f.value, f.what) for f in figures(analyse, text)] == [(value, what)]


def test_dates_years_ages_times_and_ordinals_are_not_figures(analyse: Analyse) -> None:
    text = (
        "On March 3, 2021, the 15th summit opened at 5:03 pm. "
        "John Harper, 45, has lived in the town since 1998. "
        "The farmer, aged 61, spoke first."
    )
    assert figures(analyse, text) == []


def test_a_number_in_a_link_to_another_story_is_not_a_figure(analyse: Analyse) -> None:
    text = "The talks ended on Friday.\n\nREAD: Over 300 killed in floods across the region"
    assert link_lines(text) == [(28, len(text))]
    assert figures(analyse, text) == []


@pytest.mark.parametrize(
    ("text", "value", "what"),
    [
        ("The club lost €4.2 million last season.", 4_200_000, "cost"),
        ("The charity launched a $12 million appeal for the flood victims.", 12_000_000, "funding"),
        ("Bilateral trade has grown to $640 million this year.", 640_000_000, "other"),
        ("A dozen police officers were hurt in the clashes.", 12, "injured"),
        ("More than 900 firefighters are now deployed.", 900, "workers"),
        ("Temperatures plunged to minus 28 overnight.", -28, "other"),
    ],
)
def test_money_people_by_trade_and_words_for_numbers(
    analyse: Analyse, text: str, value: float, what: str
) -> None:
    assert [(f.value, f.what) for f in figures(analyse, text)] == [(value, what)]


def test_things_seized_are_not_people_arrested(analyse: Analyse) -> None:
    (fig,) = figures(analyse, "Police seized 1.2 tonnes of cocaine in the raid.")
    assert (fig.value, fig.unit, fig.what) == (1.2, "tonnes", "other")


def test_list_markers_are_not_figures(analyse: Analyse) -> None:
    assert figures(analyse, "What the budget does\n\n1. Massive spending cuts\n\n2. Jobs") == []
