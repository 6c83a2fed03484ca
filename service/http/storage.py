"""Which local storage of this worker is failing: named by ``/readyz`` (503) so that a load balancer
sends traffic to a healthy instance while this one's disk is read-only, full or gone.

Only storage on this machine counts: the data directory (SQLite cache, embedded job records,
the editorial SQLite file). This worker's metrics files failing is said in the reason, but does
not make the worker unready: serving matters more than counting. Redis and PostgreSQL are shared by
every instance; their outage is not a reason to take one instance out (the cache then degrades to
none, jobs and editorial routes answer 503 on their own). Checks are cheap (stat, access, statvfs,
one cache read, no writes) and run at most every ``CHECK_EVERY_S`` per worker.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

from service.editorial.db import SQLITE_FILE
from service.http.metrics import storage_failure

MIN_FREE_BYTES = 8 * 1024 * 1024  # below this the data directory counts as full
CHECK_EVERY_S = 2.0

_lock = threading.Lock()
_last: dict[int, tuple[float, list[str]]] = {}  # per Services object: (checked at, problems)


def storage_problems(services: Any) -> list[str]:
    """One line per failing local store, e.g. "data directory data: read-only (cache, jobs, editorial)"."""
    with _lock:
        checked = _last.get(id(services))
        if checked and time.monotonic() - checked[0] < CHECK_EVERY_S:
            return checked[1]
    problems = _check(services)
    with _lock:
        _last[id(services)] = (time.monotonic(), problems)
    return problems


def _check(services: Any) -> list[str]:
    settings = services.settings
    local = [name for name, on in (("cache", not settings.redis_url), ("jobs", not settings.redis_url),
                                   ("editorial", not settings.database_url)) if on]
    problems = []
    if local:
        why = _directory_problem(Path(settings.data_dir))
        if why:
            problems.append(f"data directory {settings.data_dir}: {why} ({', '.join(local)})")
    cache = services.cache
    if not settings.redis_url:
        cache.get("readyz:probe")  # one read: notices a file gone or unopenable, and a cache that is back
    if not settings.redis_url and not getattr(cache, "available", True):
        problems.append("cache (sqlite): failing; briefs are served without it, async jobs are refused")
    editorial = services.editorial
    created = editorial is not None and not editorial.create  # before that, this process creates it on first use
    if not settings.database_url and created and not (Path(settings.data_dir) / SQLITE_FILE).exists():
        problems.append(f"editorial database {Path(settings.data_dir) / SQLITE_FILE}: missing; "
                        "restore it or run `python -m service db upgrade`")
    return problems


def metrics_note() -> str | None:
    """Metrics that cannot be written do not make a worker unready (it serves on; logged once)."""
    failure = storage_failure()
    return f"this worker's metrics are not recorded ({failure})" if failure else None


def _directory_problem(path: Path) -> str | None:
    while not path.exists() and path.parent != path:  # not made yet: where it will be made
        path = path.parent
    try:
        stats = os.statvfs(path)
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    if not os.access(path, os.W_OK):
        return "read-only"
    if stats.f_bavail * stats.f_frsize < MIN_FREE_BYTES:
        return f"full ({stats.f_bavail * stats.f_frsize // 1024} KiB free)"
    return None
