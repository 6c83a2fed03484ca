"""Async jobs: records in the cache backend, run by an in-process pool or by RQ workers.

A job record lives in the cache under ``job:<id>`` (SQLite shared by the gunicorn workers, or
Redis shared by every host), so any worker answers ``GET /v1/jobs/<id>``. Without ``REDIS_URL`` an
embedded thread pool runs jobs in the HTTP worker that accepted them; with it they go to an RQ
queue and ``python -m service worker`` processes (anywhere) run them and write the same records.
"""
from __future__ import annotations

import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from service.errors import BriefError
from service.http.metrics import JOBS
from service.http.operations import OPERATIONS, Payload
from service.http.problems import QueueUnavailable, problem_body, problem_for

log = logging.getLogger(__name__)
QUEUE_NAME = "briefs"


class JobStore:
    def __init__(self, cache: Any, ttl: int):
        self.cache = cache
        self.ttl = ttl

    def create(self, kind: str, runner: str) -> dict[str, Any]:
        now = time.time()
        record = {"id": uuid.uuid4().hex, "kind": kind, "status": "queued", "runner": runner,
                  "created_at": now, "updated_at": now}
        self.cache.set(_key(record["id"]), record, ttl=self.ttl)
        return record

    def get(self, job_id: str) -> dict[str, Any] | None:
        return self.cache.get(_key(job_id))

    def update(self, job_id: str, **fields: Any) -> None:
        record = self.get(job_id) or {"id": job_id}
        record.update(fields, updated_at=time.time())
        self.cache.set(_key(job_id), record, ttl=self.ttl)


def _key(job_id: str) -> str:
    return f"job:{job_id}"


def execute(services: Any, job_id: str, kind: str, payload: Payload) -> None:
    """Run one job and record its outcome; never raises (a failed job is a record, not a crash)."""
    store: JobStore = services.jobs.store
    store.update(job_id, status="running")
    try:
        result = OPERATIONS[kind](services.briefs, payload, True)
    except BriefError as exc:
        store.update(job_id, status="failed", error=problem_for(exc))
        JOBS.labels(services.jobs.name, "failed").inc()
        return
    except Exception:
        log.exception("job %s failed", job_id)
        error = problem_body(500, "Internal error", "The job failed; it has been logged.", "internal_error")
        store.update(job_id, status="failed", error=error)
        JOBS.labels(services.jobs.name, "failed").inc()
        return
    store.update(job_id, status="finished", result=result)
    JOBS.labels(services.jobs.name, "finished").inc()


class Runner(Protocol):
    name: str
    store: JobStore

    def submit(self, kind: str, payload: Payload) -> dict[str, Any]: ...


class EmbeddedRunner:
    """A thread pool inside the HTTP worker (the single-machine default)."""

    name = "embedded"

    def __init__(self, services: Any, store: JobStore, threads: int):
        self.services = services
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="job")

    def submit(self, kind: str, payload: Payload) -> dict[str, Any]:
        record = self.store.create(kind, self.name)
        self._pool.submit(execute, self.services, record["id"], kind, payload)
        JOBS.labels(self.name, "queued").inc()
        return record


class RQRunner:
    """Jobs on an RQ queue in Redis, run by ``python -m service worker`` processes."""

    name = "rq"

    def __init__(self, redis_url: str, store: JobStore, ttl: int, timeout_s: float):
        from redis import Redis
        from rq import Queue

        connection = Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)
        self.queue = Queue(QUEUE_NAME, connection=connection)
        self.store = store
        self.ttl = ttl
        self.timeout_s = timeout_s

    def submit(self, kind: str, payload: Payload) -> dict[str, Any]:
        record = self.store.create(kind, self.name)
        try:
            self.queue.enqueue(
                "service.http.worker.run_job", record["id"], kind, payload, job_id=record["id"],
                result_ttl=self.ttl, failure_ttl=self.ttl, job_timeout=max(600, int(self.timeout_s * 10)),
            )
        except Exception as exc:
            log.warning("enqueue failed: %s", type(exc).__name__)
            raise QueueUnavailable("The job queue (Redis) cannot be reached; retry, or call without async.") from None
        JOBS.labels(self.name, "queued").inc()
        return record
