"""The cache interface shared by the HTTP API, the Slack bot and the nightly job.

Values are JSON-serializable dicts. Backends: SQLite (embedded default) and Redis (``REDIS_URL``).
A backend that fails must never fail the request: callers use ``ResilientCache`` which turns
backend errors into misses (logged and counted) and retries the backend later.
"""
from __future__ import annotations

import threading
import uuid
from typing import Any, Callable, Protocol

Value = dict[str, Any]


class LeaseTokens:
    """The token of each lease this process holds, so that ``release`` frees only its own lease
    (never one that expired and was taken by another process meanwhile)."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}
        self._lock = threading.Lock()

    @staticmethod
    def new() -> str:
        return uuid.uuid4().hex

    def keep(self, key: str, token: str) -> None:
        with self._lock:
            self._tokens[key] = token

    def take(self, key: str) -> str | None:
        with self._lock:
            return self._tokens.pop(key, None)


class CacheBackend(Protocol):
    name: str

    def get(self, key: str) -> Value | None: ...

    def set(self, key: str, value: Value, ttl: int | None = None) -> None: ...

    def add(self, key: str, value: Value, ttl: int | None = None) -> bool:
        """Set only if absent; True if this call stored it (dedupe of Slack retries, run markers)."""
        ...

    def delete(self, key: str) -> None: ...

    def claim(self, key: str, ttl: float) -> bool:
        """Take the compute lease for ``key`` across processes; False if someone else holds it."""
        ...

    def release(self, key: str) -> None: ...


class Cache(Protocol):
    def get(self, key: str) -> Value | None: ...

    def set(self, key: str, value: Value, ttl: int | None = None) -> None: ...

    def add(self, key: str, value: Value, ttl: int | None = None) -> bool: ...

    def delete(self, key: str) -> None: ...

    def get_or_compute(self, key: str, compute: Callable[[], Value], ttl: int | None = None) -> tuple[Value, bool]:
        """Single flight: concurrent callers of one key (threads, and processes sharing the backend)
        compute once; the others wait for and return that result. Returns (value, was_cached)."""
        ...
