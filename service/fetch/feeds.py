"""Entries of an RSS/Atom feed (feedparser) or a (news) sitemap (lxml), from bytes already fetched.

Nothing here opens a URL or a file: feedparser is given a byte stream (handed a ``str`` it would
fetch URLs and open paths itself), and XML is parsed without entities, DTDs or network access.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timezone

import feedparser
from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
_NS = {"s": SITEMAP_NS, "n": NEWS_NS}


class NotAFeed(ValueError):
    """The document is neither a feed nor a sitemap (or too broken to read any entry from)."""


@dataclass(frozen=True)
class Entry:
    url: str
    title: str | None = None
    published_at: datetime | None = None  # aware; when the feed gives a time
    published_day: date | None = None  # when it gives only a day
    source: str | None = None  # the publication's name, when the feed says


@dataclass(frozen=True)
class Feed:
    kind: str  # "rss", "atom", "sitemap", "sitemap-index"
    title: str | None
    entries: list[Entry]  # for a sitemap index: the child sitemaps


def xml_parser() -> etree.XMLParser:
    """No entity expansion, no DTD loading, no network: safe on hostile XML."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False)


def parse_feed(body: bytes, base_url: str) -> Feed:
    root = _xml_root(body)
    if root is not None and etree.QName(root).namespace == SITEMAP_NS:
        return _sitemap(root)
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": base_url},
                              resolve_relative_uris=True, sanitize_html=True)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or str(parsed.get("bozo_exception") or "")
        raise NotAFeed(f"not an RSS/Atom feed or sitemap{': ' + reason[:200] if reason else ''}")
    kind = "atom" if str(parsed.get("version")).startswith("atom") else "rss"
    title = parsed.feed.get("title") or None
    return Feed(kind, title, [e for e in (_feed_entry(item, title) for item in parsed.entries) if e])


def _xml_root(body: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(body, parser=xml_parser())
    except etree.XMLSyntaxError:
        return None


def _feed_entry(item: feedparser.FeedParserDict, feed_title: str | None) -> Entry | None:
    link = item.get("link") or next((l.get("href") for l in item.get("links", []) if l.get("href")), None)
    if not link:
        return None
    when = item.get("published_parsed") or item.get("updated_parsed")
    at = datetime(*when[:6], tzinfo=timezone.utc) if when else None  # feedparser gives UTC
    return Entry(url=link.strip(), title=(item.get("title") or "").strip() or None, published_at=at, source=feed_title)


def _sitemap(root: etree._Element) -> Feed:
    name = etree.QName(root).localname
    if name == "sitemapindex":
        children = [
            Entry(url=loc.strip(), **_when(sm.findtext("s:lastmod", namespaces=_NS)))
            for sm in root.findall("s:sitemap", _NS)
            if (loc := sm.findtext("s:loc", namespaces=_NS))
        ]
        return Feed("sitemap-index", None, children)
    if name != "urlset":
        raise NotAFeed(f"a sitemap document whose root is <{name}>, not <urlset> or <sitemapindex>")
    entries = []
    for url in root.findall("s:url", _NS):
        loc = url.findtext("s:loc", namespaces=_NS)
        if not loc:
            continue
        news = url.find("n:news", _NS)
        when = (news.findtext("n:publication_date", namespaces=_NS) if news is not None else None) or url.findtext(
            "s:lastmod", namespaces=_NS
        )
        entries.append(Entry(
            url=loc.strip(),
            title=(news.findtext("n:title", namespaces=_NS) or "").strip() or None if news is not None else None,
            source=(news.findtext("n:publication/n:name", namespaces=_NS) or "").strip() or None if news is not None else None,
            **_when(when),
        ))
    return Feed("sitemap", None, entries)


def _when(value: str | None) -> dict[str, datetime | date | None]:
    """A W3C datetime (``2025-11-17``, ``2025-11-17T10:00:00+05:30``) as published_at or published_day."""
    value = (value or "").strip()
    if not value:
        return {}
    try:
        if len(value) == 10:
            return {"published_day": date.fromisoformat(value)}
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return {}
    return {"published_at": parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)}
