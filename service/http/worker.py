"""The RQ side of async jobs: ``python -m service worker`` and the function it runs.

The worker is an RQ ``SimpleWorker`` (no fork per job): the model is loaded once per worker
process and reused, instead of being loaded again in every forked work-horse.
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


def run_worker(settings: Settings, burst: bool = False) -> int:
    """Serve the queue until stopped (or until it is empty, with ``burst``).

    Redis going away (restart, failover) does not end the worker: it waits and reconnects, so a
    worker started before Redis, or during an outage, picks up the queue when Redis is back.
    """
    from redis import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
    from rq import Queue, SimpleWorker

    from service.http.jobs import QUEUE_NAME
    from service.runtime import configure_threads

    if not settings.redis_url:
        raise SystemExit("error: `worker` needs REDIS_URL (without it, jobs run inside the HTTP workers)")
    configure_threads(settings)
    services = worker_services()
    if settings.warmup:
        services.readiness.start()
    failures = 0
    while True:
        try:
            connection = Redis.from_url(settings.redis_url)
            worker = SimpleWorker([Queue(QUEUE_NAME, connection=connection)], connection=connection)
            failures = 0
            worker.work(burst=burst, with_scheduler=False)
            return 0
        except (RedisConnectionError, RedisTimeoutError) as exc:
            delay = RECONNECT_DELAYS_S[min(failures, len(RECONNECT_DELAYS_S) - 1)]
            failures += 1
            log.warning("redis unavailable (%s); reconnecting in %ss", type(exc).__name__, delay)
            time.sleep(delay)
