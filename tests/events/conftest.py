import pytest

from storylens.nlp.stage import nlp_stage
from storylens.nlp.temporal import annotate
from storylens.pipeline import Context
from storylens.records import Article
from storylens.testing import shared_data

# What the clean stage finds for the seeds: 000 carries a "date 2024-03-17" token and 002
# the dateline "March 17, 2024"; 001, 003 and 004 carry no publication date.
PUBLISHED = {"000": "2024-03-17", "002": "2024-03-17"}


@pytest.fixture(scope="session")
def seeds():
    paths = sorted((shared_data() / "seeds").glob("*.txt"))
    arts = [
        Article(
            source=str(p),
            id=p.name[:3],
            text=p.read_text(encoding="utf-8"),
            published=PUBLISHED.get(p.name[:3]),
        )
        for p in paths
    ]
    nlp_stage(arts, Context())
    for art in arts:
        annotate(art)
    return arts
