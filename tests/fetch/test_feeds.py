"""Reading feeds, sitemaps and feed lists from bytes: entries, dates, and hostile or broken documents."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from service.fetch.feedlist import read_feed_list
from service.fetch.feeds import NotAFeed, parse_feed
from service.fetch.identity import canonical_url, text_hash
from tests.fetch.outlets import Item, atom, news_sitemap, rss

ITEMS = [Item("http://news.example/a?utm_source=rss", "पहली खबर", "2026-01-15T10:30:00+05:30"), Item("/b", "दूसरी खबर")]


def test_rss_and_atom_entries_with_dates_in_utc():
    for kind, body in (("rss", rss("आउटलेट", ITEMS)), ("atom", atom("आउटलेट", ITEMS))):
        feed = parse_feed(body, "http://news.example/feed.xml")
        assert (feed.kind, feed.title) == (kind, "आउटलेट")
        first, second = feed.entries
        assert first.url == "http://news.example/a?utm_source=rss" and first.title == "पहली खबर"
        assert first.published_at == datetime(2026, 1, 15, 5, 0, tzinfo=timezone.utc)
        assert second.published_at is None and second.url.endswith("/b")


def test_news_sitemap_and_sitemap_index():
    sitemap = parse_feed(news_sitemap("दैनिक", [Item("http://news.example/c", "तीसरी", "2025-11-18"),
                                                Item("http://news.example/d", "चौथी", "2025-11-18T09:00:00Z")]), "u")
    assert sitemap.kind == "sitemap"
    assert [(e.url, e.source, e.published_day, e.published_at) for e in sitemap.entries] == [
        ("http://news.example/c", "दैनिक", date(2025, 11, 18), None),
        ("http://news.example/d", "दैनिक", None, datetime(2025, 11, 18, 9, tzinfo=timezone.utc)),
    ]
    index = parse_feed(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
                       b"<loc>http://news.example/s1.xml</loc><lastmod>2025-11-18</lastmod></sitemap></sitemapindex>", "u")
    assert index.kind == "sitemap-index" and index.entries[0].url == "http://news.example/s1.xml"


@pytest.mark.parametrize("body", [b"", b"<html><body>not a feed</body></html>", b"\x89PNG\r\n\x1a\n\x00\x00", b"{}"])
def test_what_is_not_a_feed_says_so(body):
    with pytest.raises(NotAFeed):
        parse_feed(body, "http://news.example/feed.xml")


def test_external_entities_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<rss version="2.0"><channel><title>&x;</title><item><title>&x;</title><link>http://news.example/a</link></item>'
           "</channel></rss>").encode()
    feed = parse_feed(xxe, "http://news.example/feed.xml")
    assert "TOP-SECRET" not in repr(feed)
    sitemap = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>'
               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://news.example/&x;</loc></url></urlset>').encode()
    try:
        assert "TOP-SECRET" not in repr(parse_feed(sitemap, "u"))
    except NotAFeed:
        pass


def test_a_body_naming_a_local_file_is_not_opened(tmp_path):
    """feedparser opens paths and URLs handed to it as strings; it only ever gets the bytes as a stream."""
    local = tmp_path / "feed.xml"
    local.write_bytes(rss("local file", ITEMS))
    with pytest.raises(NotAFeed):
        parse_feed(str(local).encode(), "http://news.example/feed.xml")


def test_feed_lists_opml_and_lines(tmp_path):
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>f</title></head><body>'
                    '<outline text="देश"><outline text="A" type="rss" xmlUrl="http://a.example/rss"/>'
                    '<outline text="B" type="rss" xmlUrl="http://b.example/atom"/></outline>'
                    '<outline text="A again" xmlUrl="http://a.example/rss"/></body></opml>', encoding="utf-8")
    assert read_feed_list(opml) == ["http://a.example/rss", "http://b.example/atom"]
    lines = tmp_path / "feeds.txt"
    lines.write_text("# outlets\nhttp://a.example/rss\n\n  http://c.example/sitemap.xml  \n", encoding="utf-8")
    assert read_feed_list(lines) == ["http://a.example/rss", "http://c.example/sitemap.xml"]
    lines.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lists no feeds"):
        read_feed_list(lines)


def test_article_identity():
    assert canonical_url("HTTP://News.Example:80/story?utm_source=x&id=7&fbclid=y#comments") == "http://news.example/story?id=7"
    assert canonical_url("javascript:alert(1)") is None
    assert text_hash("खबर  का\r\nपाठ ") == text_hash("खबर का\nपाठ")
    assert text_hash("खबर का पाठ") != text_hash("खबर की पाठ")
