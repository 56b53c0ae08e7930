"""The event's place is where it happened, not the country the story keeps naming."""

from __future__ import annotations

from .conftest import Analyse


def test_the_place_of_the_meeting_outranks_the_country_discussed(analyse: Analyse) -> None:
    art = analyse(
        "Sudan's future dominated talks between the two envoys at a meeting in Oslo on "
        "Tuesday.\n\nSudan has been at war for two years. Sudan's neighbours fear the "
        "fighting will spread, and aid to Sudan has fallen sharply."
    )
    assert art.locations[0] == "Oslo"


def test_an_article_without_places_has_no_locations(analyse: Analyse) -> None:
    assert analyse("The committee will publish its report next week.").locations == []
