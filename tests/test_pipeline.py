"""The stage registry: order is checked when a pipeline is built, failures are contained."""

from __future__ import annotations

import pytest

from storylens.errors import InputError, PipelineError
from storylens.pipeline import Context, Pipeline, batch_stage, stage
from storylens.records import Article, Rejected


@stage("test_upper.v1", requires=("raw",), assigns=("text",))
def _upper(article: Article, ctx: Context) -> Article:
    article.text = article.raw.upper()
    return article


@stage("test_needs_sentences.v1", requires=("sentences",), assigns=("quotes",))
def _needs_sentences(article: Article, ctx: Context) -> Article:
    return article


@stage("test_refuse_empty.v2", requires=("text",), assigns=())
def _refuse_empty(article: Article, ctx: Context) -> Article:
    if not article.text:
        raise InputError("nothing to read")
    return article


@stage("test_buggy.v1", requires=("text",), assigns=())
def _buggy(article: Article, ctx: Context) -> Article:
    return {}["missing"]  # type: ignore[no-any-return]


@batch_stage("test_lengths.v1", requires=("text",), assigns=("title",))
def _lengths(articles: list[Article], ctx: Context) -> list[Article | Rejected]:
    for a in articles:
        a.title = str(len(a.text))
    return list(articles)


def test_a_stage_reading_a_field_nobody_fills_is_refused_when_the_pipeline_is_built() -> None:
    with pytest.raises(PipelineError, match=r"requires \['sentences'\]"):
        Pipeline(["test_upper.v1", "test_needs_sentences.v1"])


def test_an_unknown_stage_name_lists_the_registered_ones() -> None:
    with pytest.raises(PipelineError, match=r"test_upper\.v1"):
        Pipeline(["no_such.v1"])


def test_each_article_records_the_versions_of_the_stages_it_went_through() -> None:
    out = Pipeline(["test_upper.v1", "test_refuse_empty.v2"])(Article(source="a", raw="x"))
    assert isinstance(out, Article)
    assert out.stages == {
        "test_upper": "test_upper.v1",
        "test_refuse_empty": "test_refuse_empty.v2",
    }


def test_a_refused_article_becomes_a_rejection_naming_the_stage_and_the_run_goes_on() -> None:
    pipe = Pipeline(["test_upper.v1", "test_refuse_empty.v2"])
    results = list(pipe.run([Article(source="empty.txt", raw=""), Article(source="b", raw="b")]))
    assert isinstance(results[0], Rejected)
    assert results[0].source == "empty.txt"
    assert "test_refuse_empty.v2: nothing to read" in results[0].reason
    assert isinstance(results[1], Article)
    assert results[1].text == "B"


def test_a_bug_in_a_stage_is_reported_with_its_place_not_swallowed() -> None:
    (result,) = Pipeline(["test_upper.v1", "test_buggy.v1"]).run([Article(source="s", raw="x")])
    assert isinstance(result, Rejected)
    assert "KeyError" in result.reason
    assert "test_pipeline.py" in result.reason


def test_a_batch_stage_sees_the_whole_batch_and_also_works_one_article_at_a_time() -> None:
    pipe = Pipeline(["test_upper.v1", "test_lengths.v1"])
    batch = list(pipe.run([Article(source="a", raw="ab"), Article(source="b", raw="abc")]))
    single = pipe(Article(source="c", raw="abcd"))
    assert [a.title for a in batch if isinstance(a, Article)] == ["2", "3"]
    assert isinstance(single, Article)
    assert single.title == "4"
    assert single.stages["test_lengths"] == "test_lengths.v1"


def test_stage_names_must_carry_a_version() -> None:
    with pytest.raises(PipelineError, match="version"):
        stage("unversioned")


def test_a_pipeline_that_continues_another_counts_the_earlier_stages_fields_as_filled() -> None:
    Pipeline(["test_refuse_empty.v2"], after=["test_upper.v1"])
    with pytest.raises(PipelineError):
        Pipeline(["test_refuse_empty.v2"])
