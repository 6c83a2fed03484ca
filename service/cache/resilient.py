"""The cache every caller uses: a backend behind a guard, plus single flight.

Backend failures never reach callers: ``get`` misses, ``set`` does nothing, ``add`` answers True
(as if there were no cache to dedupe with), and ``get_or_compute`` computes. Single flight works
in two layers: threads of this process join one in-process flight per key; the flight's leader
takes the backend's lease for the key, so one process computes and the others poll the backend
for its value (or take the lease over when it is released without a value or expires).
"""
from __future__ import annotations

import logging
import time
from typing import Callable

from service.cache.base import CacheBackend, Value
from service.cache.flights import Flights
from service.cache.guard import BackendGuard

log = logging.getLogger("service.cache")

Hook = Callable[[], None]


class ResilientCache:
    def __init__(
        self,
        backend: CacheBackend,
        *,
        on_hit: Hook | None = None,
        on_miss: Hook | None = None,
        on_error: Callable[[Exception], None] | None = None,
        retry_after: float = 1.0,
        lease_ttl: float = 60.0,
        wait_timeout: float = 120.0,
        poll_interval: float = 0.02,
        max_poll_interval: float = 0.25,
    ) -> None:
        """``lease_ttl``: longest a compute may run before another process may start the same
        one; ``wait_timeout``: longest a caller polls for another process's result before it
        computes itself."""
        self.backend = backend
        self.lease_ttl = lease_ttl
        self.wait_timeout = wait_timeout
        self.poll_interval = poll_interval
        self.max_poll_interval = max_poll_interval
        self._on_hit = on_hit
        self._on_miss = on_miss
        self._guard = BackendGuard(backend.name, retry_after=retry_after, on_error=on_error)
        self._flights = Flights()

    @property
    def name(self) -> str:
        return self.backend.name

    @property
    def errors_total(self) -> int:
        """Backend calls that failed since start (calls skipped during an outage not counted)."""
        return self._guard.errors_total

    @property
    def available(self) -> bool:
        return self._guard.available

    def get(self, key: str) -> Value | None:
        value = self._get(key)
        self._count(value is not None)
        return value

    def set(self, key: str, value: Value, ttl: int | None = None) -> None:
        self._guard.call(lambda: self.backend.set(key, value, ttl), None)

    def put(self, key: str, value: Value, ttl: int | None = None) -> bool:
        """``set`` for a caller that must know: True only when the backend stored the value (a job
        record is acknowledged only once it is recorded)."""
        def op() -> bool:
            self.backend.set(key, value, ttl)
            return True

        return self._guard.call(op, False)

    def add(self, key: str, value: Value, ttl: int | None = None) -> bool:
        return self._guard.call(lambda: self.backend.add(key, value, ttl), True)

    def delete(self, key: str) -> None:
        self._guard.call(lambda: self.backend.delete(key), None)

    def get_or_compute(self, key: str, compute: Callable[[], Value], ttl: int | None = None) -> tuple[Value, bool]:
        """Single flight; ``compute``'s exception reaches this caller and every thread waiting
        on the same flight. ``was_cached`` is True whenever this call did not run ``compute``."""
        value = self._get(key)
        if value is None:
            flight, leader = self._flights.join(key)
            if leader:
                try:
                    value, cached = self._lead(key, compute, ttl)
                except BaseException as exc:
                    self._flights.fail(key, flight, exc)
                    raise
                self._flights.succeed(key, flight, value)
                self._count(cached)
                return value, cached
            value = flight.result()
        self._count(True)
        return value, True

    def _lead(self, key: str, compute: Callable[[], Value], ttl: int | None) -> tuple[Value, bool]:
        deadline = time.monotonic() + self.wait_timeout
        delay = self.poll_interval
        while True:
            claimed = self._guard.call(lambda: self.backend.claim(key, self.lease_ttl), None)
            if claimed is None:
                return self._compute(key, compute, ttl), False
            if claimed:
                try:
                    value = self._get(key)
                    if value is not None:
                        return value, True
                    return self._compute(key, compute, ttl), False
                finally:
                    self._guard.call(lambda: self.backend.release(key), None)
            value = self._get(key)
            if value is not None:
                return value, True
            if time.monotonic() >= deadline:
                log.warning("waited %.0fs for another process to compute %s; computing it here", self.wait_timeout, key)
                return self._compute(key, compute, ttl), False
            time.sleep(delay)
            delay = min(delay * 2, self.max_poll_interval)

    def _compute(self, key: str, compute: Callable[[], Value], ttl: int | None) -> Value:
        value = compute()
        self.set(key, value, ttl)
        return value

    def _get(self, key: str) -> Value | None:
        return self._guard.call(lambda: self.backend.get(key), None)

    def _count(self, hit: bool) -> None:
        hook = self._on_hit if hit else self._on_miss
        if hook is not None:
            hook()
