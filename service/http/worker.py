"""The RQ side of async jobs: ``python -m service worker`` and the function it runs.

The worker is an RQ ``SimpleWorker`` (no fork per job): the model is loaded once per worker
process and reused, instead of being loaded again in every forked work-horse.
"""
from __future__ import annotations

import logging
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


def run_worker(settings: Settings, burst: bool = False) -> int:
    """Serve the queue until stopped (or until it is empty, with ``burst``)."""
    from redis import Redis
    from rq import Queue, SimpleWorker

    from service.http.jobs import QUEUE_NAME
    from service.runtime import configure_threads

    if not settings.redis_url:
        raise SystemExit("error: `worker` needs REDIS_URL (without it, jobs run inside the HTTP workers)")
    configure_threads(settings)
    connection = Redis.from_url(settings.redis_url)
    services = worker_services()
    if settings.warmup:
        services.readiness.start()
    worker = SimpleWorker([Queue(QUEUE_NAME, connection=connection)], connection=connection)
    worker.work(burst=burst, with_scheduler=False)
    return 0
