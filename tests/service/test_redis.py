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


def test_worker_started_during_a_redis_outage_serves_the_queue_once_redis_is_back(
    tiny_models, tmp_path, article
):
    from http_servers import RedisServer

    from service.config import Settings
    from service.http.jobs import JobStore, RQRunner

    server = RedisServer(tmp_path)
    env = {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(tmp_path / "data"), "REDIS_URL": server.url}
    worker = rq_worker(env, tmp_path / "rq-worker.log")
    try:
        time.sleep(3)  # the worker starts and finds no Redis
        assert worker.poll() is None, (tmp_path / "rq-worker.log").read_text()
        server.start()
        from service.cache import build_cache

        settings = Settings.from_env(redis_url=server.url, data_dir=tmp_path / "data")
        store = JobStore(build_cache(settings), settings.job_ttl_seconds)
        record = RQRunner(server.url, store, 60, 60).submit("brief", {"text": unique(article), "bullets": 2})
        deadline = time.monotonic() + 60
        while (state := store.get(record["id"]))["status"] not in {"finished", "failed"}:
            assert time.monotonic() < deadline, state
            time.sleep(0.2)
        assert state["status"] == "finished", state
    finally:
        worker.terminate()
        worker.wait(30)
        server.stop()
