"""POST /v1/briefs, GET /v1/briefs/<id>, batch and translate over real HTTP, checked against OpenAPI."""
from __future__ import annotations

import requests
from http_helpers import ARTICLES, unique
from http_schema import check


def test_brief_json_then_cached_and_stored(api, article, openapi):
    text = unique(article)
    first = requests.post(api + "/v1/briefs", json={"text": text, "bullets": 3}, timeout=60)
    assert first.status_code == 200, first.text
    brief = first.json()
    check(openapi, "/v1/briefs", "post", 200, brief)
    assert brief["cached"] is False and len(brief["bullets"]) == 3 and brief["language"] == "hi"
    assert all(b["source_indexes"] for b in brief["bullets"])

    again = requests.post(api + "/v1/briefs", json={"text": text, "bullets": 3}, timeout=60).json()
    assert again["cached"] is True and again["id"] == brief["id"] and again["bullets"] == brief["bullets"]

    stored = requests.get(f"{api}/v1/briefs/{brief['id']}", timeout=10)
    assert stored.status_code == 200
    check(openapi, "/v1/briefs/{brief_id}", "get", 200, stored.json())
    assert stored.json()["bullets"] == brief["bullets"]


def test_text_plain_body_with_query_options(api, article):
    response = requests.post(
        api + "/v1/briefs?bullets=2&mode=extractive", data=article.encode(),
        headers={"Content-Type": "text/plain; charset=utf-8"}, timeout=60,
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["bullets"]) == 2


def test_html_field(api, article):
    paragraphs = "".join(f"<p>{p}</p>" for p in article.split("\n\n") if p.strip())
    html = f"<html><head><title>t</title></head><body><nav>Home / News</nav><article>{paragraphs}</article></body></html>"
    response = requests.post(api + "/v1/briefs", json={"html": html, "bullets": 2}, timeout=60)
    assert response.status_code == 200, response.text
    assert response.json()["bullets"]


def test_batch_one_call_with_errors_in_place(api, openapi):
    texts = [unique(p.read_text(encoding="utf-8")) for p in ARTICLES[:2]]
    body = {"articles": [{"id": "a", "text": texts[0]}, {"id": "b", "text": "Le parlement s'est réuni mardi à Paris pour discuter du budget de l'année prochaine."},
                         {"id": "c", "text": ""}, {"id": 4, "text": texts[1]}], "bullets": 2}
    response = requests.post(api + "/v1/briefs/batch", json=body, timeout=120)
    assert response.status_code == 200, response.text
    result = response.json()
    check(openapi, "/v1/briefs/batch", "post", 200, result)
    items = result["articles"]
    assert [i["id"] for i in items] == ["a", "b", "c", 4]
    assert items[0]["status"] == 200 and items[3]["status"] == 200 and items[0]["brief"]["cached"] is False
    assert items[1]["status"] == 422 and items[1]["error"]["code"] == "unsupported_language"
    assert items[2]["status"] == 400 and items[2]["error"]["code"] == "empty_input"
    assert result["succeeded"] == 2 and result["failed"] == 2
    again = requests.post(api + "/v1/briefs/batch", json=body, timeout=120).json()["articles"]
    assert again[0]["brief"]["cached"] is True and again[0]["brief"]["id"] == items[0]["brief"]["id"]


def test_translate_keeps_paragraphs(api, openapi):
    text = "भारत की राजधानी नई दिल्ली है। यह बड़ा शहर है।\n\nमुंबई में बारिश हुई। लोग खुश हैं।"
    response = requests.post(api + "/v1/translate", json={"text": text}, timeout=60)
    assert response.status_code == 200, response.text
    body = response.json()
    check(openapi, "/v1/translate", "post", 200, body)
    assert body["mode"] == "translate" and len(body["translations"]) == 4
    assert body["translation"].count("\n\n") == 1


def test_other_configured_model(api, article, tiny_models):
    body = {"text": article, "mode": "abstractive", "bullets": 1, "model": str(tiny_models["mt5"])}
    response = requests.post(api + "/v1/briefs", json=body, timeout=120)
    assert response.status_code == 200, response.text
    assert response.json()["mode"] == "abstractive"
