"""With REDIS_URL: a shared Redis cache that survives an outage, and async jobs run by RQ workers."""
from __future__ import annotations

import time

import pytest
import requests
from http_helpers import metric, unique, wait_job
from http_servers import Gunicorn, rq_worker


@pytest.fixture(scope="module")
def redis_api(tiny_models, redis_server, tmp_path_factory):
    root = tmp_path_factory.mktemp("redis-api")
    env = {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(root / "data"), "REDIS_URL": redis_server.url}
    server = Gunicorn(env, root / "gunicorn.log").start()
    worker = rq_worker(env, root / "rq-worker.log")
    yield server
    worker.terminate()
    worker.wait(30)
    server.stop()


def brief(url: str, text: str) -> dict:
    response = requests.post(url + "/v1/briefs", json={"text": text, "bullets": 2}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def test_cache_survives_redis_outage(redis_api, redis_server, article):
    text = unique(article)
    assert brief(redis_api.url, text)["cached"] is False
    assert brief(redis_api.url, text)["cached"] is True

    redis_server.stop()
    try:
        errors_before = metric(redis_api.url, "briefs_cache_events_total", 'event="error"')
        down = unique(article)
        assert brief(redis_api.url, down)["cached"] is False
        assert brief(redis_api.url, down)["cached"] is False  # no cache, but still answering
        assert metric(redis_api.url, "briefs_cache_events_total", 'event="error"') > errors_before
    finally:
        redis_server.start()

    back = unique(article)
    deadline = time.monotonic() + 20
    brief(redis_api.url, back)
    while not brief(redis_api.url, back)["cached"]:
        assert time.monotonic() < deadline, "cache not used again after Redis came back"
        time.sleep(0.5)


def test_rq_job_round_trip(redis_api, article):
    response = requests.post(redis_api.url + "/v1/briefs?async=true", json={"text": unique(article)}, timeout=30)
    assert response.status_code == 202, response.text
    record = wait_job(redis_api.url, response.headers["Location"], timeout=120)
    assert record["status"] == "finished" and record["runner"] == "rq", record
    assert record["result"]["bullets"] and record["result"]["cached"] is False
    stored = requests.get(f"{redis_api.url}/v1/briefs/{record['result']['id']}", timeout=5)
    assert stored.status_code == 200
