"""Prometheus metrics, correct under several gunicorn workers.

gunicorn.conf.py points ``PROMETHEUS_MULTIPROC_DIR`` at a fresh directory before any worker
starts; each worker then writes its samples to files there and ``/metrics`` merges them with a
``MultiProcessCollector``. Without that variable (tests, the CLI) the default registry is used.

Metrics never fail a request: when the files behind them cannot be written (the folder turned
read-only, the disk full, a new worker that cannot create its file), that worker stops recording
(logged once, reported by ``/readyz``) and everything else goes on (``_record_storage_failures``).
"""
from __future__ import annotations

import functools
import logging
import os
import threading

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    values,
)

log = logging.getLogger(__name__)
_failure: list[str] = []  # the first storage error of this process's metrics, if any
_failure_lock = threading.Lock()


def storage_failure() -> str | None:
    """Why this process's metrics are not being recorded (None while they are)."""
    return _failure[0] if _failure else None


def _failed(exc: Exception) -> None:
    with _failure_lock:
        if _failure:
            return
        _failure.append(f"{type(exc).__name__}: {exc}")
    log.error("metrics files cannot be written (%s: %s); this worker's metrics are no longer recorded",
              type(exc).__name__, exc)


def _record_storage_failures() -> None:
    """Make the multiprocess value class (files mmapped in ``PROMETHEUS_MULTIPROC_DIR``) degrade to
    an in-memory no-op on storage errors. Patched on the class, so metrics created before this
    module was imported (other modules define their own) are covered too."""
    cls = values.ValueClass
    if not getattr(cls, "_multiprocess", False) or getattr(cls, "_briefs_degrades", False):
        return
    original_init = cls.__init__

    def init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            original_init(self, *args, **kwargs)
        except (OSError, ValueError) as exc:
            _failed(exc)
            self._value, self._timestamp, self._briefs_broken = 0.0, 0.0, True

    def guarded(method):  # type: ignore[no-untyped-def]
        @functools.wraps(method)
        def call(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            if getattr(self, "_briefs_broken", False):
                return None if method.__name__ != "get" else self._value
            try:
                return method(self, *args, **kwargs)
            except (OSError, ValueError) as exc:  # a file that cannot grow, a closed mmap after a failed reset
                _failed(exc)
                self._briefs_broken = True
                return None if method.__name__ != "get" else getattr(self, "_value", 0.0)

        return call

    cls.__init__ = init
    for name in ("inc", "set", "set_exemplar", "get"):
        if hasattr(cls, name):
            setattr(cls, name, guarded(getattr(cls, name)))
    cls._briefs_degrades = True


_record_storage_failures()

REQUESTS = Counter("briefs_http_requests_total", "HTTP requests by route, method and status", ["route", "method", "status"])
LATENCY = Histogram(
    "briefs_http_request_seconds",
    "HTTP request latency by route",
    ["route"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
CACHE = Counter("briefs_cache_events_total", "Cache lookups by outcome (hit, miss, error)", ["event"])
GENERATIONS = Counter("briefs_generations_total", "Pipeline generation calls (one per batched model run)", ["kind"])
GENERATION_SECONDS = Histogram(
    "briefs_generation_seconds",
    "Seconds spent in one pipeline generation call",
    ["kind"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
QUEUE_DEPTH = Gauge(
    "briefs_queue_depth", "Requests waiting for or running a generation", multiprocess_mode="livesum"
)
JOBS = Counter("briefs_jobs_total", "Async jobs by runner and event (queued, finished, failed)", ["runner", "event"])


def render() -> tuple[bytes, str]:
    """The exposition text of every worker's metrics, and its content type."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not directory:
        return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=directory)
    return generate_latest(registry), CONTENT_TYPE_LATEST


def cache_event(event: str):
    """A callback for ``build_cache(on_hit=..., on_miss=..., on_error=...)`` (any arguments)."""
    counter = CACHE.labels(event)
    return lambda *args, **kwargs: counter.inc()
