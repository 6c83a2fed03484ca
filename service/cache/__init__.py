"""The cache: ``build_cache(settings)`` picks Redis when ``REDIS_URL`` is set, else SQLite."""
from __future__ import annotations

from typing import Any

from service.cache.base import Cache, CacheBackend, Value
from service.cache.keys import brief_key
from service.cache.resilient import ResilientCache
from service.config import Settings

__all__ = ["Cache", "CacheBackend", "ResilientCache", "Value", "brief_key", "build_backend", "build_cache"]


def build_backend(settings: Settings) -> CacheBackend:
    if settings.redis_url:
        from service.cache.redis_backend import RedisCache

        return RedisCache(settings.redis_url, default_ttl=settings.cache_ttl_seconds)
    from service.cache.sqlite import SQLiteCache

    return SQLiteCache(
        settings.data_dir / "cache.sqlite3",
        max_entries=settings.cache_max_entries,
        default_ttl=settings.cache_ttl_seconds,
    )


def build_cache(settings: Settings, **hooks: Any) -> ResilientCache:
    """``hooks``: ``on_hit``, ``on_miss``, ``on_error`` (and any other ``ResilientCache`` option).

    Callers wait for another worker's result no longer than a request may take.
    """
    hooks.setdefault("wait_timeout", settings.request_timeout_s)
    return ResilientCache(build_backend(settings), **hooks)

