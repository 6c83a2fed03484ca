"""Per-article results in the shared cache, so a killed run or another host never redoes them.

A record is ``{"status": "ok", "brief": Brief.to_dict()}`` or ``{"status": "failed", "error",
"reason"}``. Only failures caused by the input itself (HTTP-4xx-like errors) are stored: a model
that failed for a passing reason is tried again on the next run.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from service.cache.base import Cache, Value
from service.cache.keys import brief_key
from service.digest.articles import Article
from service.errors import BriefError
from service.pipeline.types import Brief

KEY_KIND = "nightly-article"


@dataclass(frozen=True)
class BriefOptions:
    mode: str
    bullets: int | None  # None: automatic (up to BRIEFS_BULLETS)
    model: str
    revision: str | None


def article_key(article: Article, options: BriefOptions) -> str:
    return brief_key(
        article.text_for_key(),
        model=options.model,
        revision=options.revision,
        options={"mode": options.mode, "bullets": options.bullets, "format": article.format},
        kind=KEY_KIND,
    )


def success(brief: Brief) -> Value:
    return {"status": "ok", "brief": brief.to_dict()}


def failure(error: BriefError) -> Value:
    record: dict[str, Any] = {"status": "failed", "error": error.code, "reason": error.detail}
    record["transient"] = error.status >= 500
    return record


def is_persistent(record: Value) -> bool:
    return record["status"] == "ok" or not record.get("transient", False)


def load(cache: Cache, key: str) -> Value | None:
    record = cache.get(key)
    if record and record.get("status") in {"ok", "failed"}:
        return record
    return None


def save(cache: Cache, key: str, record: Value, ttl: int | None = None) -> None:
    if is_persistent(record):
        cache.set(key, record, ttl=ttl)


def not_briefed(code: str, reason: str) -> Value:
    """A failure that is not the article's (its batch's worker died each time it was tried, the
    queue lost it): reported in the digest, never stored, so the next run tries again."""
    return {"status": "failed", "error": code, "reason": reason, "transient": True}
