"""Every quote, direct or reported, carries the canonical name of who said it."""

from __future__ import annotations

from storylens.records import Article

from .conftest import Analyse


def speakers(article: Article, kind: str) -> list[str | None]:
    return [q.speaker_name for q in article.quotes if q.kind == kind]


def test_a_quote_split_by_its_attribution_has_one_speaker(analyse: Analyse) -> None:
    art = analyse(
        "Mayor Lena Ortiz toured the flooded district on Monday.\n\n"
        "“We will rebuild every house,” Ortiz said, “and we will start this week.”"
    )
    direct = [q for q in art.quotes if q.kind == "direct"]
    assert [q.text for q in direct] == [
        "We will rebuild every house,",
        "and we will start this week.",
    ]
    assert speakers(art, "direct") == ["Lena Ortiz", "Lena Ortiz"]


def test_he_and_she_resolve_to_the_last_person_who_was_the_subject(analyse: Analyse) -> None:
    art = analyse(
        "Governor Lena Ortiz met union leader Paul Brandt on Monday.\n\n"
        "Brandt warned that the strike would go on.\n\n"
        "“Our members are exhausted,” he said."
    )
    assert speakers(art, "direct") == ["Paul Brandt"]


def test_a_description_resolves_to_the_person_of_that_nationality(analyse: Analyse) -> None:
    art = analyse(
        "German Foreign Minister Tomas Brandt met his French counterpart Ines Marchal "
        "in Vienna on Friday.\n\n"
        "“Europe must speak with one voice,” the French minister said.\n\n"
        "“We agree on the goal,” the German diplomat added."
    )
    assert speakers(art, "direct") == ["Ines Marchal", "Tomas Brandt"]


def test_reported_speech_spans_the_reported_clause(analyse: Analyse) -> None:
    art = analyse(
        "Finance Minister Oskar Lindqvist said that the budget would be balanced by 2027."
    )
    (quote,) = [q for q in art.quotes if q.kind == "indirect"]
    assert quote.text == "the budget would be balanced by 2027"
    assert quote.speaker_name == "Oskar Lindqvist"
    assert art.text[quote.cue_start : quote.cue_end] == "Finance Minister Oskar Lindqvist said"


def test_stressing_the_need_and_according_to_are_reported_speech(analyse: Analyse) -> None:
    art = analyse(
        "Prime Minister Alena Novak stressed the need to protect the river.\n\n"
        "The dam will be finished next year, according to Novak."
    )
    indirect = {q.text: q.speaker_name for q in art.quotes if q.kind == "indirect"}
    assert indirect == {
        "the need to protect the river": "Alena Novak",
        "The dam will be finished next year": "Alena Novak",
    }


def test_a_paragraph_that_continues_a_quote_keeps_its_speaker(analyse: Analyse) -> None:
    art = analyse(
        "“We are still hearing voices under the concrete,” rescue chief Marek Hollis said.\n\n"
        "“Every hour counts.”"
    )
    assert speakers(art, "direct") == ["Marek Hollis", "Marek Hollis"]


def test_guillemets_and_a_verb_after_the_quote_name_the_speaker(analyse: Analyse) -> None:
    art = analyse(
        "Agriculture Minister Vasil Petrov opened the fair on Tuesday.\n\n"
        "«This is the best harvest in ten years», underlined the minister."
    )
    assert speakers(art, "direct") == ["Vasil Petrov"]


def test_a_pronoun_skips_a_person_of_the_other_gender(analyse: Analyse) -> None:
    art = analyse(
        "I called Yana Petrosyan, a researcher who once worked for Viktor Moran.\n\n"
        "“Omission is the house style,” she told me."
    )
    assert speakers(art, "direct") == ["Yana Petrosyan"]


def test_an_unnamed_spokesman_speaks_for_the_institution(analyse: Analyse) -> None:
    art = analyse(
        "A spokesman for the Ministry of Foreign Affairs issued a statement on Sunday.\n\n"
        "“This is an open provocation,” the spokesman said."
    )
    assert speakers(art, "direct") == ["Ministry of Foreign Affairs"]


def test_a_quote_without_a_verb_belongs_to_who_the_sentence_before_is_about(
    analyse: Analyse,
) -> None:
    art = analyse(
        "Bus driver Len Gorski won the jackpot on Saturday.\n\n"
        "Gorski was unrepentant about keeping his job. “The passengers are my mates.”"
    )
    assert speakers(art, "direct") == ["Len Gorski"]


def test_according_to_after_the_clause_reports_only_the_clause(analyse: Analyse) -> None:
    art = analyse(
        "Attacks in the gulf have risen by 35 percent this year, according to the "
        "Maritime Safety Bureau, which has recorded 41 incidents since January."
    )
    reported = [q for q in art.quotes if q.kind == "indirect"]
    assert [q.text for q in reported] == ["Attacks in the gulf have risen by 35 percent this year"]
    assert reported[0].speaker_name == "Maritime Safety Bureau"


def test_a_reported_clause_with_a_quoted_fragment_is_reported_speech_too(
    analyse: Analyse,
) -> None:
    art = analyse(
        "Kyle Pruitt, her grandson, said the family was “not surprised at all”, "
        "and praised the police."
    )
    assert ("indirect", "the family was “not surprised at all”") in [
        (q.kind, q.text) for q in art.quotes
    ]
    assert ("direct", "not surprised at all") in [(q.kind, q.text) for q in art.quotes]


def test_for_someone_comma_quote_is_their_quote(analyse: Analyse) -> None:
    art = analyse(
        "For Claire Ambrose, president of a migrant-support group, « one does not resolve "
        "a humanitarian question with uniforms »."
    )
    assert speakers(art, "direct") == ["Claire Ambrose"]


def test_a_person_spoken_to_is_a_person_not_a_place(analyse: Analyse) -> None:
    art = analyse(
        "I spoke to Dev Kumar, who has had a season ticket since 1991. "
        "'I've seen worse teams,' he told me."
    )
    assert speakers(art, "direct") == ["Dev Kumar"]
