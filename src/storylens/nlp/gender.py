"""Which pronoun fits a person: "he" and "she" must not land on the wrong one.

"I called Yana Petrosyan, a researcher who left Zoran. 'Omission is the house style,' she
told me": recency alone hands the quote to the last name seen. A person's grammatical
gender is read, when the article gives it away, from an honorific (Mr, Mrs, Ms), a
gendered role noun (spokeswoman, chairman, mother) or a common given name; unknown stays
unknown, and an unknown person fits either pronoun.

The name lists are short on purpose: frequent given names across the languages news
reports on, chosen so that none is commonly used for both sexes.
"""

from __future__ import annotations

from collections.abc import Iterable

from .lexicon import fold

Gender = str  # "f" | "m"

PRONOUN_GENDER: dict[str, Gender] = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# fmt: off
_FEMALE_WORDS = frozenset({
    "mrs", "ms", "miss", "madam", "madame", "mme", "dame", "lady", "queen", "princess",
    "spokeswoman", "chairwoman", "businesswoman", "congresswoman", "councilwoman", "actress",
    "mother", "mum", "mom", "gran", "granny", "grandmother", "wife", "daughter", "sister",
    "aunt", "niece", "granddaughter", "stepmother", "nan", "grandma", "widow", "girl", "woman", "sportswoman", "policewoman", "heiress",
    "duchess", "countess", "empress", "baroness", "frau", "signora", "senora", "sra",
})
_MALE_WORDS = frozenset({
    "mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "businessman",
    "congressman", "councilman", "father", "dad", "grandfather", "grandad", "husband", "son",
    "brother", "uncle", "nephew", "grandson", "stepfather", "grandpa", "widower", "boy", "man", "sportsman", "policeman", "duke",
    "emperor", "baron", "herr", "signor", "senor", "sr", "sheikh", "monsieur",
})
_FEMALE_NAMES = _word_set("""
    aisha alena alice alina alisa alla amelia amina ana anastasia angela anita
    anna anne annika aoife beatrice bianca carmen caroline catherine charlotte chloe
    claire clara daria darya diana dina edna elena eleni elif elisabeth eliza elizabeth
    ella elsa emily emma eva fatima fiona gabriela grace hanna hannah helen helena ilse
    ingrid irina isabel jana jane janet jessica joanna julia karen katarina kate katya
    laila lara laura leila lena lidia linda lisa lucia lucy magda maja margaret maria
    marie marina marta mary maud maya mei mia milena mira miriam monika nadia natalia
    nina nora olga paula petra rada rana rebecca renata rina rosa ruth sara sarah sofia
    sophie susan svetlana tamara tanya tatiana teresa vera victoria yana yasmin yelena
    zara zeynep zoe zofia
""")
_MALE_NAMES = _word_set("""
    ahmed ali anders andrei anton antonio boris carlos dan daniel dariush david dmitri
    dorin emil erik felix francesco frank gerald giorgos hassan henrik hugo igor ivan
    ivo jacob james javier john jonas jose josef juan karim karl kofi lars lazar
    len leon luc luca luis marco marek mark martin matteo michael miroslav mohammad
    mohammed muhammad nikola oleg omar oskar pablo paul pavel pedro peter pierre rafael
    reg robert samuel sergei simon stefan teodor thomas tomas tomasz viktor vasil
    vladimir yusuf zoran
""")
# fmt: on


def gender_of(words: Iterable[str], *, names: bool = True) -> Gender | None:
    """The gender an honorific, a role noun or (with `names`) a given name gives away.

    Words are read in the order given, first clue wins. A phrase around someone else's
    name ("Edna's grandson Kyle") is read without `names`, nearest word first.
    """
    for word in words:
        w = fold(word).rstrip(".")
        if w in _FEMALE_WORDS or (names and w in _FEMALE_NAMES):
            return "f"
        if w in _MALE_WORDS or (names and w in _MALE_NAMES):
            return "m"
    return None


def fits(pronoun: str, gender: Gender | None) -> bool:
    """A person of unknown gender fits any pronoun; a known one only its own."""
    want = PRONOUN_GENDER.get(pronoun.lower())
    return want is None or gender is None or gender == want
