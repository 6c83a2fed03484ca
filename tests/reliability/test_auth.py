"""API keys and per-key rate limits on a real gunicorn (keys from the environment and a file)."""
from __future__ import annotations

import requests
from rel_helpers import ARTICLES, KEY_ENV, KEY_LOW, KEY_MAIN, assert_problem, auth

from service.config import Settings
from service.security.keys import Keyring, _entry, key_id, load, parse_file

REALM = 'Bearer realm="briefs", charset="UTF-8"'


def test_public_routes_need_no_key(guarded):
    url = guarded.url
    for path in ("/healthz", "/readyz", "/openapi.json", "/docs", "/", "/web/static/app.js"):
        response = requests.get(url + path, timeout=10)
        assert response.status_code == 200, (path, response.status_code)
    # Slack has its own signature check: our key check must not answer for it.
    slack = requests.post(url + "/slack/events", data=b"{}", headers={"content-type": "application/json"}, timeout=10)
    assert slack.headers.get("WWW-Authenticate") != REALM
    assert "unauthorized" != (slack.json().get("code") if slack.headers.get("content-type", "").startswith("application/problem+json") else None)


def test_metrics_are_protected_by_default(guarded):
    assert_problem(requests.get(guarded.url + "/metrics", timeout=10), 401, "unauthorized")
    response = requests.get(guarded.url + "/metrics", headers=auth(), timeout=10)
    assert response.status_code == 200 and "briefs_http_requests_total" in response.text


def test_missing_and_wrong_keys_are_401_problems(guarded):
    url = guarded.url + "/v1/briefs"
    body = {"text": ARTICLES[0].read_text(encoding="utf-8")}
    for headers in ({}, {"X-API-Key": "nope"}, {"X-API-Key": KEY_MAIN[:-1]}, {"X-API-Key": KEY_MAIN + "x"},
                    {"Authorization": f"Basic {KEY_MAIN}"}, {"Authorization": "Bearer "}):
        response = requests.post(url, json=body, headers=headers, timeout=10)
        problem = assert_problem(response, 401, "unauthorized")
        assert response.headers["WWW-Authenticate"] == REALM
        assert KEY_MAIN not in response.text and "nope" not in response.text, problem
    # A key in the query string is not a key (it would end up in proxies' logs).
    assert_problem(requests.post(url + f"?api_key={KEY_MAIN}", json=body, timeout=10), 401)
    # Unknown routes answer 401 too without a key (no probing), 404 with one.
    assert_problem(requests.get(guarded.url + "/v1/nothing-here", timeout=10), 401)
    assert_problem(requests.get(guarded.url + "/v1/nothing-here", headers=auth(), timeout=10), 404)


def test_every_way_to_present_a_valid_key(guarded):
    url = guarded.url
    text = ARTICLES[0].read_text(encoding="utf-8")
    for headers in (auth(KEY_MAIN), {"Authorization": f"Bearer {KEY_MAIN}"}, {"authorization": f"bearer {KEY_ENV}"}):
        response = requests.post(url + "/v1/briefs", json={"text": text, "bullets": 2}, headers=headers, timeout=60)
        assert response.status_code == 200, response.text[:300]
    # LibreTranslate clients send `api_key` in the body.
    response = requests.post(url + "/translate", json={"q": "भारत की राजधानी नई दिल्ली है।", "source": "hi", "target": "en",
                                                       "api_key": KEY_MAIN}, timeout=60)
    assert response.status_code == 200 and response.json()["translatedText"]
    form = requests.post(url + "/translate", data={"q": "भारत की राजधानी नई दिल्ली है।", "api_key": KEY_ENV}, timeout=60)
    assert form.status_code == 200


def test_rate_limit_is_per_key_and_a_429_problem(guarded):
    url = guarded.url + "/v1/jobs/does-not-exist"
    answers = [requests.get(url, headers=auth(KEY_LOW), timeout=10) for _ in range(4)]
    assert [a.status_code for a in answers] == [404, 404, 404, 429]
    problem = assert_problem(answers[-1], 429, "rate_limited")
    assert int(answers[-1].headers["Retry-After"]) >= 1 and "3 per 1 minute" in problem["detail"]
    assert answers[0].headers["X-RateLimit-Limit"] == "3"
    # Another key has its own bucket; public routes are never limited.
    assert requests.get(url, headers=auth(KEY_MAIN), timeout=10).status_code == 404
    assert requests.get(guarded.url + "/healthz", headers=auth(KEY_LOW), timeout=10).status_code == 200


def test_keyring_matching_and_files(tmp_path):
    ring = Keyring([_entry("alpha"), _entry("beta", "5/second")])
    assert ring.match("alpha").key_id == key_id("alpha") and ring.match("beta").limit == "5/second"
    for wrong in ("", "alph", "alphaa", "ALPHA", "ä" * 40, "\udcff"):
        assert ring.match(wrong) is None
    assert [e.limit for e in parse_file("# c\n a  10/minute\n\nb # note\n")] == ["10/minute", None]
    path = tmp_path / "keys"
    path.write_text("k1\nk1 2/second\n", encoding="utf-8")
    assert len(load(Settings(api_keys=("k0",), api_keys_file=path))) == 2  # duplicates collapse
    assert not load(Settings())
    assert "k0" not in repr(Settings(api_keys=("k0",)))
