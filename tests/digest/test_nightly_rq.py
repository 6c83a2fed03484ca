"""A night briefed by RQ workers through a real redis-server on loopback.

The first tests run the worker in this process (``run_worker(burst=True)`` with a fake briefer): job
ids, retries, refusals and a job lost between a worker's BLPOP and its start. The last one is the
real thing: two ``python -m service worker`` processes with the tiny model, one SIGKILLed while it
runs a batch; the digest must be complete, with every article once.
"""
from __future__ import annotations

import json
import os
import signal
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Sequence

import pytest
from redis import Redis
from rq.job import Job

from service.cache import build_cache
from service.config import Settings
from service.digest import rq_runner
from service.digest.articles import Article
from service.digest.runner import Night, Progress, RunResults
from service.digest.store import BriefOptions, article_key
from service.errors import BriefError, EmptyInput, ModelUnavailable
from service.pipeline.brief import BriefRequest
from service.pipeline.types import Brief
from tests.digest.conftest import REPO
from tests.service.http_servers import RedisServer, rq_worker

OPTIONS = BriefOptions(mode="extractive", bullets=2, model="fake", revision=None)
GROUPING_DEV = REPO / "tests" / "data" / "grouping" / "dev.jsonl"


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    Redis.from_url(redis_server.url).flushdb()
    return redis_server.url


class FakeBriefer:
    """Counts model inputs; "empty" fails for good, "flaky" fails for a passing reason (503)."""

    def __init__(self) -> None:
        self.inputs: list[str] = []

    def brief_many(self, requests: Sequence[BriefRequest]) -> list[Brief | BriefError]:
        self.inputs += [r.data for r in requests]
        return [self._one(r) for r in requests]

    @staticmethod
    def _one(request: BriefRequest) -> Brief | BriefError:
        if request.data == "empty":
            return EmptyInput("nothing left")
        if request.data == "flaky":
            return ModelUnavailable("the model is loading")
        return Brief(f"T {request.data}", request.data, [], "hi", "fake", "extractive", {})


@dataclass
class FakeServices:
    settings: Settings
    cache: object
    pipeline: FakeBriefer


@pytest.fixture
def services(redis_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeServices:
    import service.http.worker as worker_module

    settings = Settings.from_env({}, model="fake", redis_url=redis_url, data_dir=tmp_path / "data", warmup=False,
                                 torch_threads=1)
    monkeypatch.setattr(worker_module, "_services", None)
    return FakeServices(settings, build_cache(settings), FakeBriefer())


def queue_settings(services: FakeServices, retries: int = 2) -> rq_runner.QueueSettings:
    return replace(rq_runner.QueueSettings.from_settings(services.settings), retries=retries, poll_s=0.05)


def work_burst(services: FakeServices) -> None:
    """One worker in this process until the queues are empty (retried jobs included)."""
    from service.http.worker import run_worker

    assert run_worker(services.settings, burst=True, services=services) == 0


def submit(services: FakeServices, articles: list[Article], batch: int, qs: rq_runner.QueueSettings):
    results = RunResults()
    night = Night.plan(articles, services.cache, OPTIONS, results)
    queue = rq_runner.open_queue(qs)
    return queue, night, results, rq_runner.submit(queue, night, OPTIONS, qs, batch, None)


def wait(services, queue, night, results, jobs, qs) -> RunResults:
    rq_runner.wait(queue, jobs, night, services.cache, results, Progress(10, 0), qs)
    return results


def test_a_night_on_a_worker_and_its_rerun_from_the_cache(services):
    articles = [Article(str(i), f"text {i}", "text") for i in range(5)] + [Article("copy", "text 0", "text")]
    qs = queue_settings(services)
    queue, night, results, jobs = submit(services, articles, 2, qs)
    assert len(jobs) == 3 and queue.count == 3  # 5 distinct texts in batches of 2; the copy is not sent again
    payload = Job.fetch(next(iter(jobs)), connection=queue.connection).args[0]
    assert [a["data"] for a in payload["articles"]] == ["text 0", "text 1"]
    assert payload["articles"][0]["key"] == article_key(articles[0], OPTIONS)
    work_burst(services)
    results = wait(services, queue, night, results, jobs, qs)
    assert sorted(services.pipeline.inputs) == [f"text {i}" for i in range(5)]  # each text briefed once
    assert results.records["copy"] == results.records["0"] and results.records["4"]["brief"]["title"] == "T text 4"
    assert (results.generated, results.from_cache) == (6, 0)

    again = rq_runner.brief_articles(articles, services.cache, OPTIONS, qs, 2)
    assert (again.generated, again.from_cache) == (0, 6) and again.records == results.records
    assert queue.count == 0 and len(services.pipeline.inputs) == 5


def test_a_rerun_adopts_the_jobs_still_queued(services):
    articles = [Article(str(i), f"text {i}", "text") for i in range(4)]
    qs = queue_settings(services)
    queue, _, _, first = submit(services, articles, 2, qs)
    queue, night, results, second = submit(services, articles, 2, qs)  # e.g. the nightly was killed and rerun
    assert second == first and queue.count == 2  # the same jobs, not enqueued twice
    work_burst(services)
    assert len(wait(services, queue, night, results, second, qs).records) == 4
    assert sorted(services.pipeline.inputs) == [f"text {i}" for i in range(4)]


def test_a_batch_failing_for_a_passing_reason_is_retried_then_reported_and_not_stored(services):
    articles = [Article("ok", "text", "text"), Article("bad", "empty", "text"), Article("flaky", "flaky", "text")]
    qs = queue_settings(services, retries=2)
    queue, night, results, jobs = submit(services, articles, 8, qs)
    work_burst(services)
    results = wait(services, queue, night, results, jobs, qs)
    assert services.pipeline.inputs.count("flaky") == 3  # the first run and two retries (RQ's Retry)
    assert services.pipeline.inputs.count("text") == 1 and services.pipeline.inputs.count("empty") == 1  # stored at once
    assert results.records["ok"]["status"] == "ok"
    assert results.records["bad"]["error"] == "empty_input"  # the article's own failure: stored, never retried
    flaky = results.records["flaky"]
    assert flaky["status"] == "failed" and flaky["error"] == "batch_failed" and "model is loading" in flaky["reason"]

    queue, night, results, jobs = submit(services, articles, 8, qs)
    assert len(jobs) == 1 and len(night.todo) == 1  # only the flaky article goes out again (a fresh job)
    assert queue.count == 1


def test_a_worker_with_another_model_refuses_the_batch(services):
    qs = queue_settings(services, retries=1)
    other = BriefOptions("extractive", 2, "another-model", None)
    results = RunResults()
    articles = [Article("1", "text", "text")]
    night = Night.plan(articles, services.cache, other, results)
    queue = rq_runner.open_queue(qs)
    jobs = rq_runner.submit(queue, night, other, qs, 8, None)
    work_burst(services)
    rq_runner.wait(queue, jobs, night, services.cache, results, Progress(1, 0), qs)
    assert services.pipeline.inputs == []  # nothing briefed with the wrong model, nothing stored
    assert results.records["1"]["error"] == "batch_failed"
    assert "serves model 'fake', the nightly asked for 'another-model'" in results.records["1"]["reason"]


def test_a_job_taken_off_the_queue_by_a_worker_that_died_is_put_back(services):
    articles = [Article("1", "text", "text")]
    qs = replace(queue_settings(services), lost_check_s=0.1)
    queue, night, results, jobs = submit(services, articles, 8, qs)
    assert queue.connection.lpop(queue.key) is not None  # a worker's BLPOP, then SIGKILL before it registers the job
    done: dict[str, RunResults] = {}
    waiter = threading.Thread(target=lambda: done.update(r=wait(services, queue, night, results, jobs, qs)))
    waiter.start()
    deadline = time.monotonic() + 20
    while queue.count == 0:
        assert time.monotonic() < deadline, "the lost job was never put back"
        time.sleep(0.05)
    work_burst(services)
    waiter.join(20)
    assert done["r"].records["1"]["status"] == "ok"


def test_with_no_worker_the_night_stops_waiting_and_the_batch_stays_queued(services):
    articles = [Article("1", "text", "text")]
    qs = replace(queue_settings(services), job_timeout_s=1)
    queue, night, results, jobs = submit(services, articles, 8, qs)
    results = wait(services, queue, night, results, jobs, qs)
    assert results.records["1"]["error"] == "no_worker" and "'briefs-nightly'" in results.records["1"]["reason"]
    assert queue.count == 1  # still there for a worker started later
    work_burst(services)
    assert rq_runner.brief_articles(articles, services.cache, OPTIONS, qs, 8).from_cache == 1  # the rerun reads it


# -- two real workers, one killed mid-batch ----------------------------------------------------------


def _night_input(path: Path, count: int) -> list[str]:
    """The first ``count`` public articles of the grouping set (tests/data/grouping/README.md)."""
    lines = GROUPING_DEV.read_text(encoding="utf-8").splitlines()[:count]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [json.loads(line)["id"] for line in lines]


def _workers_up(url: str, queue_name: str, count: int, procs, timeout: float = 90) -> dict[str, int]:
    """Worker name -> pid once ``count`` workers listen on the queue."""
    from rq import Queue, Worker

    connection = Redis.from_url(url)
    deadline = time.monotonic() + timeout
    while True:
        workers = Worker.all(queue=Queue(queue_name, connection=connection))
        if len(workers) >= count:
            return {w.name: w.pid for w in workers}
        for proc in procs:
            assert proc.poll() is None, "a worker exited at start (see its log)"
        assert time.monotonic() < deadline, "workers did not start"
        time.sleep(0.2)


class MidBatchKiller(threading.Thread):
    """SIGKILLs the worker of the first batch it catches running: the worker is frozen (SIGSTOP)
    first, and killed only if its job is still registered as started by it (else it is let go)."""

    def __init__(self, url: str, queue_name: str, pids: dict[str, int]):
        super().__init__(daemon=True)
        self.connection = Redis.from_url(url)
        self.queue_name, self.pids = queue_name, pids
        self.killed: tuple[str, int] | None = None  # (job id, pid)
        self.stop = threading.Event()

    def run(self) -> None:
        from rq import Queue
        from rq.job import Job

        registry = Queue(self.queue_name, connection=self.connection).started_job_registry
        while not self.stop.is_set() and self.killed is None:
            for job_id in registry.get_job_ids(cleanup=False):
                job = Job.fetch(job_id, connection=self.connection)
                pid = self.pids.get(job.worker_name or "")
                if pid is None:
                    continue
                os.kill(pid, signal.SIGSTOP)
                if job.get_status(refresh=True) == "started" and job.worker_name in self.pids:
                    os.kill(pid, signal.SIGKILL)
                    self.killed = (job_id, pid)
                    return
                os.kill(pid, signal.SIGCONT)
            time.sleep(0.01)


def test_two_workers_one_killed_mid_batch_the_digest_is_complete(run_nightly, nightly_env, redis_url, tmp_path):
    ids = _night_input(tmp_path / "night.jsonl", 12)
    env = {"REDIS_URL": redis_url, "BRIEFS_JOB_LEASE": "2", "BRIEFS_NIGHTLY_QUEUE": "night-test"}
    worker_env = {**nightly_env, **env, "BRIEFS_TORCH_THREADS": "1"}
    procs = [rq_worker(worker_env, tmp_path / f"worker-{n}.log") for n in (1, 2)]
    try:
        pids = _workers_up(redis_url, "night-test", 2, procs)
        killer = MidBatchKiller(redis_url, "night-test", pids)
        killer.start()
        args = ["--input", str(tmp_path / "night.jsonl"), "--date", "2026-01-16", "--bullets", "2", "--batch-articles", "2"]
        outcome = run_nightly(*args, "--out", str(tmp_path / "out"), env=env)
        killer.stop.set()
        killer.join(10)
        assert killer.killed is not None, "no batch was caught running"
        job_id, dead_pid = killer.killed
        assert outcome.returncode == 0, outcome.stderr
        digest = json.loads((tmp_path / "out" / "digest.json").read_text(encoding="utf-8"))
        listed = [source["id"] for story in digest["stories"] for source in story["sources"]]
        assert sorted(listed) == sorted(ids) and not digest.get("failed")  # none lost, none twice

        job = Job.fetch(job_id, connection=Redis.from_url(redis_url))
        assert job.get_status() == "finished" and job.retries_left == 1  # RQ retried it once
        assert pids[job.worker_name] != dead_pid  # ... on the worker that is still alive
        assert [p.poll() for p in procs].count(-signal.SIGKILL) == 1

        rerun = run_nightly(*args, "--out", str(tmp_path / "again"), env=env)
        assert "(0 articles generated this run, 12 from cache)" in rerun.stderr, rerun.stderr
        assert (tmp_path / "again" / "digest.json").read_bytes() == (tmp_path / "out" / "digest.json").read_bytes()
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
