"""Every bad input is a 4xx application/problem+json with a clear detail; never a 500."""
from __future__ import annotations

import pytest
import requests
from http_helpers import assert_problem


def post(api: str, path: str = "/v1/briefs", **kwargs) -> requests.Response:
    return requests.post(api + path, timeout=60, **kwargs)


def test_malformed_json(api):
    body = assert_problem(post(api, data=b'{"text": ', headers={"Content-Type": "application/json"}), 400, "invalid_input")
    assert "Malformed JSON" in body["detail"]


def test_wrong_content_type(api):
    assert_problem(post(api, data=b"<x/>", headers={"Content-Type": "application/xml"}), 415, "unsupported_media_type")
    assert_problem(post(api, "/v1/briefs/batch", data=b"x", headers={"Content-Type": "text/plain"}), 415)


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"html": ""}])
def test_missing_or_empty_text(api, body):
    assert_problem(post(api, json=body), 400, "empty_input")


def test_whitespace_only_text(api):
    assert_problem(post(api, json={"text": "   \n  "}), 400)


def test_non_hindi(api):
    body = assert_problem(post(api, json={"text": "Le parlement s'est réuni mardi à Paris pour discuter du budget de l'année prochaine."}), 422)
    assert body["code"] == "unsupported_language"


def test_romanized_hindi_is_refused_with_its_own_problem(api):
    text = "Videsh mantri S Jaishankar ne Moscow mein Russian samkaksh Sergey Lavrov se mulakat ki."
    body = assert_problem(post(api, json={"text": text}), 422, "romanized_hindi")
    assert body["type"] == "/problems/romanized_hindi" and body["language"] == "hi-Latn"
    assert "Devanagari" in body["detail"]


def test_unknown_mode_model_and_field(api, article):
    assert_problem(post(api, json={"text": article, "mode": "poem"}), 422, "invalid_request")
    assert "model" in assert_problem(post(api, json={"text": article, "model": "no/such-model"}), 422, "unsupported_option")["detail"]
    assert_problem(post(api, json={"text": article, "colour": "red"}), 422, "invalid_request")
    assert_problem(post(api, json={"text": article, "bullets": 0}), 422, "invalid_request")
    assert_problem(post(api, json={"text": article, "bullets": 999}), 422, "unsupported_option")


def test_body_too_large(api):
    assert_problem(post(api, data=("क" * 200_000).encode(), headers={"Content-Type": "text/plain"}), 413, "input_too_large")


def test_article_too_long(api, article):
    long_text = (article + "\n\n") * (50_000 // len(article) + 1)
    assert len(long_text.encode()) < 300_000
    assert_problem(post(api, json={"text": long_text}), 413, "input_too_large")


def test_batch_too_many_articles(api, article):
    body = {"articles": [{"text": article}] * 5}
    assert_problem(post(api, "/v1/briefs/batch", json=body), 413, "input_too_large")


def test_not_utf8(api):
    assert_problem(post(api, data=b"\xff\xfe\x00bad", headers={"Content-Type": "text/plain"}), 400)


def test_not_found_and_method_not_allowed(api):
    assert_problem(requests.get(api + "/v1/briefs/brief:v1:doesnotexist", timeout=10), 404, "not_found")
    assert_problem(requests.get(api + "/v1/jobs/nope", timeout=10), 404, "not_found")
    assert_problem(requests.get(api + "/no/such/path", timeout=10), 404)
    response = requests.get(api + "/v1/briefs", timeout=10)
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_unavailable_extra_model_is_503_not_crash(api, article):
    """A configured but missing model: 503 problem, and the worker keeps serving."""
    response = post(api, json={"text": article, "model": "/nonexistent/model-dir"})
    body = assert_problem(response, 503, "model_unavailable")
    assert "prefetch" in body["detail"]
    assert requests.get(api + "/healthz", timeout=10).status_code == 200
