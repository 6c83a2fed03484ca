"""Timeouts (504, and the generation stops), overload (503 + Retry-After) and a cache that survives
a gunicorn restart.

One gunicorn with a 50 ms request deadline and no waiting room: every uncached generation of the
tiny model takes longer than that, so 504 and 503 are deterministic.
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from http_helpers import ARTICLES, assert_problem, metric, unique, wait_job
from http_servers import Gunicorn


@pytest.fixture(scope="module")
def strict(tiny_models, tmp_path_factory):
    root = tmp_path_factory.mktemp("strict-server")
    server = Gunicorn(
        {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(root / "data"),
         "BRIEFS_REQUEST_TIMEOUT": "0.05", "BRIEFS_MAX_QUEUE_DEPTH": "0", "BRIEFS_WORKERS": "1"},
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


def test_a_timeout_stops_the_generation_and_the_cache_survives_a_restart(strict):
    text = unique(ARTICLES[1].read_text(encoding="utf-8"))
    stopped = metric(strict.url, "briefs_generations_stopped_total")
    body = assert_problem(requests.post(strict.url + "/v1/briefs", json={"text": text}, timeout=30), 504, "timeout")
    assert "stopped" in body["detail"] and "id" not in body  # nothing will land in the cache to poll for
    for _ in range(1200):  # the generation thread notices its deadline at its next check
        if metric(strict.url, "briefs_generations_stopped_total") > stopped:
            break
        time.sleep(0.05)
    assert metric(strict.url, "briefs_generations_stopped_total") > stopped

    cached = unique(ARTICLES[2].read_text(encoding="utf-8"))
    job = requests.post(strict.url + "/v1/briefs?async=true", json={"text": cached}, timeout=30)
    assert wait_job(strict.url, job.headers["Location"], timeout=300)["status"] == "finished"  # a job has its own budget
    strict.restart()
    again = requests.post(strict.url + "/v1/briefs", json={"text": cached}, timeout=30)
    assert again.status_code == 200 and again.json()["cached"] is True


def test_overload_is_503_with_retry_after(strict):
    texts = [unique(p.read_text(encoding="utf-8")) for p in ARTICLES[:3]] * 3
    with ThreadPoolExecutor(len(texts)) as pool:
        responses = list(pool.map(lambda t: requests.post(strict.url + "/v1/briefs", json={"text": t}, timeout=30), texts))
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {200, 503, 504} and 503 in statuses, statuses
    overloaded = next(r for r in responses if r.status_code == 503)
    assert_problem(overloaded, 503, "overloaded")
    assert int(overloaded.headers["Retry-After"]) > 0
    assert requests.get(strict.url + "/healthz", timeout=5).status_code == 200
