"""Async jobs are bounded like synchronous requests, and a job whose worker died is reported lost.

In-process (Flask's test client around the real app and the tiny model, a model call held on an
event): what cannot be timed reliably through gunicorn on a shared 2-core machine.
"""
from __future__ import annotations

import threading
import time

import pytest

from service.app import create_app
from service.config import Settings
from service.http.jobs import RUNNING
from service.pipeline.brief import BriefPipeline
from service.runtime import build_registry

TEXT = "भारत की राजधानी नई दिल्ली है। सरकार ने बुधवार को नई योजना की घोषणा की।"


class Held:
    def __init__(self, inner, gate: threading.Event):
        self.inner, self.info, self.gate = inner, inner.info, gate

    def generate(self, texts, task="translate", options=None):
        assert self.gate.wait(30)
        return self.inner.generate(texts, task, options)

    def count_tokens(self, text):
        return self.inner.count_tokens(text)


LEASE_S = 2.5  # long enough that a heartbeat renewed every LEASE_S / 3 never lapses on a busy machine


@pytest.fixture
def held_app(tiny_models, tmp_path):
    settings = Settings(model=str(tiny_models["marian"]), data_dir=tmp_path, warmup=False, max_queue_depth=2,
                        job_workers=1, job_lease_seconds=LEASE_S, max_new_tokens=16)
    gate = threading.Event()
    registry = build_registry(settings)
    app = create_app(settings, pipeline=BriefPipeline(settings, lambda name: Held(registry.get(name), gate)))
    yield app, gate
    gate.set()


def _wait(client, location: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while (record := client.get(location).json)["status"] not in ("finished", "failed"):
        assert time.monotonic() < deadline, record
        time.sleep(0.05)
    return record


def test_async_jobs_beyond_the_queue_depth_get_503(held_app):
    app, gate = held_app
    client = app.test_client()
    accepted = [client.post("/v1/briefs?async=true", json={"text": f"{TEXT} {i}।"}) for i in range(2)]
    assert [r.status_code for r in accepted] == [202, 202]
    refused = client.post("/v1/briefs?async=true", json={"text": TEXT})
    assert refused.status_code == 503 and refused.json["code"] == "overloaded" and refused.headers["Retry-After"]
    gate.set()
    assert all(_wait(client, r.headers["Location"])["status"] == "finished" for r in accepted)
    assert client.post("/v1/briefs?async=true", json={"text": TEXT + " फिर।"}).status_code == 202


def test_job_of_a_dead_owner_is_reported_lost_not_left_running(held_app):
    app, _ = held_app
    client = app.test_client()
    store = app.extensions["briefs"].jobs.store
    record = store.create("brief", "embedded", owner="gone-worker")  # as a killed worker left it: running, no heartbeat
    store.update(record["id"], status="running")
    assert client.get(f"/v1/jobs/{record['id']}").json["status"] == "running"  # within the lease
    time.sleep(LEASE_S + 0.3)
    lost = client.get(f"/v1/jobs/{record['id']}").json
    assert lost["status"] == "failed" and lost["error"]["code"] == "job_lost" and lost["error"]["status"] == 503
    # Queued in a runner whose process is gone: lost too.
    queued = store.create("brief", "embedded", owner="gone-worker")
    time.sleep(LEASE_S + 0.3)
    assert client.get(f"/v1/jobs/{queued['id']}").json["error"]["code"] == "job_lost"
    # A long job still executing (its per-job heartbeat renewed) is never declared lost.
    long = store.create("brief", "embedded", owner=app.extensions["briefs"].jobs.owner)
    RUNNING.start(store, long["id"])
    try:
        store.update(long["id"], status="running")
        time.sleep(LEASE_S + 0.5)
        assert client.get(f"/v1/jobs/{long['id']}").json["status"] == "running"
    finally:
        RUNNING.stop(long["id"])
