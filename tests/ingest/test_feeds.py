"""RSS and Atom feeds: one article per item, with its link, date and the feed's title."""

from __future__ import annotations

from pathlib import Path

from storylens.records import Article, Rejected

from .inputs import Reader

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>The Coastal Ledger</title><language>en-gb</language>
<item><title>Ferry service resumes</title><link>https://coastal.example/ferry</link>
<pubDate>Mon, 03 Mar 2025 08:15:00 GMT</pubDate>
<description>&lt;p&gt;The ferry to &lt;b&gt;Gull Island&lt;/b&gt; ran again.&lt;/p&gt;&lt;p&gt;Crews cheered.&lt;/p&gt;</description></item>
<item><title>Storm warning</title><description>Winds of 90 km/h are expected tonight.</description></item>
<item><title>Only a title</title><link>https://coastal.example/title-only</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Courier</title>
<entry><title>Bridge reopens</title><link href="https://valleycourier.example/bridge"/>
<updated>2025-04-02T10:00:00Z</updated><summary>Short summary.</summary>
<content type="html">&lt;p&gt;The Harbor bridge reopened on Tuesday.&lt;/p&gt;&lt;p&gt;It cost 4.2 million dollars.&lt;/p&gt;</content>
</entry></feed>
"""


def test_each_rss_item_is_an_article_with_link_date_and_feed_title(
    tmp_path: Path, read: Reader
) -> None:
    path = tmp_path / "ledger.rss"
    path.write_text(RSS, encoding="utf-8")
    ferry, storm, empty = read(path)
    assert isinstance(ferry, Article)
    assert ferry.format == "feed"
    assert ferry.source == "https://coastal.example/ferry"
    assert ferry.url == "https://coastal.example/ferry"
    assert ferry.title == "Ferry service resumes"
    assert ferry.raw == "The ferry to Gull Island ran again.\n\nCrews cheered."
    assert (ferry.published, ferry.published_basis) == ("2025-03-03T08:15:00+00:00", "metadata")
    assert ferry.site_name == "The Coastal Ledger"
    assert ferry.outlet is None
    assert ferry.language == "en"
    assert isinstance(storm, Article)
    assert storm.source == f"{path}:2"
    assert storm.raw == "Winds of 90 km/h are expected tonight."
    assert isinstance(empty, Rejected)
    assert empty.source == "https://coastal.example/title-only"
    assert "no summary or content" in empty.reason


def test_atom_content_is_preferred_to_a_shorter_summary(tmp_path: Path, read: Reader) -> None:
    path = tmp_path / "courier.atom"
    path.write_text(ATOM, encoding="utf-8")
    (entry,) = read(path)
    assert isinstance(entry, Article)
    assert entry.raw == "The Harbor bridge reopened on Tuesday.\n\nIt cost 4.2 million dollars."
    assert entry.published == "2025-04-02T10:00:00+00:00"
    assert entry.site_name == "Valley Courier"


def test_a_feed_cut_short_yields_the_items_before_the_break_and_one_rejection(
    tmp_path: Path, read: Reader
) -> None:
    path = tmp_path / "ledger.xml"
    path.write_text(RSS[: RSS.index("<item><title>Only")] + "<item><title>Bro", encoding="utf-8")
    items = read(path)
    articles = [i for i in items if isinstance(i, Article)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [a.title for a in articles][:2] == ["Ferry service resumes", "Storm warning"]
    assert len(rejected) >= 1
    assert rejected[-1].source == str(path)
    assert "malformed feed XML" in rejected[-1].reason


def test_an_xml_file_that_is_not_a_feed_is_rejected(tmp_path: Path, read: Reader) -> None:
    path = tmp_path / "config.xml"
    path.write_text(
        '<?xml version="1.0"?><settings><volume>3</volume></settings>', encoding="utf-8"
    )
    (item,) = read(path)
    assert isinstance(item, Rejected)
    assert item.source == str(path)
    assert "not an RSS/Atom feed" in item.reason


def test_a_feed_is_recognised_by_its_root_whatever_the_file_is_called(
    tmp_path: Path, read: Reader
) -> None:
    path = tmp_path / "download"
    path.write_text(ATOM, encoding="utf-8")
    (entry,) = read(path)
    assert isinstance(entry, Article)
    assert entry.format == "feed"
