"""The night's articles from RSS/Atom feeds and news sitemaps (``nightly --feed``).

1. Each feed is fetched conditionally (an unchanged feed is one 304; its entries come from the
   stored body). A feed that is down, slow, malformed or refused is reported and the run goes on.
2. Entries: the newest ``max_entries`` of each feed, those published in the window (undated ones
   are kept until the page gives a date), each canonical URL once, none that an earlier digest had.
3. Pages are fetched (hosts side by side, one request at a time per host), unless the fetch
   state already has them (a rerun fetches nothing it fetched before). The story text is
   extracted; an article whose text was already taken tonight, or in an earlier digest, is
   dropped (the same story in two feeds, or syndicated under another URL).
The result is a list of ``Article`` in feed order, as the folder and JSONL inputs give.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from pathlib import Path

from service.config import Settings
from service.digest.articles import Article, InputProblem
from service.digest.history import History
from service.digest.window import Window
from service.errors import BriefError
from service.fetch.client import FEED_TYPES, Fetcher, FetchPolicy
from service.fetch.conditional import get_conditional
from service.fetch.feedlist import read_feed_list
from service.fetch.feeds import Entry, Feed, NotAFeed, parse_feed
from service.fetch.identity import canonical_url
from service.fetch.pages import Page, fetch_page
from service.fetch.robots import RobotsRules
from service.fetch.state import FetchState

MAX_CHILD_SITEMAPS = 10  # of a sitemap index, the most recently modified ones

log = logging.getLogger(__name__)


@dataclass
class FeedReport:
    url: str
    entries: int = 0  # entries read (after the per-feed cap)
    taken: int = 0  # entries in the window, not seen before
    not_modified: bool = False
    problem: str | None = None


@dataclass
class Collected:
    articles: list[Article] = field(default_factory=list)
    page_problems: list[InputProblem] = field(default_factory=list)
    feed_problems: list[InputProblem] = field(default_factory=list)
    feeds: list[FeedReport] = field(default_factory=list)
    outside_window: int = 0
    seen_before: int = 0  # in an earlier digest
    duplicates: int = 0  # the same article twice tonight
    pages_fetched: int = 0
    pages_stored: int = 0  # read from the fetch state instead of fetched

    def summary(self) -> str:
        failed = sum(1 for f in self.feeds if f.problem)
        unchanged = sum(1 for f in self.feeds if f.not_modified)
        return (
            f"{len(self.feeds)} feeds ({unchanged} unchanged, {failed} failed), {len(self.articles)} articles taken "
            f"({self.pages_fetched} pages fetched, {self.pages_stored} already fetched), {self.outside_window} outside "
            f"the window, {self.seen_before} in earlier digests, {self.duplicates} duplicates, "
            f"{len(self.page_problems)} pages not read"
        )


@dataclass(frozen=True)
class _Candidate:
    entry: Entry
    url: str  # canonical entry URL
    source: str | None


def collect(feed_urls: list[str], window: Window, fetcher: Fetcher, state: FetchState, history: History,
            max_entries: int, workers: int) -> Collected:
    result = Collected()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        feeds = list(pool.map(lambda url: _read_feed(url, fetcher, state, max_entries), feed_urls))
        candidates = _candidates(feeds, window, history, result)
        pages = list(pool.map(lambda c: _page(c, fetcher, state), candidates))
    texts: set[str] = set()
    urls: set[str] = set()
    for candidate, (page, how) in zip(candidates, pages):  # in feed order, whatever order fetches ended in
        if page is None:
            result.page_problems.append(InputProblem(candidate.url, how))
            continue
        if how == "stored":
            result.pages_stored += 1
        else:
            result.pages_fetched += 1
        if page.url in urls or page.text_hash in texts:
            result.duplicates += 1
            continue
        if history.seen(page.url, page.text_hash):
            result.seen_before += 1
            continue
        if candidate.entry.published_at is None and candidate.entry.published_day is None and page.published:
            if window.contains(day=_iso_day(page.published)) is False:
                result.outside_window += 1
                continue
        urls.add(page.url)
        texts.add(page.text_hash)
        result.articles.append(_article(candidate, page, window))
    return result


def _read_feed(url: str, fetcher: Fetcher, state: FetchState, max_entries: int) -> tuple[FeedReport, Feed | None]:
    report = FeedReport(url)
    try:
        fetched = get_conditional(fetcher, state, url, FEED_TYPES)
        feed = parse_feed(fetched.body, fetched.url)
        report.not_modified = fetched.not_modified
        if feed.kind == "sitemap-index":
            feed = _read_children(feed, fetcher, state, report)
    except (BriefError, NotAFeed) as exc:
        report.problem = exc.detail if isinstance(exc, BriefError) else f"{url}: {exc}"
        log.warning("nightly: feed %s: %s", url, report.problem)
        return report, None
    entries = sorted(enumerate(feed.entries), key=lambda pair: (_timestamp(pair[1]) is None, -(_timestamp(pair[1]) or 0), pair[0]))
    feed = Feed(feed.kind, feed.title, [entry for _, entry in entries[:max_entries]])
    report.entries = len(feed.entries)
    return report, feed


def _read_children(index: Feed, fetcher: Fetcher, state: FetchState, report: FeedReport) -> Feed:
    children = sorted(index.entries, key=lambda e: -(_timestamp(e) or 0))[:MAX_CHILD_SITEMAPS]
    entries: list[Entry] = []
    for child in children:
        fetched = get_conditional(fetcher, state, child.url, FEED_TYPES)
        report.not_modified = report.not_modified and fetched.not_modified
        sitemap = parse_feed(fetched.body, fetched.url)
        if sitemap.kind == "sitemap":
            entries.extend(sitemap.entries)
    return Feed("sitemap", None, entries)


def _timestamp(entry: Entry) -> float | None:
    if entry.published_at is not None:
        return entry.published_at.timestamp()
    if entry.published_day is not None:
        return float(entry.published_day.toordinal() * 86400)
    return None


def _candidates(feeds: list[tuple[FeedReport, Feed | None]], window: Window, history: History,
                result: Collected) -> list[_Candidate]:
    seen: set[str] = set()
    candidates = []
    for report, feed in feeds:
        result.feeds.append(report)
        if report.problem:
            result.feed_problems.append(InputProblem(report.url, report.problem))
        if feed is None:
            continue
        for entry in feed.entries:
            url = canonical_url(entry.url)
            if url is None:
                continue
            if window.contains(entry.published_at, entry.published_day) is False:
                result.outside_window += 1
            elif url in seen:
                result.duplicates += 1
            elif history.seen(url):
                result.seen_before += 1
            else:
                seen.add(url)
                report.taken += 1
                candidates.append(_Candidate(entry, url, entry.source or feed.title))
    return candidates


def _page(candidate: _Candidate, fetcher: Fetcher, state: FetchState) -> tuple[Page | None, str]:
    """The page and "stored" or "fetched"; or None and why it could not be read."""
    record = state.page(candidate.url)
    if record is not None:
        return Page.from_record(record), "stored"
    try:
        page = fetch_page(fetcher, candidate.url)
    except BriefError as exc:
        return None, exc.detail
    state.save_page(candidate.url, page.to_record())
    return page, "fetched"


def _iso_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _article(candidate: _Candidate, page: Page, window: Window) -> Article:
    entry = candidate.entry
    if entry.published_at is not None:
        published: str | None = window.local_day(entry.published_at).isoformat()
    elif entry.published_day is not None:
        published = entry.published_day.isoformat()
    else:
        published = page.published
    return Article(
        id=page.url,
        data=page.text,
        format="text",
        title=entry.title or page.title,
        url=page.url,
        source=candidate.source or urlsplit(page.url).hostname,
        published=published,
    )


def collect_night(settings: Settings, feeds: list[str], feeds_file: Path | None, day: str, since: str | None,
                  history: History) -> Collected:
    """Everything ``nightly --feed`` needs, built from settings. ``ValueError``: a usage problem
    (fetching off, bad allowlist entry, unreadable feeds file, bad ``--since`` or time zone)."""
    urls = list(feeds)
    if feeds_file is not None:
        try:
            urls += read_feed_list(feeds_file)
        except OSError as exc:
            raise ValueError(f"cannot read --feeds {feeds_file}: {exc.strerror}") from None
    policy = FetchPolicy.from_settings(settings)
    if not policy.allow:
        raise ValueError("fetching is off: set BRIEFS_FETCH_ALLOW to the feeds' and articles' hosts (host or host:port)")
    window = Window.for_night(day, since, settings.timezone)
    fetcher = Fetcher(policy)
    state = FetchState.in_data_dir(settings.data_dir)
    RobotsRules(fetcher, state).attach()
    try:
        collected = collect(list(dict.fromkeys(urls)), window, fetcher, state, history, settings.fetch_max_entries,
                            settings.fetch_hosts)
        state.prune()
    finally:
        state.close()
    return collected
