"""The services one process holds: pipeline, cache, gate, brief service, job runner, readiness.

Built once per process (per gunicorn worker, after the fork; per RQ worker) and bound to the app
as ``app.extensions["briefs"]``. Nothing here touches torch: the pipeline's registry loads the model
on first use (the warm-up thread, or the first request).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from service.config import Settings
from service.http import metrics
from service.http.briefing import BriefService
from service.http.gate import GenerationGate
from service.http.jobs import EmbeddedRunner, JobStore, RQRunner, Runner
from service.http.readiness import Readiness
from service.pipeline.brief import BriefPipeline

EXTENSION = "briefs"


@dataclass
class Services:
    settings: Settings
    pipeline: BriefPipeline
    cache: Any
    gate: GenerationGate
    briefs: BriefService
    readiness: Readiness
    jobs: Runner = None  # type: ignore[assignment]
    editorial: Any = None  # service.editorial.Editorial: corrections, glossary, translation memory

    @classmethod
    def build(
        cls, settings: Settings, pipeline: BriefPipeline | None = None, cache: Any = None, runner: str = "auto"
    ) -> "Services":
        from service.editorial import open_editorial
        from service.editorial.overlay import Overlay

        editorial = open_editorial(settings)
        if pipeline is None:
            from service.runtime import build_pipeline, build_registry

            pipeline = build_pipeline(settings, build_registry(settings, background=True), editorial=editorial)
        if cache is None:
            from service.cache import build_cache

            cache = build_cache(
                settings,
                on_hit=metrics.cache_event("hit"),
                on_miss=metrics.cache_event("miss"),
                on_error=metrics.cache_event("error"),
            )
        gate = GenerationGate(settings.max_queue_depth, settings.request_timeout_s, serialize=not settings.microbatch,
                              slots=settings.threads)
        briefs = BriefService(settings, pipeline, cache, gate, overlay=Overlay(editorial, settings).apply)
        services = cls(settings, pipeline, cache, gate, briefs, Readiness(pipeline), editorial=editorial)
        store = JobStore(cache, settings.job_ttl_seconds, settings.job_lease_seconds)
        if runner == "auto":
            runner = "rq" if settings.redis_url else "embedded"
        if runner == "rq":
            services.jobs = RQRunner(settings.redis_url or "", store, settings.job_ttl_seconds, settings.request_timeout_s)
        else:
            services.jobs = EmbeddedRunner(services, store, settings.job_workers)
        return services

    def init_app(self, app: Flask) -> None:
        app.extensions[EXTENSION] = self
        if self.settings.warmup:
            self.readiness.start()


def services() -> Services:
    return current_app.extensions[EXTENSION]
