"""Redis (cache, job queue, rate-limit counters) stopped and restarted while the service is under load.

gunicorn with REDIS_URL and API keys (so the per-key limits count in Redis), an RQ worker, and a
redis-server with its append-only file on (a Redis restart keeps queued jobs, as in production).
While Redis is down: briefs keep being answered (no cache), rate limits fall back to each worker's
memory, async submissions get a clear 503 ``queue_unavailable``. After: everything uses Redis again
and every job that was accepted ends.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
import uuid

import pytest
import redis
import requests
from http_servers import RedisServer, rq_worker
from rel_helpers import ARTICLES, KEY_MAIN, REPO, AppGunicorn, assert_problem, auth, wait_for

sys.path.insert(0, str(REPO / "tools"))
from soak import Soak  # noqa: E402


class DurableRedis(RedisServer):
    def start(self) -> "DurableRedis":
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
             "--dir", str(self.workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        wait_for(lambda: _ping(client), 10, interval=0.05, what="redis up")
        return self


SHORT = "भारत की राजधानी नई दिल्ली है। सरकार ने बुधवार को किसानों के लिए नई योजना की घोषणा की।"


def _unique(text: str) -> str:
    return text + f"\n\nयह परीक्षण संख्या {uuid.uuid4().int % 10**9} है।"


def _ping(client) -> bool:
    try:
        return client.ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def stack(tiny_models, tmp_path_factory):
    root = tmp_path_factory.mktemp("redis-stack")
    store = DurableRedis(root).start()
    env = {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(root / "data"), "REDIS_URL": store.url,
           "BRIEFS_WORKERS": "1", "BRIEFS_API_KEYS": KEY_MAIN, "BRIEFS_RATE_LIMIT": "100000/minute",
           "BRIEFS_MAX_NEW_TOKENS": "32", "BRIEFS_JOB_LEASE": "3"}
    server = AppGunicorn(env, root / "gunicorn.log").start()
    worker = rq_worker(env, root / "rq.log")
    yield server, store, worker
    worker.terminate()
    worker.wait(30)
    server.stop()
    store.stop()


def test_redis_stop_and_restart_under_load(stack):
    server, store, worker = stack
    client = redis.Redis.from_url(store.url)
    soak = Soak(server.url, duration=10, rate=4, threads=4, headers=auth(), job_timeout=90,
                ok={"async": {202, 503}})
    load = threading.Thread(target=soak.run, daemon=True)
    load.start()
    wait_for(lambda: soak.report.requests >= 8, 120, what="load running")
    assert any(b"briefs-ratelimit" in k for k in client.keys("*")), "rate-limit counters are not in Redis"
    before = [requests.post(server.url + "/v1/briefs?async=true", json={"text": _unique(SHORT)}, headers=auth(), timeout=30)
              for _ in range(3)]
    assert [r.status_code for r in before] == [202, 202, 202]
    store.stop()
    down_at, stopped = soak.report.requests, time.monotonic()
    try:
        # While Redis is down: the limiter counts in memory, the queue refuses clearly, briefs are made.
        # a job cannot be looked up: 503, never a 404 that would tell a client its job is gone (issue 20)
        assert_problem(requests.get(server.url + "/v1/jobs/x", headers=auth(), timeout=10), 503, "queue_unavailable")
        refused = requests.post(server.url + "/v1/briefs?async=true", json={"text": _unique(SHORT)}, headers=auth(), timeout=30)
        assert_problem(refused, 503, "queue_unavailable")
        made = requests.post(server.url + "/v1/briefs", json={"text": _unique(SHORT)}, headers=auth(), timeout=120)
        assert made.status_code == 200 and made.json()["cached"] is False
        time.sleep(max(0.0, 4 - (time.monotonic() - stopped)))
    finally:
        during = soak.report.requests - down_at
        store.start()
    load.join(200)
    report = soak.report.as_dict()
    print(f"\nRedis stopped for {time.monotonic() - stopped:.1f} s under load ({during} soak requests answered meanwhile): {report}")
    assert report["unexpected"] == {}, report["unexpected"]
    assert report["jobs"]["lost"] == 0
    # Jobs accepted just before the outage all END (Redis keeps the queue and records): finished, or,
    # if the outage killed the job under way, failed with job_lost; never left `running`.
    ends = []
    for response in before:
        record = wait_for(lambda: (r := requests.get(server.url + response.headers["Location"], headers=auth(), timeout=10).json())
                          .get("status") in ("finished", "failed") and r, 90, interval=0.3, what="job accepted before the outage")
        ends.append(record["status"] if record["status"] == "finished" else record["error"]["code"])
    print(f"jobs accepted just before the outage: {ends}")
    assert set(ends) <= {"finished", "job_lost"} and "finished" in ends

    # Back on Redis: cache hits, rate-limit counters, and the queue.
    text = _unique(ARTICLES[4].read_text(encoding="utf-8")[:2000])
    requests.post(server.url + "/v1/briefs", json={"text": text}, headers=auth(), timeout=120)
    wait_for(lambda: requests.post(server.url + "/v1/briefs", json={"text": text}, headers=auth(), timeout=60).json()["cached"],
             30, interval=0.5, what="cache used again")
    client.flushdb()

    def counted() -> bool:
        requests.get(server.url + "/v1/jobs/x", headers=auth(), timeout=10)
        return any(b"briefs-ratelimit" in k for k in client.keys("*"))

    wait_for(counted, 30, interval=0.5, what="rate-limit counters in Redis again")
    job = requests.post(server.url + "/v1/briefs?async=true", json={"text": text + " फिर।"}, headers=auth(), timeout=30)
    assert job.status_code == 202, job.text
    record = wait_for(lambda: (r := requests.get(server.url + job.headers["Location"], headers=auth(), timeout=10).json())
                      ["status"] in ("finished", "failed") and r, 90, interval=0.3, what="job after recovery")
    assert record["status"] == "finished"
    assert worker.poll() is None, "the RQ worker died with the Redis outage"
