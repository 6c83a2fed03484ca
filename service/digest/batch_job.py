"""The RQ job a ``python -m service worker`` runs for the nightly: brief one batch into the cache.

The payload carries the batch's texts (the night's input lives on the nightly's host only: a
folder, a JSONL file or pages fetched from feeds) with the cache key each result goes under, the
brief options, and the pipeline version the keys were made with. RQ keeps it zlib-compressed.

Idempotent: an article whose result is already stored (a retried batch whose first worker had
finished it before dying, or another night briefing the same text) is not briefed again.
"""
from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from service.config import Settings
from service.digest import store
from service.digest.articles import Article
from service.digest.runner import brief_and_store
from service.pipeline import PIPELINE_VERSION

log = logging.getLogger(__name__)
JOB_FUNCTION = "service.digest.batch_job.brief_batch"


class WorkerMismatch(Exception):
    """This worker cannot brief the batch as the nightly asked: another model or another release."""


class BatchIncomplete(Exception):
    """Some articles failed for a passing reason (a model error): the job fails, so RQ runs it again."""


def payload(batch: list[Article], keys: list[str], options: store.BriefOptions, ttl: int | None) -> dict[str, Any]:
    return {
        "pipeline": PIPELINE_VERSION,
        "options": asdict(options),
        "ttl": ttl,
        "articles": [{"key": k, "data": a.data, "format": a.format} for k, a in zip(keys, batch)],
    }


def brief_batch(job: dict[str, Any]) -> dict[str, int]:
    """Brief the batch's articles not stored yet; returns how many were briefed and how many found."""
    from service.http.worker import worker_services

    services = worker_services()
    options = store.BriefOptions(**job["options"])
    check_worker(services.settings, options, job["pipeline"])
    todo = [item for item in job["articles"] if store.load(services.cache, item["key"]) is None]
    batch = [Article(id=item["key"], data=item["data"], format=item["format"]) for item in todo]
    keys = [item["key"] for item in todo]
    records = brief_and_store(batch, keys, services.pipeline, services.cache, options, job["ttl"])
    passing = [f"{r['error']}: {r['reason']}" for r in records.values() if not store.is_persistent(r)]
    if passing:
        raise BatchIncomplete(f"{len(passing)} of {len(todo)} articles failed for a passing reason: {passing[0]}")
    return {"briefed": len(todo), "found": len(job["articles"]) - len(todo)}


def check_worker(settings: Settings, options: store.BriefOptions, pipeline_version: str) -> None:
    """Refuse (never store) a batch whose results this worker would file under the wrong key."""
    if pipeline_version != PIPELINE_VERSION:
        raise WorkerMismatch(
            f"this worker runs pipeline version {PIPELINE_VERSION}, the nightly {pipeline_version}: "
            "run the same release on every host"
        )
    if options.model not in (settings.model, *settings.extra_models):
        raise WorkerMismatch(
            f"this worker serves model {settings.model!r}, the nightly asked for {options.model!r}: "
            "start workers with the same BRIEFS_MODEL (or list it in BRIEFS_EXTRA_MODELS)"
        )
    if options.model == settings.model and options.revision != settings.model_revision:
        raise WorkerMismatch(
            f"this worker serves revision {settings.model_revision!r} of {settings.model!r}, the nightly "
            f"{options.revision!r}: set the same BRIEFS_MODEL_REVISION on every host"
        )
