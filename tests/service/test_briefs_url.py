"""``POST /v1/briefs {"url"}``: off without BRIEFS_FETCH_ALLOW; with it, one page fetched under the
fetch rules from a loopback outlet and briefed like posted text."""
from __future__ import annotations

import time

import pytest
from http_helpers import PROBLEM

from service.app import create_app
from service.config import Settings
from tests.fetch.outlets import Resource, div_page, elsewhere, outlet  # noqa: F401 (fixtures)


@pytest.fixture
def client_for(tiny_models, tmp_path):
    def make(*allow: str, **changes):
        settings = Settings(model=str(tiny_models["marian"]), data_dir=tmp_path, warmup=False, fetch_allow=allow,
                            fetch_host_delay_s=0.0, fetch_timeout_s=2.0, **changes)
        return create_app(settings).test_client()

    return make


def test_a_listed_page_is_fetched_and_briefed_like_its_text(client_for, outlet, article):
    page = div_page(article, outlet.url("/news/1"))
    outlet.routes["/news/1"] = Resource(page.encode())
    client = client_for(outlet.host)
    by_url = client.post("/v1/briefs", json={"url": outlet.url("/news/1?utm_source=share"), "bullets": 2})
    assert by_url.status_code == 200, by_url.json
    assert by_url.json["url"] == outlet.url("/news/1")
    by_html = client.post("/v1/briefs", json={"html": page, "bullets": 2})
    assert by_url.json["bullets"] == by_html.json["bullets"] and by_url.json["title"] == by_html.json["title"]
    assert [h.path for h in outlet.hits] == ["/robots.txt", "/news/1"]  # tracking parameters are not sent


@pytest.mark.parametrize("body, status, code, detail", [
    ({"url": "http://127.0.0.1:1/x"}, 422, "fetch_refused", "is not in BRIEFS_FETCH_ALLOW"),
    ({"url": "file:///etc/passwd"}, 422, "fetch_refused", "Only http and https"),
    ({"url": "http://169.254.169.254/latest/meta-data/"}, 422, "fetch_refused", "not in BRIEFS_FETCH_ALLOW"),
    ({"url": "{outlet}/news/1", "text": "नमस्ते"}, 422, "invalid_request", "one of `text`, `html` or `url`"),
    ({"url": "{outlet}/private/1"}, 422, "fetch_refused", "robots.txt disallows"),
    ({"url": "{outlet}/missing"}, 502, "fetch_failed", "HTTP 404"),
    ({"url": "{outlet}/moved"}, 422, "fetch_refused", "is not in BRIEFS_FETCH_ALLOW"),
    ({"url": "{outlet}/slow"}, 504, "fetch_timeout", "did not answer"),
    ({"url": "{outlet}/huge"}, 502, "fetch_too_large", "BRIEFS_FETCH_MAX_BYTES"),
    ({"url": "{outlet}/image"}, 502, "fetch_failed", "sent image/png"),
])
def test_refusals_and_failures_are_problems(client_for, outlet, elsewhere, body, status, code, detail):
    outlet.routes["/robots.txt"] = Resource(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    outlet.routes["/moved"] = Resource(location=elsewhere.url("/news/1"))
    outlet.routes["/slow"] = Resource(b"<p>x</p>", delay_s=3)
    outlet.routes["/huge"] = Resource(endless=True)
    outlet.routes["/image"] = Resource(b"\x89PNG", "image/png")
    elsewhere.routes["/news/1"] = Resource(b"<p>x</p>")
    client = client_for(outlet.host, fetch_max_bytes=100_000)
    body = {k: v.replace("{outlet}", outlet.url("")) for k, v in body.items()}
    response = client.post("/v1/briefs", json=body)
    assert response.status_code == status and response.content_type.startswith(PROBLEM), response.json
    assert response.json["code"] == code and detail in response.json["detail"], response.json
    assert elsewhere.hits == []
    assert client.get("/healthz").status_code == 200


def test_without_an_allowlist_nothing_is_fetched(client_for, outlet):
    outlet.routes["/news/1"] = Resource(b"<p>x</p>")
    client = client_for()
    for body in ({"url": outlet.url("/news/1")}, {"url": outlet.url("/news/1"), "mode": "translate"}):
        response = client.post("/v1/briefs", json=body)
        assert response.status_code == 422 and "never fetches URLs" in response.json["detail"]
    response = client.post("/v1/briefs?async=true", json={"url": outlet.url("/news/1")})
    assert response.status_code == 422
    assert outlet.hits == []


def test_an_async_url_brief_fetches_in_the_job(client_for, outlet, article):
    outlet.routes["/news/1"] = Resource(div_page(article, outlet.url("/news/1")).encode())
    client = client_for(outlet.host)
    accepted = client.post("/v1/briefs?async=true", json={"url": outlet.url("/news/1"), "bullets": 1})
    assert accepted.status_code == 202
    deadline = time.monotonic() + 60
    while (job := client.get(accepted.json["location"]).json)["status"] in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert job["status"] == "finished", job
    assert job["result"]["url"] == outlet.url("/news/1") and len(job["result"]["bullets"]) == 1


def test_a_bad_allowlist_entry_stops_the_start(tiny_models, tmp_path):
    with pytest.raises(ValueError, match="BRIEFS_FETCH_ALLOW entry 'news.example/feeds'"):
        create_app(Settings(model=str(tiny_models["marian"]), data_dir=tmp_path, warmup=False,
                            fetch_allow=("news.example/feeds",)))
