"""He and she go to a person of their gender when the article gives the gender away."""

from storylens.nlp.gender import fits, gender_of


def test_honorifics_role_nouns_and_given_names_give_a_gender() -> None:
    assert gender_of(["Mrs", "Pennick"]) == "f"
    assert gender_of(["spokesman"]) == "m"
    assert gender_of(["Yana", "Petrosyan"]) == "f"
    assert gender_of(["Zoran"]) == "m"


def test_an_unknown_name_gives_no_gender() -> None:
    assert gender_of(["Kyle", "Pruitt"]) is None


def test_a_phrase_about_someone_else_is_read_without_names() -> None:
    # "Edna's grandson Kyle Pruitt": Edna is not who the phrase describes
    assert gender_of(["grandson", "'s", "Edna"], names=False) == "m"
    assert gender_of(["Edna"], names=False) is None


def test_an_unknown_gender_fits_either_pronoun() -> None:
    assert fits("she", None)
    assert fits("he", "m")
    assert not fits("she", "m")
