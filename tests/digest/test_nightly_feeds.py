"""``nightly --feed``: loopback outlets play RSS, Atom and news-sitemap publishers.

A run over feeds gives the digest the folder input of the same pages gives; a rerun costs only
304s; troubled feeds are reported and the run goes on; the next night skips what was briefed and
links the stories that continue."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

import pytest

from tests.corpus import corpus_articles
from tests.fetch.outlets import Item, Outlet, Resource, amp_page, atom, classic_page, div_page, news_sitemap, rss

OUTPUTS = ("digest.md", "digest.html", "digest.json", "index.json")
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
RSS, ATOM, SITEMAP = "application/rss+xml", "application/atom+xml", "application/xml"


def _texts() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in corpus_articles()}


@pytest.fixture
def outlets() -> Iterator[list[Outlet]]:
    servers = [Outlet() for _ in range(4)]  # three outlets, and one that no allowlist names
    for server in servers[:3]:
        server.routes["/robots.txt"] = Resource(ROBOTS, "text/plain")
    yield servers
    for server in servers:
        server.stop()


def _env(*servers: Outlet, **extra: str) -> dict[str, str]:
    return {"BRIEFS_FETCH_ALLOW": ",".join(s.host for s in servers), "BRIEFS_FETCH_HOST_DELAY": "0.01",
            "BRIEFS_FETCH_TIMEOUT": "1", "BRIEFS_FETCH_CONTACT": "ops@newsroom.example", **extra}


# When each corpus article was published (its text names the days; 04 and 05 report the same visit).
PUBLISHED = {
    "article-01": "2026-01-15T22:56:00+05:30",
    "article-02": "2026-01-15T12:00:00+00:00",
    "article-03": "2020-09-09T19:36:00+05:30",
    "article-04": "2025-11-18",
    "article-05": "2025-11-18",
}


def _pages(a: Outlet, b: Outlet, c: Outlet) -> dict[str, tuple[Outlet, str, str]]:
    """article -> (outlet, path, page HTML), in three site styles."""
    texts = _texts()
    plan = {"article-01": (a, classic_page), "article-03": (a, classic_page), "article-02": (b, div_page),
            "article-04": (c, amp_page), "article-05": (c, amp_page)}
    pages = {}
    for name, (server, style) in plan.items():
        path = f"/news/{name}"
        pages[name] = (server, path, style(texts[name], server.url(path)))
        server.routes[path] = Resource(pages[name][2].encode())
    return pages


def _publish(a: Outlet, b: Outlet, c: Outlet) -> dict[str, tuple[Outlet, str, str]]:
    pages = _pages(a, b, c)
    url = {name: server.url(path) for name, (server, path, _) in pages.items()}
    texts = _texts()
    a.routes["/private/story"] = Resource(pages["article-03"][2].encode())
    b.routes["/syndicated/01"] = Resource(classic_page(texts["article-01"], b.url("/syndicated/01")).encode())
    a.routes["/rss.xml"] = Resource(rss("खबर डेस्क", [
        Item(url["article-01"], "जयशंकर-लावरोव मीटिंग", PUBLISHED["article-01"]),
        Item(url["article-03"], "2020 की मुलाकात", PUBLISHED["article-03"]),
        Item(a.url("/private/story"), "robots.txt forbids this path", "2026-01-15T09:00:00+05:30"),
        # the other outlet's story, by another link (a Hindi title: an English one would become the headline,
        # and the folder run below has none)
        Item(url["article-02"] + "?utm_source=rss&utm_medium=feed", "दूसरे लिंक से वही खबर", PUBLISHED["article-02"]),
        Item(a.url("/news/old"), "outside the window", "2019-12-31T10:00:00+00:00"),
    ]), RSS)
    b.routes["/atom.xml"] = Resource(atom("News Hindi", [
        Item(url["article-02"], "S Jaishankar Sergey Lavrov Meeting", PUBLISHED["article-02"]),
        Item(b.url("/syndicated/01"), "the same text as article-01 under another URL", "2026-01-15T18:00:00Z"),
    ]), ATOM)
    c.routes["/news-sitemap.xml"] = Resource(news_sitemap("दैनिक समाचार", [
        Item(url["article-04"], "मॉस्को में लावरोव से मिलेंगे जयशंकर", PUBLISHED["article-04"]),
        Item(url["article-05"], "रूस पहुंचे विदेश मंत्री", PUBLISHED["article-05"]),
    ]), SITEMAP)
    c.routes["/sitemap-index.xml"] = Resource(
        ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
         f'<loc>{c.url("/news-sitemap.xml")}</loc><lastmod>2025-11-18</lastmod></sitemap></sitemapindex>').encode(), SITEMAP)
    return pages


def _stories(out: Path, names: dict[str, str]) -> list[tuple[str, list[str], list[str]]]:
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    return [(s["headline"], s["bullets"], [names.get(src["id"], src["id"]) for src in s["sources"]]) for s in digest["stories"]]


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_feeds_give_the_folder_digest_and_a_rerun_costs_only_304s(run_nightly, outlets, tmp_path):
    a, b, c, elsewhere = outlets
    pages = _publish(a, b, c)
    feeds = tmp_path / "feeds.opml"
    feeds.write_text('<?xml version="1.0"?><opml version="2.0"><body>'
                     + "".join(f'<outline text="f" type="rss" xmlUrl="{u}"/>' for u in (a.url("/rss.xml"), b.url("/atom.xml")))
                     + "</body></opml>", encoding="utf-8")
    args = ["--feeds", str(feeds), "--feed", c.url("/sitemap-index.xml"), "--date", "2026-01-16", "--since", "2020-01-01",
            "--bullets", "2", "--out", str(tmp_path / "digests" / "2026-01-16")]
    first = run_nightly(*args, env=_env(a, b, c))
    assert first.returncode == 4, first.stderr  # partial: robots.txt kept one article out
    assert "3 feeds (0 unchanged, 0 failed), 5 articles taken (6 pages fetched" in first.stderr
    assert "1 outside the window" in first.stderr and "2 duplicates" in first.stderr
    out = tmp_path / "digests" / "2026-01-16"
    digest = json.loads((out / "digest.json").read_text(encoding="utf-8"))
    assert [p["where"] for p in digest["input_problems"]] == [a.url("/private/story")]
    assert "robots.txt disallows /private/story" in digest["input_problems"][0]["reason"]
    assert a.requests_to("/private/story") == [] and a.requests_to("/news/old") == []
    for server in (a, b, c):
        assert server.max_concurrent() == 1
        assert {h.headers["user-agent"] for h in server.hits} == {"hindi-briefs/1.0 (+ops@newsroom.example)"}

    names = {server.url(path): name for name, (server, path, _) in pages.items()}
    by_feed = _stories(out, names)
    assert sorted(sorted(sources) for _, _, sources in by_feed) == [
        ["article-01", "article-02"], ["article-03"], ["article-04", "article-05"]]

    folder = tmp_path / "pages"
    folder.mkdir()
    for name, (_, _, html) in pages.items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
    by_folder = run_nightly("--input", str(folder), "--out", str(tmp_path / "folder-run" / "out"),
                            "--date", "2026-01-16", "--bullets", "2")
    assert by_folder.returncode == 0, by_folder.stderr
    assert by_feed == _stories(tmp_path / "folder-run" / "out", {})  # same stories, headlines, bullets, order

    before = _files(out)
    for server in outlets:
        server.hits.clear()
    rerun = run_nightly(*args, env=_env(a, b, c))
    assert rerun.returncode == 4, rerun.stderr
    assert "3 feeds (3 unchanged, 0 failed), 5 articles taken (0 pages fetched, 6 already fetched)" in rerun.stderr
    asked = sorted((h.path, h.status) for server in outlets for h in server.hits)
    assert asked == sorted([("/robots.txt", 304)] * 3 + [("/rss.xml", 304), ("/atom.xml", 304), ("/sitemap-index.xml", 304),
                                                          ("/news-sitemap.xml", 304)])
    assert _files(out) == before
    assert elsewhere.hits == []


def test_troubled_feeds_are_reported_and_the_run_goes_on(run_nightly, outlets, tmp_path):
    a, _, _, elsewhere = outlets
    texts = _texts()
    a.routes["/news/article-04"] = Resource(amp_page(texts["article-04"], a.url("/news/article-04")).encode())
    a.routes["/news/huge"] = Resource(endless=True)
    a.routes["/rss.xml"] = Resource(rss("खबर", [Item(a.url("/news/article-04"), "t", "2026-01-16T08:00:00Z"),
                                                 Item(a.url("/news/huge"), "a page larger than the cap", "2026-01-16T09:00:00Z")]), RSS)
    a.routes["/slow.xml"] = Resource(a.routes["/rss.xml"].body, RSS, delay_s=2.5)
    a.routes["/broken.xml"] = Resource(b'<?xml version="1.0"?><rss version="2.0"><channel><title>cut off', RSS)
    a.routes["/huge.xml"] = Resource(content_type=RSS, endless=True)
    a.routes["/moved.xml"] = Resource(location=elsewhere.url("/rss.xml"))
    a.routes["/page.xml"] = Resource(b"<html><body>Sorry</body></html>", "text/html")
    elsewhere.routes["/rss.xml"] = a.routes["/rss.xml"]
    down = Outlet()
    down_url = down.url("/rss.xml")
    down.stop()  # listed, but nothing answers there any more
    feeds = [a.url(p) for p in ("/rss.xml", "/slow.xml", "/broken.xml", "/huge.xml", "/moved.xml", "/page.xml")] + [down_url]
    env = _env(a, down, BRIEFS_FETCH_MAX_BYTES="300000")
    result = run_nightly(*[arg for url in feeds for arg in ("--feed", url)], "--date", "2026-01-16", "--bullets", "2",
                         "--out", str(tmp_path / "out"), env=env)
    assert result.returncode == 4, result.stderr
    digest = json.loads((tmp_path / "out" / "digest.json").read_text(encoding="utf-8"))
    problems = {p["feed"]: p["reason"] for p in digest["feed_problems"]}
    assert list(problems) == feeds[1:]
    assert "did not answer within 1 s" in problems[a.url("/slow.xml")]
    assert "not an RSS/Atom feed or sitemap" in problems[a.url("/broken.xml")]
    assert "larger than 300,000 bytes" in problems[a.url("/huge.xml")]
    assert f"{elsewhere.host} is not in BRIEFS_FETCH_ALLOW" in problems[a.url("/moved.xml")]
    assert "sent text/html" in problems[a.url("/page.xml")]
    assert "Cannot connect" in problems[down_url]
    assert digest["counts"]["feed_problems"] == 6 and digest["counts"]["briefed"] == 1
    assert [p["where"] for p in digest["input_problems"]] == [a.url("/news/huge")]
    assert "6 feeds could not be read" in (tmp_path / "out" / "digest.md").read_text(encoding="utf-8")
    assert elsewhere.hits == []


def test_the_next_night_skips_what_was_briefed_and_links_continuing_stories(run_nightly, outlets, tmp_path):
    a, b, c, _ = outlets
    pages = _pages(a, b, c)
    url = {name: server.url(path) for name, (server, path, _) in pages.items()}
    night = lambda names: rss("खबर", [Item(url[n], n, PUBLISHED[n]) for n in names])  # noqa: E731
    digests = tmp_path / "digests"
    common = ["--feed", a.url("/rss.xml"), "--since", "2020-01-01", "--bullets", "2"]

    a.routes["/rss.xml"] = Resource(night(["article-01", "article-04"]), RSS)
    first = run_nightly(*common, "--date", "2026-01-15", "--out", str(digests / "2026-01-15"), env=_env(a, b, c))
    assert first.returncode == 0, first.stderr

    a.routes["/rss.xml"] = Resource(night(["article-01", "article-02", "article-03", "article-04", "article-05"]), RSS)
    for server in (a, b, c):
        server.hits.clear()
    second = run_nightly(*common, "--date", "2026-01-16", "--out", str(digests / "2026-01-16"), env=_env(a, b, c))
    assert second.returncode == 0, second.stderr
    assert "3 articles taken" in second.stderr and "2 in earlier digests" in second.stderr
    fetched = {h.path for server in (a, b, c) for h in server.hits}
    assert "/news/article-01" not in fetched and "/news/article-04" not in fetched

    earlier = json.loads((digests / "2026-01-15" / "digest.json").read_text(encoding="utf-8"))
    earlier_id = {s["sources"][0]["id"]: s["id"] for s in earlier["stories"]}
    tonight = json.loads((digests / "2026-01-16" / "digest.json").read_text(encoding="utf-8"))
    links = {s["sources"][0]["id"]: s["continues"] for s in tonight["stories"]}
    assert set(links) == {url["article-02"], url["article-03"], url["article-05"]}
    assert links[url["article-03"]] is None  # the 2020 meeting is another event
    for new, old in (("article-02", "article-01"), ("article-05", "article-04")):
        assert links[url[new]]["id"] == earlier_id[url[old]] and links[url[new]]["date"] == "2026-01-15"
        assert links[url[new]]["link"] == f"../2026-01-15/digest.html#{earlier_id[url[old]]}"
        assert f'<article id="{earlier_id[url[old]]}">' in (digests / "2026-01-15" / "digest.html").read_text(encoding="utf-8")
    markdown = (digests / "2026-01-16" / "digest.md").read_text(encoding="utf-8")
    assert len(re.findall(r"_Continues \[.+\]\(\.\./2026-01-15/digest\.html#story-[0-9a-f]+\) \(2026-01-15\)\._", markdown)) == 2


def test_feed_usage_errors_exit_2(run_nightly, outlets, tmp_path):
    a = outlets[0]
    out = ["--out", str(tmp_path / "o")]
    assert "fetching is off" in run_nightly("--feed", a.url("/rss.xml"), *out, env={"BRIEFS_FETCH_ALLOW": ""}).stderr
    assert run_nightly("--feed", a.url("/rss.xml"), "--since", "last week", *out, env=_env(a)).returncode == 2
    assert run_nightly("--feed", a.url("/rss.xml"), "--input", str(tmp_path), *out, env=_env(a)).returncode == 2
    assert run_nightly("--feeds", str(tmp_path / "missing.opml"), *out, env=_env(a)).returncode == 2
    assert run_nightly("--feed", a.url("/rss.xml"), *out, env=_env(a, BRIEFS_FETCH_ALLOW="a.example/x")).returncode == 2
    assert a.hits == []
