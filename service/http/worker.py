"""The RQ side of async jobs: ``python -m service worker`` and the function it runs.

The worker is an RQ ``SimpleWorker`` (no fork per job): the model is loaded once per worker
process and reused, instead of being loaded again in every forked work-horse. Its running job holds
a short lease (``LeasedWorker``), so the job of a killed worker is retried within
``BRIEFS_JOB_LEASE``. It serves the async-jobs queue first, then the nightly's batches.
"""
from __future__ import annotations

import logging
import time
from typing import Any

from service.config import Settings

log = logging.getLogger(__name__)
_services: Any = None


def worker_services() -> Any:
    """This process's services, built once (the pipeline loads its model lazily on first use)."""
    global _services
    if _services is None:
        from service.http.state import Services

        _services = Services.build(Settings.from_env(), runner="rq")
    return _services


def run_job(job_id: str, kind: str, payload: dict[str, Any]) -> None:
    from service.http.jobs import execute

    execute(worker_services(), job_id, kind, payload)


RECONNECT_DELAYS_S = (0.5, 1, 2, 5)


def run_worker(settings: Settings, burst: bool = False, services: Any = None) -> int:
    """Serve the queues until stopped (or until they are empty, with ``burst``). ``services``:
    what jobs run with, instead of ``worker_services()`` (benchmarks pass their own pipeline).

    Redis going away (restart, failover) does not end the worker: it waits and reconnects, so a
    worker started before Redis, or during an outage, picks up the queue when Redis is back.
    """
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from rq import Queue

    from service.http.jobs import QUEUE_NAME
    from service.http.leased_worker import LeasedWorker
    from service.runtime import configure_threads

    if not settings.redis_url:
        raise SystemExit("error: `worker` needs REDIS_URL (without it, jobs run inside the HTTP workers)")
    configure_threads(settings)
    global _services
    if services is not None:
        _services = services
    services = worker_services()
    if settings.warmup:
        services.readiness.start()
    failures = 0
    while True:
        try:
            connection = Redis.from_url(settings.redis_url)
            queues = [Queue(name, connection=connection) for name in (QUEUE_NAME, settings.nightly_queue)]
            worker = LeasedWorker(queues, connection=connection, lease_s=settings.job_lease_seconds)
            failures = 0
            worker.work(burst=burst, with_scheduler=False)
            return 0
        except (RedisConnectionError, RedisTimeoutError) as exc:
            delay = RECONNECT_DELAYS_S[min(failures, len(RECONNECT_DELAYS_S) - 1)]
            failures += 1
            log.warning("redis unavailable (%s); reconnecting in %ss", type(exc).__name__, delay)
            time.sleep(delay)
