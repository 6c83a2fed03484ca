"""Prometheus metrics, correct under several gunicorn workers.

gunicorn.conf.py points ``PROMETHEUS_MULTIPROC_DIR`` at a fresh directory before any worker
starts; each worker then writes its samples to files there and ``/metrics`` merges them with a
``MultiProcessCollector``. Without that variable (tests, the CLI) the default registry is used.
"""
from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

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
