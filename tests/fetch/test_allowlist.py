"""Every URL is checked against BRIEFS_FETCH_ALLOW before anything is resolved or sent."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.fetch.allowlist import Allowlist
from service.fetch.errors import FetchRefused

ALLOW = Allowlist.parse(["news.example", "127.0.0.1:8080", "[::1]:9000", "समाचार.example"])


@pytest.mark.parametrize("url, port", [
    ("http://news.example/feed.xml", 80), ("https://news.example/a?b=1", 443), ("HTTP://NEWS.EXAMPLE./x", 80),
    ("http://127.0.0.1:8080/rss", 8080), ("http://[::1]:9000/", 9000), ("https://समाचार.example/", 443),
])
def test_listed_hosts_pass(url, port):
    assert ALLOW.check(url).port == port


@pytest.mark.parametrize("url, why", [
    ("file:///etc/passwd", "Only http and https"),
    ("ftp://news.example/x", "Only http and https"),
    ("gopher://news.example:70/", "Only http and https"),
    ("javascript:alert(1)", "Only http and https"),
    ("//news.example/x", "Only http and https"),
    ("http://user:pw@news.example/", "user name or password"),
    ("http://news.example:8080/", "news.example:8080 is not in BRIEFS_FETCH_ALLOW"),
    ("http://127.0.0.1/", "127.0.0.1:80 is not in"),
    ("http://127.0.0.1:8081/", "127.0.0.1:8081 is not in"),
    ("http://2130706433:8080/", "not in BRIEFS_FETCH_ALLOW"),  # 127.0.0.1 as a number
    ("http://0x7f.0.0.1:8080/", "not in BRIEFS_FETCH_ALLOW"),
    ("http://127.1:8080/", "not in BRIEFS_FETCH_ALLOW"),
    ("http://169.254.169.254/latest/meta-data/", "not in BRIEFS_FETCH_ALLOW"),
    ("http://evil.example/", "not in BRIEFS_FETCH_ALLOW"),
    ("http://news.example.evil.example/", "not in BRIEFS_FETCH_ALLOW"),
    ("http://news.example:99999/", "port"),
    ("http://news.example/a b", "spaces or control characters"),
    ("http://news.example/\r\nHost: evil", "spaces or control characters"),
    ("http://news.example/" + "a" * 3000, "longer than"),
])
def test_refusals(url, why):
    with pytest.raises(FetchRefused, match=why):
        ALLOW.check(url)


def test_an_empty_allowlist_fetches_nothing():
    with pytest.raises(FetchRefused, match="Fetching is off"):
        Allowlist.parse([]).check("http://news.example/")


@pytest.mark.parametrize("entry", ["news.example/path", "user@news.example", "news.example:http", "http://news.example",
                                   "news.example?x=1", "news example", "news.example;x"])
def test_bad_entries_are_named(entry):
    with pytest.raises(ValueError, match="BRIEFS_FETCH_ALLOW entry"):
        Allowlist.parse([entry])


def test_request_target_is_percent_encoded():
    target = ALLOW.check("http://news.example/समाचार/1?q=भारत")
    assert target.path == "/%E0%A4%B8%E0%A4%AE%E0%A4%BE%E0%A4%9A%E0%A4%BE%E0%A4%B0/1?q=%E0%A4%AD%E0%A4%BE%E0%A4%B0%E0%A4%A4"
    assert ALLOW.check("http://news.example/%E0%A4%B8?a=1&b=2").path == "/%E0%A4%B8?a=1&b=2"


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(tail=st.text(max_size=80), head=st.sampled_from(["", "http://", "https://news.example", "http://[", "http://news.example:"]))
def test_any_string_is_a_target_or_a_refusal(head, tail):
    """Fuzzing: whatever a client sends as `url`, the check answers with a target or a FetchRefused (a 422)."""
    try:
        target = ALLOW.check(head + tail)
    except FetchRefused:
        return
    assert target.scheme in {"http", "https"} and ALLOW.allows(target.host, target.port, target.scheme)
    assert not any(ch in target.path for ch in " \r\n\t")


@pytest.mark.parametrize("entry", ["*.example.com", "*", "news.*.com", "*.example.com:8080"])
def test_wildcard_entries_are_refused_at_start(entry):
    """Issue 20 item 9: a wildcard entry was accepted and then never matched anything."""
    with pytest.raises(ValueError, match="wildcards are not supported"):
        Allowlist.parse([entry])
