"""Health, readiness, metrics, request ids, docs and single flight over real HTTP."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import requests
from http_helpers import metric, unique
from http_schema import check
from openapi_spec_validator import validate


def test_health_and_ready(api, openapi):
    assert requests.get(api + "/healthz", timeout=5).json() == {"status": "ok"}
    ready = requests.get(api + "/readyz", timeout=5)
    assert ready.status_code == 200
    check(openapi, "/readyz", "get", 200, ready.json())


def test_request_id_round_trip(api):
    given = requests.get(api + "/healthz", headers={"X-Request-ID": "abc-123"}, timeout=5)
    assert given.headers["X-Request-ID"] == "abc-123"
    made = requests.get(api + "/healthz", timeout=5).headers["X-Request-ID"]
    assert len(made) == 32
    hostile = requests.get(api + "/healthz", headers={"X-Request-ID": "x" * 500}, timeout=5)
    assert hostile.headers["X-Request-ID"] != "x" * 500


def test_one_json_log_line_per_request_without_body(api, main_server, article):
    text = unique(article)
    rid = "log-check-1"
    requests.post(api + "/v1/briefs", json={"text": text}, headers={"X-Request-ID": rid}, timeout=60)
    lines = [json.loads(line) for line in main_server.log().splitlines() if rid in line and line.startswith("{")]
    assert len(lines) == 1
    entry = lines[0]
    assert entry["route"] == "/v1/briefs" and entry["status"] == 200 and entry["cached"] is False
    assert entry["duration_ms"] > 0 and entry["method"] == "POST"
    assert text[-20:] not in main_server.log()


def test_openapi_document_is_valid_and_has_a_docs_page(api, openapi):
    validate(openapi)
    for path in ["/v1/briefs", "/v1/briefs/batch", "/v1/briefs/{brief_id}", "/v1/translate", "/v1/jobs/{job_id}",
                 "/translate", "/healthz", "/readyz"]:
        assert path in openapi["paths"]
    page = requests.get(api + "/docs", timeout=5)
    assert page.status_code == 200 and "/v1/briefs/batch" in page.text and "cdn" not in page.text.lower()


def test_single_flight_twenty_identical_requests_generate_once(api, article):
    text = unique(article)
    before = metric(api, "briefs_generations_total", 'kind="brief"')
    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(lambda _: requests.post(api + "/v1/briefs", json={"text": text}, timeout=120), range(20)))
    assert all(r.status_code == 200 for r in responses), [r.text for r in responses if r.status_code != 200]
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(1 for r in responses if not r.json()["cached"]) == 1
    assert metric(api, "briefs_generations_total", 'kind="brief"') - before == 1


def test_metrics_cover_requests_cache_generation_queue_jobs(api, article):
    requests.post(api + "/v1/briefs", json={"text": article}, timeout=60)
    requests.post(api + "/v1/briefs", json={"text": article}, timeout=60)
    text = requests.get(api + "/metrics", timeout=5).text
    for name in ["briefs_http_requests_total", "briefs_http_request_seconds_bucket", "briefs_cache_events_total",
                 "briefs_generation_seconds_bucket", "briefs_generations_total", "briefs_queue_depth"]:
        assert name in text, name
    assert metric(api, "briefs_http_requests_total", 'route="/v1/briefs"') >= 2
    assert metric(api, "briefs_cache_events_total", 'event="hit"') >= 1
    assert 'route="/v1/briefs/<brief_id>"' in text or "brief:v1" not in text
