"""The fetcher against loopback outlets: redirects checked hop by hop, timeouts, size caps,
content types, robots.txt, conditional requests, one request at a time per host."""
from __future__ import annotations

import gzip
import socket
import threading
import time

import pytest

from service.fetch.client import FEED_TYPES, PAGE_TYPES
from service.fetch.conditional import get_conditional
from service.fetch.errors import FetchFailed, FetchRefused, FetchTimedOut, TooLarge
from service.fetch.robots import RobotsRules
from service.fetch.state import FetchState
from tests.fetch.outlets import TLS_DIR, Outlet, Resource

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PAGE = "<html><body><p>समाचार</p></body></html>".encode()


def test_a_redirect_to_a_host_not_listed_is_refused_and_never_requested(outlet, elsewhere, fetcher_for):
    elsewhere.routes["/article"] = Resource(PAGE)
    outlet.routes["/moved"] = Resource(location=elsewhere.url("/article"))
    outlet.routes["/moved-twice"] = Resource(location="/moved", status=301)
    fetcher = fetcher_for(outlet.host)
    for path in ("/moved", "/moved-twice"):
        with pytest.raises(FetchRefused, match=f"{elsewhere.host} is not in BRIEFS_FETCH_ALLOW"):
            fetcher.get(outlet.url(path), PAGE_TYPES, obey_robots=False)
    assert elsewhere.hits == []
    assert [h.path for h in outlet.hits] == ["/moved", "/moved-twice", "/moved"]


def test_redirects_within_the_allowlist_are_followed_up_to_the_limit(outlet, fetcher_for):
    outlet.routes["/a"] = Resource(location="/b")
    outlet.routes["/b"] = Resource(location=outlet.url("/page"), status=308)
    outlet.routes["/page"] = Resource(PAGE)
    outlet.routes["/loop"] = Resource(location="/loop")
    fetcher = fetcher_for(outlet.host, max_redirects=3)
    response = fetcher.get(outlet.url("/a"), PAGE_TYPES, obey_robots=False)
    assert (response.url, response.body) == (outlet.url("/page"), PAGE)
    with pytest.raises(FetchFailed, match="redirected more than 3 times"):
        fetcher.get(outlet.url("/loop"), PAGE_TYPES, obey_robots=False)
    assert len(outlet.requests_to("/loop")) == 4


def test_a_redirect_to_another_scheme_is_refused(outlet, fetcher_for):
    outlet.routes["/x"] = Resource(location="file:///etc/passwd")
    with pytest.raises(FetchRefused, match="Only http and https"):
        fetcher_for(outlet.host).get(outlet.url("/x"), PAGE_TYPES, obey_robots=False)


def test_a_slow_server_times_out(outlet, fetcher_for):
    outlet.routes["/slow"] = Resource(PAGE, delay_s=1.5)
    outlet.routes["/trickle"] = Resource(PAGE * 400, trickle_s=0.1)  # each read is quick; the whole is not
    fetcher = fetcher_for(outlet.host, timeout_s=0.6)
    for path in ("/slow", "/trickle"):
        started = time.monotonic()
        with pytest.raises(FetchTimedOut):
            fetcher.get(outlet.url(path), PAGE_TYPES, obey_robots=False)
        assert time.monotonic() - started < 1.4


def test_responses_over_the_size_cap_are_refused_while_streaming(outlet, fetcher_for):
    outlet.routes["/declared"] = Resource(b"x" * 300_000)
    outlet.routes["/endless"] = Resource(endless=True)
    fetcher = fetcher_for(outlet.host, max_bytes=200_000)
    with pytest.raises(TooLarge, match="300,000 bytes"):
        fetcher.get(outlet.url("/declared"), PAGE_TYPES, obey_robots=False)
    with pytest.raises(TooLarge, match="larger than 200,000 bytes"):
        fetcher.get(outlet.url("/endless"), PAGE_TYPES, obey_robots=False)


def test_a_gzip_body_is_capped_after_decompression(outlet, fetcher_for):
    bomb = gzip.compress(b"<p>" + b"x" * 5_000_000)  # 5 MB behind a few KB on the wire
    assert len(bomb) < 200_000
    outlet.routes["/bomb"] = Resource(bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(TooLarge, match="larger than 200,000 bytes"):
        fetcher_for(outlet.host, max_bytes=200_000).get(outlet.url("/bomb"), PAGE_TYPES, obey_robots=False)


def test_content_types_are_checked(outlet, fetcher_for):
    outlet.routes["/feed"] = Resource(b"<rss/>", content_type="application/octet-stream")
    outlet.routes["/page"] = Resource(b"%PDF-1.7", content_type="application/pdf")
    fetcher = fetcher_for(outlet.host)
    with pytest.raises(FetchFailed, match="sent application/octet-stream"):
        fetcher.get(outlet.url("/feed"), FEED_TYPES, obey_robots=False)
    with pytest.raises(FetchFailed, match="sent application/pdf"):
        fetcher.get(outlet.url("/page"), PAGE_TYPES, obey_robots=False)


def test_error_statuses_and_a_closed_port_fail_cleanly(outlet, fetcher_for):
    outlet.routes["/gone"] = Resource(b"gone", status=410, validators=False)
    with pytest.raises(FetchFailed, match="HTTP 410"):
        fetcher_for(outlet.host).get(outlet.url("/gone"), PAGE_TYPES, obey_robots=False)
    closed = f"127.0.0.1:{free_port()}"  # nothing listens there
    with pytest.raises(FetchFailed, match="Cannot connect"):
        fetcher_for(closed).get(f"http://{closed}/", PAGE_TYPES, obey_robots=False)


def test_robots_txt_is_obeyed_and_read_once(outlet, fetcher_for):
    outlet.routes["/robots.txt"] = Resource(
        b"User-agent: *\nDisallow: /private/\n\nUser-agent: hindi-briefs\nDisallow: /no-briefs/\n", "text/plain")
    for path in ("/news/1", "/private/1", "/no-briefs/1"):
        outlet.routes[path] = Resource(PAGE)
    fetcher = fetcher_for(outlet.host)
    RobotsRules(fetcher).attach()
    assert fetcher.get(outlet.url("/news/1"), PAGE_TYPES).status == 200
    assert fetcher.get(outlet.url("/private/1"), PAGE_TYPES).status == 200  # the group for our token replaces "*"
    with pytest.raises(FetchRefused, match="robots.txt disallows /no-briefs/1"):
        fetcher.get(outlet.url("/no-briefs/1"), PAGE_TYPES)
    assert [h.path for h in outlet.hits] == ["/robots.txt", "/news/1", "/private/1"]


def test_robots_txt_missing_allows_and_unreachable_disallows(outlet, fetcher_for):
    outlet.routes["/page"] = Resource(PAGE)
    fetcher = fetcher_for(outlet.host)
    RobotsRules(fetcher).attach()
    assert fetcher.get(outlet.url("/page"), PAGE_TYPES).status == 200  # robots.txt 404: no rules

    outlet.routes["/robots.txt"] = Resource(b"down", "text/plain", status=503, validators=False)
    fetcher = fetcher_for(outlet.host)
    RobotsRules(fetcher).attach()
    with pytest.raises(FetchRefused, match="robots.txt is unreachable"):
        fetcher.get(outlet.url("/page"), PAGE_TYPES)
    assert [h.path for h in outlet.hits] == ["/robots.txt", "/page", "/robots.txt"]


def test_crawl_delay_spaces_requests(outlet, fetcher_for):
    outlet.routes["/robots.txt"] = Resource(b"User-agent: *\nCrawl-delay: 0.3\n", "text/plain")
    outlet.routes["/page"] = Resource(PAGE)
    fetcher = fetcher_for(outlet.host)
    RobotsRules(fetcher).attach()
    for _ in range(3):
        fetcher.get(outlet.url("/page"), PAGE_TYPES)
    pages = outlet.requests_to("/page")
    assert all(b.started - a.ended >= 0.29 for a, b in zip(pages, pages[1:]))


def test_one_request_at_a_time_per_host_with_a_pause(outlet, elsewhere, fetcher_for):
    for server in (outlet, elsewhere):
        server.routes["/page"] = Resource(PAGE, delay_s=0.1)
    fetcher = fetcher_for(outlet.host, elsewhere.host, host_delay_s=0.2)
    threads = [threading.Thread(target=fetcher.get, args=(server.url("/page"), PAGE_TYPES), kwargs={"obey_robots": False})
               for server in (outlet, elsewhere) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for server in (outlet, elsewhere):
        hits = sorted(server.hits, key=lambda h: h.started)
        assert len(hits) == 3 and server.max_concurrent() == 1
        assert all(b.started - a.ended >= 0.19 for a, b in zip(hits, hits[1:]))
    # the two hosts were served side by side, not one after the other: each host's first request
    # began before the other host's last one ended (no wall-clock bound: it fails on a busy machine)
    (a_first, a_last), (b_first, b_last) = ((min(h.started for h in server.hits), max(h.ended for h in server.hits))
                                            for server in (outlet, elsewhere))
    assert b_first < a_last and a_first < b_last


def test_conditional_requests_remember_validators(outlet, fetcher_for, tmp_path):
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    outlet.routes["/feed.xml"] = Resource(feed, "application/rss+xml")
    state = FetchState(tmp_path / "fetch.sqlite3")
    fetcher = fetcher_for(outlet.host, user_agent="hindi-briefs/1.0 (+https://newsroom.example/contact)")
    first = get_conditional(fetcher, state, outlet.url("/feed.xml"), FEED_TYPES)
    state.close()
    state = FetchState(tmp_path / "fetch.sqlite3")  # another run
    second = get_conditional(fetcher, state, outlet.url("/feed.xml"), FEED_TYPES)
    assert (first.not_modified, second.not_modified) == (False, True)
    assert second.body == first.body == feed
    assert [h.status for h in outlet.hits] == [200, 304]
    assert outlet.hits[1].headers["if-none-match"] == Resource(feed).etag
    assert outlet.hits[0].headers["user-agent"] == "hindi-briefs/1.0 (+https://newsroom.example/contact)"
    state.close()


def test_https_verifies_the_certificate_for_the_name_while_connecting_to_the_checked_address(fetcher_for):
    """The name goes into SNI and the certificate check; the connection goes to the checked address."""
    server = Outlet(tls=True)
    server.routes["/page"] = Resource(PAGE)
    try:
        allow = (f"news.test:{server.port}", f"127.0.0.1:{server.port}")
        resolved: list[str] = []

        def resolver(host: str, port: int) -> list[str]:
            resolved.append(host)
            return ["127.0.0.1"]

        trusted = fetcher_for(*allow, ca_file=str(TLS_DIR / "ca.pem"))
        trusted.resolver = resolver
        assert trusted.get(server.url("/page", host="news.test"), PAGE_TYPES, obey_robots=False).body == PAGE
        assert resolved == ["news.test"] and server.hits[0].headers["host"] == f"news.test:{server.port}"
        with pytest.raises(FetchFailed, match="(?i)certificate|hostname|match"):  # the certificate does not name 127.0.0.1
            trusted.get(server.url("/page"), PAGE_TYPES, obey_robots=False)
        default = fetcher_for(*allow)  # the usual CA bundle does not know the test CA
        default.resolver = resolver
        with pytest.raises(FetchFailed, match="(?i)certificate"):
            default.get(server.url("/page", host="news.test"), PAGE_TYPES, obey_robots=False)
        assert len(server.requests_to("/page")) == 1
    finally:
        server.stop()
