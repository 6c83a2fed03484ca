"""The served /openapi.json states the rules the service applies to requests (found by fuzzing).

For request bodies at the edges (blank text, text only in one field, integers as 3.0 / true / "3",
bounds from settings), the document accepts a body exactly when the service does not refuse it as
malformed; a refusal of an accepted body is a 422 with a content code. Plus the routing and async
findings: an ``Allow`` header that listed an undocumented GET, async jobs queued for bodies the
synchronous call refuses, and ``?async=`` values silently ignored.
"""
from __future__ import annotations

import jsonschema
import pytest
import requests
from http_helpers import assert_problem

HINDI = "भारत की राजधानी नई दिल्ली है। यह एक बड़ा शहर है।"
CONTENT_CODES = {"unsupported_language", "no_story_text", "unsupported_mode"}


def request_schema(doc: dict, path: str) -> dict:
    schema = doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    return {**schema, "components": doc["components"]}


def accepts(doc: dict, path: str, body) -> bool:
    return jsonschema.Draft202012Validator(request_schema(doc, path)).is_valid(body)


BODIES = [
    ("/v1/briefs", {"text": HINDI}),
    ("/v1/briefs", {"text": HINDI, "bullets": 2.0}),
    ("/v1/briefs", {"text": HINDI, "bullets": True}),
    ("/v1/briefs", {"text": HINDI, "bullets": "2"}),
    ("/v1/briefs", {"text": HINDI, "bullets": 21}),
    ("/v1/briefs", {"text": HINDI, "bullets": "auto"}),
    ("/v1/briefs", {"text": HINDI, "bullets": "many"}),
    ("/v1/briefs", {"text": HINDI, "bullets": "AUTO"}),
    ("/v1/briefs", {"text": HINDI, "model": "no/such-model"}),
    ("/v1/briefs", {"text": ""}),
    ("/v1/briefs", {"text": " \n\u200b"}),
    ("/v1/briefs", {"text": "\x07"}),
    ("/v1/briefs", {"text": "", "html": f"<p>{HINDI}</p>"}),
    ("/v1/briefs", {"text": HINDI, "html": "   "}),
    ("/v1/briefs", {"html": "<p></p>"}),
    ("/v1/briefs", {"text": None}),
    ("/v1/briefs", {}),
    ("/v1/translate", {"text": HINDI, "html": None}),
    ("/v1/translate", {"html": "\t"}),
    ("/v1/briefs/batch", {"articles": [{"text": HINDI}], "bullets": 21}),
    ("/v1/briefs/batch", {"articles": [{"text": HINDI}], "bullets": "auto"}),
    ("/v1/briefs/batch", {"articles": [{"text": HINDI, "id": 1.0}, {"text": ""}]}),
    ("/v1/briefs/batch", {"articles": [{"text": HINDI, "id": False}]}),
    ("/v1/briefs/batch", {"articles": [{"text": HINDI}] * 5}),
    ("/translate", {"q": [], "source": "auto", "target": "en", "format": "text"}),  # was a 500
    ("/translate", {"q": [HINDI, " "]}),
    ("/translate", {"q": HINDI, "source": "hi", "target": "fr"}),
    ("/translate", {"q": [HINDI, HINDI], "source": "auto"}),
]


@pytest.mark.parametrize("path,body", BODIES, ids=[f"{p} {b}"[:60] for p, b in BODIES])
def test_document_accepts_exactly_what_the_service_takes(api, openapi, path, body):
    response = requests.post(api + path, json=body, timeout=60)
    assert response.status_code < 500, response.text
    if accepts(openapi, path, body):
        assert response.status_code == 200 or (
            response.status_code == 422 and response.json()["code"] in CONTENT_CODES
        ), (body, response.text)
    else:
        assert response.status_code in (400, 413, 422), (body, response.text)
        assert_problem(response, response.status_code)


def test_libretranslate_empty_q_list_is_a_422_not_a_500(api):
    response = requests.post(api + "/translate", json={"q": [], "source": "auto", "target": "en", "format": "text"}, timeout=30)
    body = assert_problem(response, 422, "invalid_request")
    assert "at least 1 item" in body["detail"] and body["error"] == body["detail"]


def test_bounds_from_settings_are_in_the_document(openapi):
    """main_server: BRIEFS_MAX_BATCH_ARTICLES=4, the default BRIEFS_MAX_BULLETS (20), three models."""
    schemas = openapi["components"]["schemas"]
    assert schemas["BriefIn"]["properties"]["bullets"]["maximum"] == 20
    assert schemas["BatchIn"]["properties"]["articles"]["maxItems"] == 4
    models = schemas["BriefIn"]["properties"]["model"]["enum"]
    assert len(models) == 4 and models[-1] is None and "/nonexistent/model-dir" in models
    assert schemas["LibreTranslateIn"]["properties"]["q"]["anyOf"][1]["maxItems"] == 4
    assert not any("x-from-settings" in str(schema) for schema in schemas.values())


def test_only_brief_ids_route_to_get_brief(api, openapi):
    options = requests.options(api + "/v1/briefs/batch", timeout=10)
    assert set(options.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}
    assert_problem(requests.get(api + "/v1/briefs/batch", timeout=10), 405)
    assert_problem(requests.get(api + "/v1/briefs/brief:v1:" + "0" * 64, timeout=10), 404, "not_found")
    parameter = openapi["paths"]["/v1/briefs/{brief_id}"]["get"]["parameters"][0]
    assert parameter["schema"]["pattern"] == "^[a-z]+:v1:[0-9a-f]{64}$"


def test_async_refuses_what_the_synchronous_call_refuses(api):
    assert_problem(requests.post(api + "/v1/briefs?async=true", json={}, timeout=10), 400, "empty_input")
    assert_problem(requests.post(api + "/v1/translate?async=true", json={"html": " "}, timeout=10), 400, "empty_input")
    assert_problem(requests.post(api + "/v1/briefs?async=true", json={"text": HINDI, "bullets": 99}, timeout=10), 422, "unsupported_option")
    body = {"articles": [{"text": HINDI}], "model": "no/such-model"}
    assert_problem(requests.post(api + "/v1/briefs/batch?async=true", json=body, timeout=10), 422, "unsupported_option")
    assert_problem(requests.post(api + "/v1/briefs/batch", json=body, timeout=10), 422, "unsupported_option")


def test_async_values_are_checked(api, openapi):
    assert_problem(requests.post(api + "/v1/briefs?async=maybe", json={"text": HINDI}, timeout=10), 422, "invalid_request")
    assert requests.post(api + "/v1/briefs?async=yes", json={"text": HINDI}, timeout=10).status_code == 202
    assert requests.post(api + "/v1/briefs?async=false", json={"text": HINDI}, timeout=60).status_code == 200
    documented = openapi["paths"]["/v1/briefs"]["post"]["parameters"][0]
    assert documented["name"] == "async" and set(documented["schema"]["enum"]) == {"true", "1", "yes", "false", "0", "no"}
