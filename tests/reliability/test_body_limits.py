"""Issue 20 items 5, 6 and 7 against a real gunicorn (``guarded``: keys on, 300,000-byte body limit).

6: a body sent with ``Transfer-Encoding: chunked`` was cut at the limit and processed (200); with a
``Content-Length`` it was a 413. Now both are 413, whatever the limit's value.
7: a JSON integer over 4,300 digits was a 500 with a traceback on every JSON operation. Now 422.
5: CSV exports of the glossary wrote formula cells raw. Now every formula cell starts with ``'``.
"""
from __future__ import annotations

import csv
import io
import json

import pytest
import requests
from rel_helpers import assert_problem, auth

LIMIT = 300_000  # guarded's BRIEFS_MAX_REQUEST_BYTES
SENTENCE = "भारत की राजधानी नई दिल्ली है। "


def _chunks(body: bytes, size: int = 65_536):
    for start in range(0, len(body), size):
        yield body[start : start + size]


def _text_body(size: int) -> bytes:
    body = json.dumps({"text": "", "bullets": 1}, ensure_ascii=False).encode()
    filler = (SENTENCE * (size // len(SENTENCE.encode()) + 1)).encode()
    text = filler[: size - len(body)].decode("utf-8", errors="ignore")
    text += " " * (size - len(json.dumps({"text": text, "bullets": 1}, ensure_ascii=False).encode()))
    return json.dumps({"text": text, "bullets": 1}, ensure_ascii=False).encode()


@pytest.mark.parametrize("size", [LIMIT + 1, 2 * LIMIT, 50_000_000])
def test_chunked_bodies_over_the_limit_are_413_like_any_other(guarded, size):
    body = b"x" * size if size > 4 * LIMIT else _text_body(size)
    assert len(body) == size
    headers = {**auth(), "Content-Type": "application/json"}
    chunked = requests.post(guarded.url + "/v1/briefs", data=_chunks(body), headers=headers, timeout=120)
    assert_problem(chunked, 413, "input_too_large")
    if size < 4 * LIMIT:
        assert_problem(requests.post(guarded.url + "/v1/briefs", data=body, headers=headers, timeout=120), 413, "input_too_large")


def test_chunked_bodies_within_the_limit_are_read_whole(guarded):
    body = json.dumps({"q": SENTENCE * 3, "source": "hi", "target": "en"}, ensure_ascii=False).encode()
    response = requests.post(guarded.url + "/translate", data=_chunks(body, 7), timeout=120,
                             headers={**auth(), "Content-Type": "application/json"})
    assert response.status_code == 200, response.text[:300]


BIG = "9" * 5_000
BIG_BODIES = [
    ("POST", "/v1/briefs", {"text": SENTENCE, "bullets": "BIG"}),
    ("POST", "/v1/translate", {"text": SENTENCE, "bullets": "BIG"}),
    ("POST", "/v1/briefs/batch", {"articles": [{"id": "a", "text": SENTENCE}], "bullets": "BIG"}),
    ("POST", "/v1/corrections", {"source": SENTENCE, "translation": "India's capital is New Delhi.", "n": "BIG"}),
    ("PUT", "/v1/glossary", {"terms": [{"hindi": "भारत", "english": "India", "n": "BIG"}]}),
    ("POST", "/translate", {"q": SENTENCE, "source": "hi", "target": "en", "n": "-BIG"}),
]


@pytest.mark.parametrize("method, path, body", BIG_BODIES, ids=[f"{m} {p}" for m, p, _ in BIG_BODIES])
def test_json_integers_too_long_to_convert_are_422(guarded, method, path, body):
    raw = json.dumps(body, ensure_ascii=False).replace('"-BIG"', "-" + BIG).replace('"BIG"', BIG).encode()
    response = requests.request(method, guarded.url + path, data=raw, timeout=60,
                                headers={**auth(), "Content-Type": "application/json"})
    problem = assert_problem(response, 422, "invalid_request")
    assert "5,000 digits" in problem["detail"]
    assert "ValueError" not in guarded.log()[-20_000:]


def test_glossary_csv_export_neutralises_formula_cells(guarded):
    formulas = ['=HYPERLINK("http://127.0.0.1:1/x","BJP")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
    terms = [{"hindi": hindi, "english": english, "note": "=1+1"}
             for hindi, english in zip(["भाजपा", "कांग्रेस", "संसद", "लोकसभा"], formulas)]
    put = requests.put(guarded.url + "/v1/glossary", json={"terms": terms}, headers=auth(), timeout=30)
    assert put.status_code == 200, put.text
    exported = requests.get(guarded.url + "/v1/glossary", headers={**auth(), "Accept": "text/csv"}, timeout=30)
    cells = [cell for row in csv.reader(io.StringIO(exported.text)) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and cell]
    assert {f"'{f}" for f in formulas} <= set(cells)
    reimport = requests.put(guarded.url + "/v1/glossary", data=exported.content, timeout=30,
                            headers={**auth(), "Content-Type": "text/csv"})
    assert [t["english"] for t in reimport.json()["terms"]] == formulas  # the text itself, unchanged
    assert requests.put(guarded.url + "/v1/glossary", json={"terms": []}, headers=auth(), timeout=30).status_code == 200
