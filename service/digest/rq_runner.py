"""Brief a night on RQ workers (``REDIS_URL``): the nightly enqueues batches, waits, reads the cache.

Each batch of ``--batch-articles`` articles not in the cache yet becomes one RQ job
(``service.digest.batch_job.brief_batch``) on ``BRIEFS_NIGHTLY_QUEUE``; any number of
``python -m service worker`` processes, on any host sharing Redis and the model, run them and
store each article's result in the shared cache. This process only waits, showing progress per
finished batch, then hands the records to grouping and rendering as the in-process runner does.

A batch whose worker died is run again by RQ: workers renew their running job's registration every
third of ``BRIEFS_JOB_LEASE``; once it lapses, ``StartedJobRegistry.cleanup`` (called here at every
poll) counts the job abandoned and re-enqueues it while it has ``Retry`` attempts left. Job ids are
derived from the batch's cache keys, so a rerun of a night (or a second nightly started at the same
time) adopts the jobs still queued or running instead of enqueueing them twice.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from typing import Any, TextIO

from service.cache.base import Cache, Value
from service.config import Settings
from service.digest import batch_job, store
from service.digest.articles import Article
from service.digest.runner import Night, Progress, RunResults

LIVE = {"queued", "started", "scheduled", "deferred"}
UNSERVED_WARNING_S = 60.0


@dataclass(frozen=True)
class QueueSettings:
    redis_url: str
    name: str
    job_timeout_s: int
    retries: int
    result_ttl_s: int = 24 * 3600  # finished/failed jobs kept this long for a waiting nightly to read
    poll_s: float = 0.5
    lost_check_s: float = 30.0  # how often queued jobs are checked for being still in the queue

    @classmethod
    def from_settings(cls, settings: Settings, name: str | None = None, job_timeout_s: int | None = None) -> "QueueSettings":
        return cls(
            redis_url=settings.redis_url or "",
            name=name or settings.nightly_queue,
            job_timeout_s=job_timeout_s or settings.nightly_job_timeout_s,
            retries=settings.nightly_retries,
        )


def brief_articles(
    articles: list[Article],
    cache: Cache,
    options: store.BriefOptions,
    queue_settings: QueueSettings,
    batch_size: int = 8,
    ttl: int | None = None,
    stream: TextIO | None = None,
) -> RunResults:
    """Every article's record: stored ones read back, the others briefed by RQ workers."""
    results = RunResults()
    night = Night.plan(articles, cache, options, results)
    if not night.todo:
        return results
    queue = open_queue(queue_settings)
    progress = Progress(len(articles), results.from_cache, stream)
    try:
        jobs = submit(queue, night, options, queue_settings, batch_size, ttl)
        wait(queue, jobs, night, cache, results, progress, queue_settings)
    finally:
        progress.close()
    return results


def open_queue(queue_settings: QueueSettings):
    from redis import Redis
    from rq import Queue

    connection = Redis.from_url(queue_settings.redis_url, socket_connect_timeout=5, socket_timeout=30)
    return Queue(queue_settings.name, connection=connection)


def batch_job_id(keys: list[str]) -> str:
    """The same batch (the cache keys embed the model, options and pipeline version) -> the same job."""
    return "nightly-" + hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:40]


def submit(queue, night: Night, options: store.BriefOptions, queue_settings: QueueSettings, batch_size: int,
           ttl: int | None) -> dict[str, list[str]]:
    """Enqueue one job per batch of keys still to brief; returns job id -> its keys."""
    jobs: dict[str, list[str]] = {}
    for keys in night.batches(batch_size):
        job_id = batch_job_id(keys)
        enqueue_once(queue, job_id, batch_job.payload([night.todo[k] for k in keys], keys, options, ttl), queue_settings)
        jobs[job_id] = keys
    return jobs


def enqueue_once(queue, job_id: str, payload: dict[str, Any], queue_settings: QueueSettings) -> None:
    """Enqueue the batch, unless a job of that id is queued or running (then it is adopted). One that
    ended (finished or failed) while its articles are still missing from the cache runs again."""
    from rq import Retry
    from rq.exceptions import DuplicateJobError, NoSuchJobError
    from rq.job import Job

    while True:
        try:
            queue.enqueue(
                batch_job.JOB_FUNCTION, payload, job_id=job_id, unique=True,
                retry=Retry(max=queue_settings.retries) if queue_settings.retries > 0 else None,
                job_timeout=queue_settings.job_timeout_s, result_ttl=queue_settings.result_ttl_s,
                failure_ttl=queue_settings.result_ttl_s, description=f"nightly batch of {len(payload['articles'])} articles",
            )
            return
        except DuplicateJobError:
            try:
                existing = Job.fetch(job_id, connection=queue.connection)
            except NoSuchJobError:
                continue  # expired meanwhile: enqueue it afresh
            if existing.get_status(refresh=False) in LIVE:
                return
            existing.delete()


def wait(queue, jobs: dict[str, list[str]], night: Night, cache: Cache, results: RunResults, progress: Progress,
         queue_settings: QueueSettings) -> None:
    """Until every job has ended: read its articles' records from the cache as each one finishes."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from rq.registry import StartedJobRegistry

    outstanding = dict(jobs)
    watch = WorkerWatch(queue, queue_settings.job_timeout_s, progress.stream)
    suspects: set[str] = set()
    checked_at = time.monotonic()
    redis_down = False
    while outstanding:
        try:
            StartedJobRegistry(queue=queue).cleanup()  # batches of dead workers: retried (Retry) or failed
            statuses = job_statuses(queue.connection, list(outstanding))
            for job_id, status in statuses.items():
                if status not in LIVE:
                    keys = outstanding.pop(job_id)
                    progress.advance(collect(queue, job_id, status, keys, night, cache, results))
            if outstanding and watch.gave_up():
                give_up(outstanding, night, results, progress, queue.name, queue_settings.job_timeout_s)
                return
            if time.monotonic() - checked_at >= queue_settings.lost_check_s:
                queued = [job_id for job_id, status in statuses.items() if status == "queued"]
                suspects, checked_at = requeue_popped(queue, queued, suspects), time.monotonic()
        except (RedisConnectionError, RedisTimeoutError) as exc:
            if not redis_down:
                print(f"nightly: redis unavailable ({type(exc).__name__}); waiting for it, {len(outstanding)} batches "
                      "outstanding", file=progress.stream, flush=True)
            redis_down = True
            time.sleep(max(queue_settings.poll_s, 2.0))
            continue
        redis_down = False
        if outstanding:
            time.sleep(queue_settings.poll_s)


def give_up(outstanding: dict[str, list[str]], night: Night, results: RunResults, progress: Progress,
            queue_name: str, waited_s: int) -> None:
    reason = store.not_briefed("no_worker", f"no worker served queue {queue_name!r} for {waited_s} s; the batch "
                               "stays queued: start a worker, then rerun the nightly")
    for keys in outstanding.values():
        progress.advance(sum(night.resolve(key, reason, results, from_cache=False) for key in keys))


def requeue_popped(queue, queued: list[str], suspects: set[str]) -> set[str]:
    """Put back jobs that read ``queued`` but are in no queue list: a worker serving several queues
    takes a job off with BLPOP and registers it as started just after; one that died in between
    leaves the job in no list and no registry, where RQ never runs it. A job missing at two checks in
    a row is pushed back; returns the jobs missing at this check (next check's suspects)."""
    listed = set(queue.get_job_ids())
    missing = {job_id for job_id in queued if job_id not in listed}
    for job_id in missing & suspects:
        queue.push_job_id(job_id)
    return missing - suspects


def job_statuses(connection, job_ids: list[str]) -> dict[str, str | None]:
    """Each job's status in one round trip (None: Redis no longer has the job)."""
    from rq.job import Job

    with connection.pipeline(transaction=False) as pipe:
        for job_id in job_ids:
            pipe.hget(Job.key_for(job_id), "status")
        raw = pipe.execute()
    return {job_id: value.decode() if value else None for job_id, value in zip(job_ids, raw)}


def collect(queue, job_id: str, status: str | None, keys: list[str], night: Night, cache: Cache,
            results: RunResults) -> int:
    """Records of an ended batch from the cache; an article with none gets the job's failure.
    Returns the number of articles resolved."""
    resolved = 0
    reason: Value | None = None
    for key in keys:
        record = store.load(cache, key)
        if record is None:
            reason = reason or not_briefed(queue, job_id, status)
            record = reason
        resolved += night.resolve(key, record, results, from_cache=False)
    return resolved


def not_briefed(queue, job_id: str, status: str | None) -> Value:
    """Why an ended batch left an article without a stored result, as a digest "failed" record."""
    from rq.job import Job

    if status is None:
        return store.not_briefed("batch_lost", "the queue no longer has this batch (Redis restarted or was "
                                 "flushed); rerun the nightly")
    if status != "failed":
        return store.not_briefed("batch_" + status, f"the batch job ended {status} without storing this "
                                 "article's result; rerun the nightly")
    result = Job.fetch(job_id, connection=queue.connection).latest_result()
    text = (result.exc_string or "").strip() if result is not None else ""
    if "AbandonedJobError" in text:
        return store.not_briefed("worker_died", "the worker briefing this batch stopped (killed or crashed) each "
                                 "time it was tried; rerun the nightly")
    return store.not_briefed("batch_failed", text.splitlines()[-1] if text else "the batch job failed")


class WorkerWatch:
    """How long no worker has listened on the queue: said once a minute; after ``give_up_s`` the
    nightly stops waiting (its batches stay queued for a worker started later; a rerun reads them)."""

    def __init__(self, queue, give_up_s: float, stream: TextIO):
        self.queue, self.give_up_s, self.stream = queue, give_up_s, stream
        self.since: float | None = None
        self.warned: float | None = None

    def gave_up(self) -> bool:
        from rq import Worker

        if Worker.count(queue=self.queue) > 0:
            self.since = self.warned = None
            return False
        now = time.monotonic()
        self.since = self.since if self.since is not None else now
        if self.warned is None or now - self.warned >= UNSERVED_WARNING_S:
            print(f"nightly: no worker serves queue {self.queue.name!r}: start `python -m service worker` with the "
                  "same REDIS_URL, model and BRIEFS_* settings (docs/nightly.md); waiting", file=self.stream, flush=True)
            self.warned = now
        return now - self.since >= self.give_up_s
