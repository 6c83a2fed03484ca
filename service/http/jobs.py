"""Async jobs: records in the cache backend, run by an in-process pool or by RQ workers.

A job record lives in the cache under ``job:<id>`` (SQLite shared by the gunicorn workers, or
Redis shared by every host), so any worker answers ``GET /v1/jobs/<id>``. Without ``REDIS_URL`` an
embedded thread pool runs jobs in the HTTP worker that accepted them; with it they go to an RQ
queue and ``python -m service worker`` processes (anywhere) run them and write the same records.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from service.errors import BriefError
from service.http.metrics import JOBS
from service.http.operations import OPERATIONS, Payload
from service.http.problems import Overloaded, QueueUnavailable, problem_body, problem_for

log = logging.getLogger(__name__)
QUEUE_NAME = "briefs"


UNFINISHED = {"queued", "running"}


class JobStore:
    """Job records. An embedded job names its ``owner`` (the process whose pool runs it); a job
    whose owner stopped heartbeating (a worker killed by SIGKILL, OOM, a crash) is reported
    failed with ``job_lost`` when it is next read, never left ``running`` forever."""

    def __init__(self, cache: Any, ttl: int, lease_s: float = 30.0):
        self.cache = cache
        self.ttl = ttl
        self.lease_s = lease_s
        # For jobs without an owner (RQ): True when the queue knows the job ended or never had it.
        self.orphaned: Any = None

    def create(self, kind: str, runner: str, owner: str | None = None) -> dict[str, Any]:
        """The new job's record, stored; ``QueueUnavailable`` (503) if it could not be stored: a job
        nobody could look up is never acknowledged."""
        now = time.time()
        record = {"id": uuid.uuid4().hex, "kind": kind, "status": "queued", "runner": runner,
                  "created_at": now, "updated_at": now}
        if owner:
            record["owner"] = owner
        if not self.cache.put(_key(record["id"]), record, ttl=self.ttl):
            raise QueueUnavailable("Job records cannot be stored right now (the cache that holds them is failing); "
                                   "retry, or call without async.")
        return record

    def get(self, job_id: str) -> dict[str, Any] | None:
        record = self.cache.get(_key(job_id))
        if record is not None and self._lost(record):
            log.warning("job %s lost: its worker %s stopped while it was %s", job_id, record.get("owner", "(rq)"), record["status"])
            error = problem_body(503, "Job lost", "The worker running this job stopped before it finished "
                                 "(it was killed or crashed); submit the job again.", "job_lost")
            self.update(job_id, status="failed", error=error)
            JOBS.labels(record.get("runner", "embedded"), "lost").inc()
            record = self.cache.get(_key(job_id)) or {**record, "status": "failed", "error": error}
        return record

    def heartbeat(self, owner: str) -> None:
        value = {"at": time.time(), "pid": os.getpid(), "host": socket.gethostname()}
        self.cache.set(_alive_key(owner), value, ttl=max(1, int(self.lease_s)))

    def beat_jobs(self, job_ids: list[str]) -> None:
        for job_id in job_ids:
            self.cache.set(_job_alive_key(job_id), {"at": time.time()}, ttl=max(1, int(self.lease_s)))

    def job_alive(self, job_id: str) -> bool:
        return self.cache.get(_job_alive_key(job_id)) is not None

    def _lost(self, record: dict[str, Any]) -> bool:
        """Not updated for a lease, and: running without its per-job heartbeat (the process running
        it died, or the job died inside it); queued in an embedded runner whose process is gone;
        queued for RQ, which no longer has it to run (``orphaned``)."""
        if record.get("status") not in UNFINISHED:
            return False
        if time.time() - float(record.get("updated_at", 0)) < self.lease_s:
            return False
        if record["status"] == "running":
            return not self.job_alive(record["id"])
        owner = record.get("owner")
        if owner:
            return self.cache.get(_alive_key(owner)) is None
        return self.orphaned is not None and self.orphaned(record)

    def update(self, job_id: str, **fields: Any) -> None:
        record = self.cache.get(_key(job_id)) or {"id": job_id, "created_at": time.time()}
        record.update(fields, updated_at=time.time())
        self.cache.set(_key(job_id), record, ttl=self.ttl)


def _key(job_id: str) -> str:
    return f"job:{job_id}"


def _alive_key(owner: str) -> str:
    return f"job-owner:{owner}"


def _job_alive_key(job_id: str) -> str:
    return f"job-alive:{job_id}"


class _Running:
    """The jobs executing in this process; one daemon thread renews their heartbeats every lease/3 s."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, JobStore] = {}
        self._thread: threading.Thread | None = None

    def start(self, store: JobStore, job_id: str) -> None:
        store.beat_jobs([job_id])
        with self._lock:
            self._jobs[job_id] = store
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._beat, args=(max(0.2, store.lease_s / 3),),
                                                name="job-heartbeat", daemon=True)
                self._thread.start()

    def stop(self, job_id: str) -> None:
        with self._lock:
            self._jobs.pop(job_id, None)

    def _beat(self, interval: float) -> None:
        while True:
            time.sleep(interval)
            with self._lock:
                jobs = list(self._jobs.items())
            for job_id, store in jobs:
                store.beat_jobs([job_id])


RUNNING = _Running()


def execute(services: Any, job_id: str, kind: str, payload: Payload) -> None:
    """Run one job and record its outcome; never raises (a failed job is a record, not a crash)."""
    store: JobStore = services.jobs.store
    # kind and runner go with every update: a record the cache could not return (an outage just
    # ended) is rewritten whole, never as a fragment.
    fields = {"kind": kind, "runner": services.jobs.name}
    store.update(job_id, status="running", **fields)
    RUNNING.start(store, job_id)
    try:
        _execute(services, store, job_id, kind, payload, fields)
    finally:
        RUNNING.stop(job_id)


def _execute(services: Any, store: JobStore, job_id: str, kind: str, payload: Payload, fields: dict[str, Any]) -> None:
    try:
        result = OPERATIONS[kind](services.briefs, payload, True)
    except BriefError as exc:
        store.update(job_id, status="failed", error=problem_for(exc), **fields)
        JOBS.labels(services.jobs.name, "failed").inc()
        return
    except Exception:
        log.exception("job %s failed", job_id)
        error = problem_body(500, "Internal error", "The job failed; it has been logged.", "internal_error")
        store.update(job_id, status="failed", error=error, **fields)
        JOBS.labels(services.jobs.name, "failed").inc()
        return
    store.update(job_id, status="finished", result=result, **fields)
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
        self.owner = uuid.uuid4().hex[:16]  # opaque in the job record; its heartbeat names host and pid
        self._pool = ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="job")
        self._beating = threading.Event()
        self._beat_lock = threading.Lock()
        self._waiting = 0  # submitted, not yet ended

    def _start_heartbeat(self) -> None:
        """A daemon thread renews this process's lease every lease/3 s, from the first job on."""
        with self._beat_lock:
            if self._beating.is_set():
                return
            self._beating.set()
        self.store.heartbeat(self.owner)
        interval = max(0.2, self.store.lease_s / 3)

        def beat() -> None:
            while True:
                time.sleep(interval)
                self.store.heartbeat(self.owner)

        threading.Thread(target=beat, name="job-heartbeat", daemon=True).start()

    def submit(self, kind: str, payload: Payload) -> dict[str, Any]:
        # Jobs wait in this process's memory: bound them like synchronous requests (503 + Retry-After).
        limit = max(1, getattr(getattr(self.services, "settings", None), "max_queue_depth", 64))
        with self._beat_lock:
            if self._waiting >= limit:
                raise Overloaded(f"{self._waiting} async jobs are already waiting in this worker (limit {limit}, "
                                 "BRIEFS_MAX_QUEUE_DEPTH); retry shortly.")
            self._waiting += 1
        try:
            record = self.store.create(kind, self.name, owner=self.owner)  # recorded first, or 503
            self._start_heartbeat()
            future = self._pool.submit(execute, self.services, record["id"], kind, payload)
        except BaseException:
            self._done()
            raise
        future.add_done_callback(lambda _: self._done())
        JOBS.labels(self.name, "queued").inc()
        return record

    def _done(self) -> None:
        with self._beat_lock:
            self._waiting -= 1


class RQRunner:
    """Jobs on an RQ queue in Redis, run by ``python -m service worker`` processes."""

    name = "rq"

    def __init__(self, redis_url: str, store: JobStore, ttl: int, timeout_s: float):
        from redis import Redis
        from rq import Queue

        connection = Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)
        self.queue = Queue(QUEUE_NAME, connection=connection)
        self.store = store
        store.orphaned = self._orphaned
        self.ttl = ttl
        self.timeout_s = timeout_s

    def _orphaned(self, record: dict[str, Any]) -> bool:
        """RQ ended the job (its worker died: RQ moves abandoned jobs to failed) or lost it (Redis
        restarted without persistence), yet the record never got its outcome: it never will."""
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus

        connection = self.queue.connection
        try:
            status = Job.fetch(record["id"], connection=connection).get_status(refresh=False)
            if status == JobStatus.QUEUED:
                # Taken off the queue by a worker that died with Redis before marking it started:
                # RQ will never run it (it is in no list and no registry).
                return connection.lpos(self.queue.key, record["id"]) is None
            if status == JobStatus.STARTED:
                # Started, but no process is running it (RQ itself would say so only after the job timeout).
                return not self.store.job_alive(record["id"])
        except NoSuchJobError:
            return True
        except Exception:  # Redis unreachable: cannot tell, ask again on the next read
            return False
        return status in {JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED, JobStatus.FINISHED}

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
