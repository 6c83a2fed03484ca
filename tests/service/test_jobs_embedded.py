"""Async jobs with the embedded runner: 202 + Location, then GET /v1/jobs/<id> from any worker."""
from __future__ import annotations

import requests
from http_helpers import unique, wait_job
from http_schema import check


def test_async_query_round_trip(api, article, openapi):
    response = requests.post(api + "/v1/briefs?async=true", json={"text": unique(article), "bullets": 2}, timeout=30)
    assert response.status_code == 202, response.text
    check(openapi, "/v1/briefs", "post", 202, response.json())
    location = response.headers["Location"]
    assert location == f"/v1/jobs/{response.json()['job_id']}"
    record = wait_job(api, location)
    check(openapi, "/v1/jobs/{job_id}", "get", 200, record)
    assert record["status"] == "finished" and record["runner"] == "embedded"
    assert len(record["result"]["bullets"]) == 2
    check(openapi, "/v1/briefs", "post", 200, record["result"])
    # Any worker answers: several reads all see the record (SQLite shared by both workers).
    assert all(requests.get(api + location, timeout=5).json()["status"] == "finished" for _ in range(6))


def test_prefer_header_batch_and_failed_job(api, article):
    body = {"articles": [{"id": 1, "text": unique(article)}, {"id": 2, "text": "Le parlement s'est réuni mardi à Paris pour discuter du budget de l'année prochaine."}]}
    response = requests.post(api + "/v1/briefs/batch", json=body, headers={"Prefer": "respond-async"}, timeout=30)
    assert response.status_code == 202 and response.headers["Preference-Applied"] == "respond-async"
    record = wait_job(api, response.headers["Location"])
    assert [a["status"] for a in record["result"]["articles"]] == [200, 422]

    failed = requests.post(api + "/v1/translate?async=1", json={"text": "Le parlement s'est réuni mardi à Paris pour discuter du budget de l'année prochaine."}, timeout=30)
    record = wait_job(api, failed.headers["Location"])
    assert record["status"] == "failed" and record["error"]["code"] == "unsupported_language"
