"""Without BRIEFS_FETCH_ALLOW the service never fetches anything: a `url` is refused, and no URL
inside an input is opened (fetching with the allowlist: tests/service/test_briefs_url.py)."""
from __future__ import annotations

import socket
import threading

import pytest
import requests
from rel_helpers import ARTICLES, assert_problem, auth


@pytest.fixture
def trap():
    """A loopback listener counting every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.settimeout(0.2)
    hits: list[int] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", hits
    stop.set()
    thread.join(2)
    sock.close()


def test_url_field_is_rejected_not_fetched(guarded, trap):
    target, hits = trap
    for path, body in (("/v1/briefs", {"url": target + "/article"}), ("/v1/translate", {"url": target}),
                       ("/v1/briefs/batch", {"articles": [{"url": target}]})):
        problem = assert_problem(requests.post(guarded.url + path, json=body, headers=auth(), timeout=10), 422, "invalid_request")
        assert "never fetches URLs" in problem["detail"], problem
    assert hits == []


def test_urls_inside_articles_are_never_opened(guarded, trap):
    target, hits = trap
    text = ARTICLES[0].read_text(encoding="utf-8")
    html = (f'<html><head><link rel="stylesheet" href="{target}/s.css"><script src="{target}/x.js"></script></head>'
            f'<body><article><h1>शीर्षक</h1><img src="{target}/i.png"><iframe src="{target}/f"></iframe>'
            f'<p>{text[:1500]}</p><a href="{target}/more">और पढ़ें</a></article></body></html>')
    calls = [
        ("/v1/briefs", {"text": f"{target}/story {text[:800]} {target}/other"}),
        ("/v1/briefs", {"html": html}),
        ("/v1/translate", {"html": html}),
        ("/translate", {"q": target, "source": "hi", "target": "en", "url": target}),
    ]
    for path, body in calls:
        response = requests.post(guarded.url + path, json=body, headers=auth(), timeout=60)
        assert response.status_code < 500, response.text[:300]
    assert hits == []


def test_openapi_offers_url_input_only_on_briefs_and_says_it_needs_the_allowlist(guarded):
    doc = requests.get(guarded.url + "/openapi.json", timeout=10).json()
    with_url = {name: schema["properties"] for name, schema in doc["components"]["schemas"].items()
                if name.endswith("In") and {"url", "link", "href"} & set(schema.get("properties", {}))}
    assert set(with_url) == {"BriefIn"}, with_url
    assert "BRIEFS_FETCH_ALLOW" in with_url["BriefIn"]["url"]["description"]
