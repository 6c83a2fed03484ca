"""LibreTranslate-compatible POST /translate and GET /languages, as its clients call them."""
from __future__ import annotations

import requests
from http_helpers import assert_problem
from http_schema import check

HINDI = "भारत की राजधानी नई दिल्ली है।"


def test_string_q(api, openapi):
    response = requests.post(api + "/translate", json={"q": HINDI, "source": "hi", "target": "en", "format": "text"}, timeout=60)
    assert response.status_code == 200, response.text
    check(openapi, "/translate", "post", 200, response.json())
    assert isinstance(response.json()["translatedText"], str)


def test_list_q_auto_source(api):
    body = {"q": [HINDI, "मुंबई में बारिश हुई।"], "source": "auto", "target": "en"}
    result = requests.post(api + "/translate", json=body, timeout=60).json()
    assert isinstance(result["translatedText"], list) and len(result["translatedText"]) == 2
    assert [d["language"] for d in result["detectedLanguage"]] == ["hi", "hi"]


def test_form_body(api):
    response = requests.post(api + "/translate", data={"q": HINDI, "source": "hi", "target": "en", "api_key": "ignored"}, timeout=60)
    assert response.status_code == 200, response.text


def test_html_format(api, article):
    paragraphs = "".join(f"<p>{p}</p>" for p in article.split("\n\n") if p.strip())
    html = f"<html><body><article>{paragraphs}</article></body></html>"
    response = requests.post(api + "/translate", json={"q": html, "source": "hi", "target": "en", "format": "html"}, timeout=60)
    assert response.status_code == 200, response.text
    assert "<p>" not in response.json()["translatedText"]


def test_errors_carry_libretranslate_error_member(api):
    body = assert_problem(requests.post(api + "/translate", json={"q": HINDI, "source": "hi", "target": "fr"}, timeout=10), 422)
    assert body["error"] == body["detail"]
    assert_problem(requests.post(api + "/translate", json={"source": "hi"}, timeout=10), 422, "invalid_request")


def test_languages(api, openapi):
    response = requests.get(api + "/languages", timeout=10)
    check(openapi, "/languages", "get", 200, response.json())
    assert response.json()[0]["code"] == "hi"
