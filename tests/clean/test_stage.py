"""The clean.v1 stage on fictional articles: text, removals and metadata together."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

import storylens.clean  # noqa: F401  (importing registers the stage)
from storylens.clean.furniture import Furniture
from storylens.clean.identity import article_id
from storylens.clean.outlets import load_registry
from storylens.clean.stage import clean_article
from storylens.pipeline import REGISTRY, Context, Pipeline
from storylens.records import Article, Rejected

BODY = (
    "Valdorian Foreign Minister Tomas Reyvik arrived in Brannock on Monday.\n\n"
    "He met Kestrel Foreign Minister Adaeze Morlan for three hours, officials said.\n\n"
    "“We came to listen,” Reyvik told reporters after the meeting."
)


def clean(**fields: object) -> Article:
    result = Pipeline(["clean.v1"])(Article(source="test", **fields))  # type: ignore[arg-type]
    assert isinstance(result, Article), result
    return result


def test_importing_storylens_clean_registers_clean_v1() -> None:
    st = REGISTRY["clean.v1"]
    assert st.requires == {"raw"}
    assert {"text", "removed", "id", "outlet", "outlet_evidence", "published"} <= st.assigns
    assert {"published_basis", "title", "language"} <= st.assigns


def test_a_plain_article_keeps_every_sentence_as_its_own_paragraph() -> None:
    art = clean(raw=BODY.replace("\n\n", "\n"))
    assert art.text == BODY
    assert art.removed == []
    assert art.stages == {"clean": "clean.v1"}


def test_the_id_hashes_the_normalized_text_so_rereading_changes_nothing() -> None:
    a = clean(raw=BODY)
    b = clean(raw="  " + BODY.upper().replace("\n\n", "\n\n\n") + "\n")
    expected = hashlib.sha256(" ".join(BODY.lower().split()).encode()).hexdigest()[:16]
    assert a.id == b.id == article_id(BODY) == expected


def test_page_chrome_becomes_metadata_and_removals() -> None:
    raw = (
        "Independent since 1921\n\nHome > World > Valdoria\n\n"
        "Reyvik and Morlan meet in Brannock\n\nMarch 3, 2026 at 9:15 am\n\n"
        + BODY
        + "\n\nAdvertisement\n\nREAD: 300 jobs lost at Brannock shipyard"
    )
    art = clean(raw=raw)
    assert art.text == BODY
    assert [(r.reason, r.text) for r in art.removed] == [
        ("slogan", "Independent since 1921"),
        ("breadcrumb", "Home > World > Valdoria"),
        ("title", "Reyvik and Morlan meet in Brannock"),
        ("dateline", "March 3, 2026 at 9:15 am"),
        ("boilerplate", "Advertisement"),
        ("link", "READ: 300 jobs lost at Brannock shipyard"),
    ]
    assert art.title == "Reyvik and Morlan meet in Brannock"
    assert (art.published, art.published_basis) == ("2026-03-03", "dateline")
    assert (art.outlet, art.outlet_evidence) == (
        "The Meridian Post",
        "slogan 'Independent since 1921'",
    )
    assert art.language == "en"


def test_what_the_reader_found_is_kept() -> None:
    art = clean(
        raw="March 3, 2026\n\n" + BODY + "\n\nHW/40218",
        title="Talks in Brannock",
        published="2026-03-02",
        published_basis="header",
        outlet="Coastline Daily",
        language="en-GB",
    )
    assert (art.published, art.published_basis) == ("2026-03-02", "header")
    assert art.title == "Talks in Brannock"
    assert (art.outlet, art.outlet_evidence) == ("Coastline Daily", "metadata outlet")
    assert art.language == "en"


def test_the_outlet_comes_from_the_domain_before_any_signature() -> None:
    art = clean(raw=BODY + "\n\nHW/40218", url="https://www.coastlinedaily.example/a/1")
    assert (art.outlet, art.outlet_evidence) == ("Coastline Daily", "domain coastlinedaily.example")
    signed = clean(raw=BODY + "\n\nHW/40218")
    assert (signed.outlet, signed.outlet_evidence) == ("Harbor Wire", "signature HW/40218")


def test_a_site_name_names_a_registered_outlet_or_itself() -> None:
    known = clean(raw=BODY, site_name="VSNA")
    assert (known.outlet, known.outlet_evidence) == (
        "Valdoria State News Agency",
        "metadata site_name 'VSNA'",
    )
    other = clean(raw=BODY, site_name="Brannock Evening Star")
    assert (other.outlet, other.outlet_evidence) == (
        "Brannock Evening Star",
        "metadata site_name",
    )


def test_an_article_with_no_evidence_of_its_outlet_has_none() -> None:
    art = clean(raw=BODY, url="https://unknown-site.example/story")
    assert (art.outlet, art.outlet_evidence) == (None, None)


def test_a_plain_texts_first_line_is_kept_and_used_as_title() -> None:
    art = clean(raw="Reyvik meets Morlan in Brannock\n" + BODY)
    assert art.text.startswith("Reyvik meets Morlan in Brannock\n\n")
    assert art.title == "Reyvik meets Morlan in Brannock"


def test_a_subheading_in_the_body_is_removed_but_a_sentence_without_a_stop_is_kept() -> None:
    lost_stop = "Menck said the harbour authority would reopen the northern quay next week"
    art = clean(raw=BODY + "\n\nHarbour Talks Resume\n\n" + lost_stop)
    assert [(r.reason, r.text) for r in art.removed] == [("heading", "Harbour Talks Resume")]
    assert art.text.endswith(lost_stop)


def test_a_headline_only_item_keeps_its_headline_as_text() -> None:
    art = clean(raw="Independent since 1921\n\nPort Salen dockers strike")
    assert art.text == "Port Salen dockers strike"


def test_an_input_of_nothing_but_furniture_is_rejected_with_a_reason() -> None:
    result = Pipeline(["clean.v1"])(Article(source="empty.txt", raw="Advertisement\n\nShare"))
    assert isinstance(result, Rejected)
    assert result.source == "empty.txt"
    assert "no article text left" in result.reason


def test_resources_are_built_once_per_context() -> None:
    ctx = Context()
    Pipeline(["clean.v1"], ctx)(Article(source="a", raw=BODY))
    first = dict(ctx.resources)
    Pipeline(["clean.v1"], ctx)(Article(source="b", raw=BODY))
    assert ctx.resources == first
    assert len(first) == 2


REGISTRY_ = load_registry()
FURNITURE_ = Furniture(REGISTRY_)
_SENTENCE = st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{1,9}){2,14}( [0-9]{1,5})?[.!?]", fullmatch=True)
_FURNITURE = st.sampled_from(
    ["Advertisement", "Your Comment", "Back to top button", "HW/40218", "Share this"]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(_SENTENCE, _FURNITURE), min_size=1, max_size=12))
def test_any_mix_of_sentences_and_furniture_keeps_exactly_the_sentences(
    lines: list[str],
) -> None:
    sentences = [x for x in lines if x[-1] in ".!?"]
    raw = "\n".join(lines)
    if not sentences:
        return
    art = clean_article(Article(source="p", raw=raw), REGISTRY_, FURNITURE_)
    assert art.text == "\n\n".join(sentences)
    assert [r.text for r in art.removed] == [x for x in lines if x[-1] not in ".!?"]


def test_a_stored_article_without_its_raw_body_can_be_cleaned_again() -> None:
    first = clean(raw="Advertisement\n\n" + BODY)
    first.raw = ""  # the store keeps text and removals, not the raw input
    again = Pipeline(["clean.v1"])(Article.from_dict(first.to_dict()))
    assert isinstance(again, Article)
    assert again.text == BODY
    assert again.id == first.id
    assert [r.reason for r in again.removed] == ["boilerplate"]
