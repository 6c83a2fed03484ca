"""Hostile requests over HTTP: none may get a 5xx, hang, or take the worker down."""
from __future__ import annotations

import json

import pytest
import requests
from rel_helpers import KEY_MAIN, auth

JSON = {"Content-Type": "application/json"}
# Shapes that broke other services (tests/pipeline/test_hostile_input.py runs them, larger, on the
# pipeline itself); here at sizes that keep the tiny model's generation short.
HOSTILE_TEXTS = [
    "क" * 3_000,  # one giant "word"
    ("भारत रूस " * 300).strip() + "।",  # one giant sentence
    "।।।।?!!..." * 200,  # punctuation only
    "क\u200dष\u200c" * 150,  # zero-width joiners
    "भारत\x00 की\x07 राजधानी\r\n\r\n" * 30,  # control characters
    "\ufffd\ufeff\u202e भारत की राजधानी नई दिल्ली है।",  # replacement char, BOM, right-to-left override
    "<script>alert(1)</script> भारत की राजधानी नई दिल्ली है।",
    "{{7*7}} {% raw %} ${jndi:ldap://127.0.0.1:1/x} भारत की राजधानी नई दिल्ली है।",  # template/lookup injection
    "भारत English русский 中文 العربية " * 40,  # mixed scripts
]
RAW_BODIES = [
    ("/v1/briefs", b"[" * 200_000, JSON),  # nesting bomb
    ("/v1/briefs", b'{"text": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", JSON),
    ("/v1/briefs", b"\xff\xfe\x00garbage", JSON),
    ("/v1/briefs", b"\xff\xfe\x00garbage", {"Content-Type": "text/plain"}),
    ("/v1/briefs", b'{"text": "\\ud800\\udc00\\ud800"}', JSON),
    ("/v1/briefs", b'{"text": 1e999999}', JSON),
    ("/v1/briefs", b'{"text": "x", "text": ["dup"]}', JSON),
    ("/v1/briefs", b'{"text": "' + "भारत ".encode() * 10 + b'", "bullets": 99999999999999999999999}', JSON),
    ("/v1/briefs", b'{"text": "a", "mode": {"$gt": ""}}', JSON),
    ("/v1/briefs/batch", json.dumps({"articles": [{"text": "भारत"}] * 5000}).encode(), JSON),
    ("/v1/briefs/batch", b'{"articles": []}', JSON),
    ("/translate", b"q=" + b"%E0%A4%95" * 1_000, {"Content-Type": "application/x-www-form-urlencoded"}),
    ("/translate", b'{"q": [' + b'"x",' * 5000 + b'"y"]}', JSON),
    ("/v1/briefs", "<html><body>" .encode() + b"<div>" * 5_000 + "भारत।".encode() + b"</body></html>", {"Content-Type": "text/html"}),
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=range(len(HOSTILE_TEXTS)))
def test_hostile_article_texts(guarded, text):
    response = requests.post(guarded.url + "/v1/translate", json={"text": text}, headers=auth(), timeout=120)
    assert response.status_code < 500, (response.status_code, response.text[:300])


def test_hostile_raw_bodies_and_headers(guarded):
    statuses = []
    for path, body, headers in RAW_BODIES:
        response = requests.post(guarded.url + path, data=body, headers={**auth(), **headers}, timeout=120)
        statuses.append(response.status_code)
        assert response.status_code < 500, (path, body[:60], response.status_code, response.text[:300])
    odd_headers = [{"X-Request-ID": "x" * 10_000}, {"X-Request-ID": "../../etc/passwd\r\nX: y".replace("\r\n", " ")},
                   {"Prefer": "respond-async, " * 500}, {"Authorization": "Bearer " + "k" * 8000},
                   {"X-API-Key": KEY_MAIN, "Authorization": "Bearer wrong"}, {"Content-Length": "5"}]
    for headers in odd_headers:
        response = requests.post(guarded.url + "/v1/briefs", json={"text": "भारत की राजधानी नई दिल्ली है।"},
                                 headers={**auth(), **headers}, timeout=60)
        statuses.append(response.status_code)
        assert response.status_code < 500, (headers, response.status_code, response.text[:300])
    assert requests.get(guarded.url + "/healthz", timeout=10).status_code == 200
    print(f"\nhostile raw bodies and headers: {len(statuses)} requests, statuses {sorted(set(statuses))}")
