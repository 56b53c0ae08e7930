"""Time expressions resolve against the publication date; the lead's date dates the event."""

import pytest

from storylens.nlp.temporal import annotate
from storylens.records import Article

SUNDAY = "2024-03-17"


def _annotated(text, published=SUNDAY):
    art = Article(source="t", text=text, published=published)
    annotate(art)
    return art


def _values(art):
    return {t.text: t.value for t in art.times}


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("on Saturday", "2024-03-16"),  # most recent Saturday before a Sunday
        ("on Sunday", "2024-03-17"),  # the day of publication itself
        ("on Tuesday", "2024-03-12"),
        ("yesterday", "2024-03-16"),
        ("last Tuesday", "2024-03-12"),
        ("two days ago", "2024-03-15"),
        ("last week", "2024-03"),  # named by its month, as records.TimeExpr allows
        ("last month", "2024-02"),
        ("March 3", "2024-03-03"),
        ("December 30", "2023-12-30"),  # no year: the one nearest publication
        ("March 3, 2021", "2021-03-03"),
        ("3 March 2021", "2021-03-03"),
        ("May 2013", "2013-05"),
    ],
)
def test_expressions_resolve_against_publication(phrase, value):
    art = _annotated(f"Officials met {phrase} in the capital.")
    assert value in _values(art).values()


def test_a_weekday_in_a_future_clause_is_the_next_such_day():
    art = _annotated("He said on Tuesday that he will travel on Friday.")
    assert [t.value for t in art.times] == ["2024-03-12", "2024-03-22"]


def test_without_a_publication_date_relative_phrases_stay_unresolved():
    art = _annotated("The ministers met on Saturday.", published=None)
    assert art.times[0].text == "Saturday"
    assert art.times[0].value is None
    assert art.event_date is None


def test_a_dateline_anchors_an_article_without_publication_date():
    art = _annotated(
        "Star leaves clinic\nFirst Published: June 13, 2013 4:59 PM EDT\n"
        "A judge signed an order yesterday allowing the transfer.",
        published=None,
    )
    assert art.event_date == "2013-06-12"
    assert art.event_date_evidence is not None
    assert art.event_date_evidence.text == "yesterday"


def test_the_event_date_skips_the_dateline_for_the_leads_relative_date():
    text = "March 17, 2024 at 5:03 pm\n\nThe ministers met in Tehran yesterday, officials said."
    art = _annotated(text)
    assert art.event_date == "2024-03-16"
    ev = art.event_date_evidence
    assert ev is not None
    assert text[ev.start : ev.end] == "yesterday"


def test_an_explicit_date_in_the_lead_dates_the_event():
    art = _annotated("The earthquake struck on 5 March 2012, killing dozens.", published=None)
    assert art.event_date == "2012-03-05"


def test_an_article_with_no_time_expression_has_no_event_date():
    art = _annotated("The two ministers discussed defence cooperation.")
    assert art.times == []
    assert art.event_date is None


@pytest.mark.parametrize("written", ["2012-04-04", "2012 - 04 - 04", "4/4/2012", "4 / 4 / 2012"])
def test_numeric_dates_resolve_with_or_without_spaces(written):
    art = _annotated(f"Posted {written}\nThe quake struck the coast.", published=None)
    assert "2012-04-04" in _values(art).values()


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2012.08.08", "2012-08-08"),  # dotted, year first
        ("2012. 08. 08", "2012-08-08"),
        ("08. 07. 2012", "2012-07-08"),  # dotted, year last: day first
        ("16/08/2011", "2011-08-16"),  # no 16th month: day first
        ("16 / 08 / 2011", "2011-08-16"),
        ("MAY 23, 2005", "2005-05-23"),  # a header in capitals
        ("TUESDAY, OCTOBER 11, 2011", "2011-10-11"),
    ],
)
def test_header_dates_in_other_styles_resolve(written, value):
    art = _annotated(f"{written}\nThe coach was fired today.", published=None)
    assert art.event_date == value


@pytest.mark.parametrize(
    "header",
    ["Sunday, March 17, 2013 | 5:00 PM", "WEDNESDAY, MARCH 17, 2013", "Updated Sun. 17 March 2013"],
)
def test_a_weekday_heading_a_dateline_is_part_of_the_publication_date(header):
    art = _annotated(f"{header}\nThe teen was killed on March 9 by police.", published=None)
    assert art.event_date == "2013-03-09"


def test_a_year_after_a_dash_completes_the_date():
    art = _annotated("Sunday, November 27 - 2005 at 16:12\nThe quake was felt today.", None)
    assert art.event_date == "2005-11-27"


def test_a_planned_day_does_not_date_the_reported_event():
    art = _annotated(
        "She will host the March 24 broadcast, the academy announced on Friday.",
    )
    assert _values(art)["March 24"] == "2024-03-24"
    assert art.event_date == "2024-03-15"


def test_a_planned_day_dates_an_article_that_names_no_other():
    art = _annotated("The vote will be held on March 24 in the capital.")
    assert art.event_date == "2024-03-24"


def test_a_lower_case_month_word_is_not_a_date():
    art = _annotated("Officials may 3 times a year meet; they march 4 miles.", published=None)
    assert art.times == []


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("in February", "2024-02"),  # the most recent February
        ("in May", "2023-05"),  # May has not come yet in March: last year's
        ("last March", "2023-03"),
        ("next May", "2024-05"),
    ],
)
def test_a_month_without_a_year_is_the_nearest_one_in_the_tense(phrase, value):
    art = _annotated(f"The talks took place {phrase} in Geneva.")
    assert value in _values(art).values()


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The minister is scheduled to travel to the capital on Monday.", "Monday", "2024-03-18"),
        ("Adari said the men will appear before a court on Tuesday.", "Tuesday", "2024-03-19"),
        ("Kavan, who will retire soon, said on Tuesday that talks failed.", "Tuesday", "2024-03-12"),
        ("The bank on the 14th decided to keep rates.", "the 14th", "2024-03-14"),
        ("Scooters built between January and August 2023 can catch fire.", "between January",
         "2023-01"),
        ("Fans have known it since about Christmas.", "Christmas", "2023-12-25"),
    ],
)  # fmt: skip
def test_the_clause_and_its_neighbours_decide_the_value(sentence, phrase, value):
    assert _values(_annotated(sentence))[phrase] == value


def test_a_birth_date_neither_dates_the_event_nor_anchors_the_weekday():
    art = _annotated(
        "Bettie Page, born April 22, 1923 in Nashville, died Thursday in Los Angeles.",
        published=None,
    )
    assert art.event_date is None
    assert "1923-04-22" in _values(art).values()  # still read, as a date of her life
