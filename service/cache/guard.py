"""Turns a cache backend's failures into fallbacks, and backs off while it is down.

After a failure the backend is skipped for ``retry_after`` seconds; then one caller probes it
(the others keep skipping) until a call succeeds. An outage is logged twice, when it starts and
when it ends, however many requests it touches; every failed call is counted (``errors_total``,
``on_error``), skipped calls are not.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable, TypeVar

from service.cache.codec import UnencodableValue

log = logging.getLogger("service.cache")

T = TypeVar("T")


class BackendGuard:
    def __init__(
        self,
        name: str,
        *,
        retry_after: float = 1.0,
        on_error: Callable[[Exception], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.retry_after = retry_after
        self.errors_total = 0
        self._on_error = on_error
        self._clock = clock
        self._lock = threading.Lock()
        self._skip_until = 0.0
        self._down_since: float | None = None
        self._outage_errors = 0

    @property
    def available(self) -> bool:
        """False from a failure until the next successful call."""
        return self._down_since is None

    def call(self, op: Callable[[], T], fallback: T) -> T:
        """``op()``, or ``fallback`` if the backend is being skipped or ``op`` raises.

        ``UnencodableValue`` is the caller's bug, not an outage, and propagates.
        """
        if not self._may_try():
            return fallback
        try:
            result = op()
        except UnencodableValue:
            raise
        except Exception as exc:
            self._failed(exc)
            return fallback
        if self._down_since is not None:
            self._recovered()
        return result

    def _may_try(self) -> bool:
        with self._lock:
            now = self._clock()
            if now < self._skip_until:
                return False
            if self._down_since is not None:
                self._skip_until = now + self.retry_after
            return True

    def _failed(self, exc: Exception) -> None:
        with self._lock:
            now = self._clock()
            self.errors_total += 1
            self._outage_errors += 1
            self._skip_until = now + self.retry_after
            first = self._down_since is None
            if first:
                self._down_since = now
        if first:
            log.warning(
                "cache backend %s failed (%s: %s); serving without cache, retrying every %.1fs",
                self.name, type(exc).__name__, exc, self.retry_after,
            )
        else:
            log.debug("cache backend %s still failing: %s", self.name, exc)
        if self._on_error is not None:
            self._on_error(exc)

    def _recovered(self) -> None:
        with self._lock:
            if self._down_since is None:
                return
            seconds, errors = self._clock() - self._down_since, self._outage_errors
            self._down_since, self._outage_errors, self._skip_until = None, 0, 0.0
        log.info("cache backend %s is back after %.1fs (%d failed calls)", self.name, seconds, errors)
