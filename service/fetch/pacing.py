"""One request at a time per host, with a pause between two requests to the same host.

Threads fetching from different hosts run side by side; a thread wanting a host that is busy
waits for it. The pause can be raised per host (robots.txt ``Crawl-delay``).

A turn asked for with a ``deadline`` (the HTTP service: a client is waiting) is bounded: at most
``max_waiting`` requests queue for one host (more fail at once), a queued request waits for the
host only until its deadline, and a pause that would end after the deadline fails at once. Each
failure is ``FetchBusy`` (503 with ``Retry-After``), never a thread held for longer than the
deadline. Without a deadline (the nightly job) a turn waits as long as politeness needs.
"""
from __future__ import annotations

import math
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from service.fetch.errors import FetchBusy

MAX_CRAWL_DELAY_S = 30.0  # a robots.txt Crawl-delay above this is taken as this


class HostPacer:
    def __init__(self, delay_s: float, max_waiting: int | None = None):
        """``max_waiting``: requests with a deadline that may queue for one busy host (None: no cap)."""
        self.delay_s = max(0.0, delay_s)
        self.max_waiting = max_waiting
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next_at: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._waiting: dict[str, int] = {}
        self._held_until: dict[str, float] = {}

    def set_delay(self, host: str, delay_s: float) -> None:
        """A longer pause for one host (never shorter than the configured one, at most 30 s)."""
        with self._guard:
            self._delays[host] = min(max(self.delay_s, delay_s), max(self.delay_s, MAX_CRAWL_DELAY_S))

    def delay(self, host: str) -> float:
        return self._delays.get(host, self.delay_s)

    @contextmanager
    def turn(self, host: str, deadline: float | None = None) -> Iterator[None]:
        """Hold ``host`` for one request: waits for the host to be free and its pause to be over
        (with a ``deadline``: only while that can end before it, else ``FetchBusy``)."""
        lock = self._enter(host, deadline)
        try:
            wait = self._next_at.get(host, 0.0) - time.monotonic()
            if wait > 0 and deadline is not None and time.monotonic() + wait >= deadline:
                raise FetchBusy(f"{host} may be asked again only in {wait:.1f} s (its pause between requests, "
                                "BRIEFS_FETCH_HOST_DELAY or robots.txt Crawl-delay), after this request's deadline.",
                                retry_after=math.ceil(wait))
        except BaseException:
            lock.release()
            raise
        try:
            if wait > 0:
                time.sleep(wait)
            self._held_until[host] = deadline if deadline is not None else math.inf
            yield
        finally:
            self._next_at[host] = time.monotonic() + self.delay(host)
            self._held_until.pop(host, None)
            lock.release()

    def _enter(self, host: str, deadline: float | None) -> threading.Lock:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
            if deadline is None:
                waiting = None
            else:
                waiting = self._waiting.get(host, 0)
                if lock.locked() and self.max_waiting is not None and waiting >= self.max_waiting:
                    raise FetchBusy(f"{host} is busy: {waiting} requests are already waiting for it "
                                    f"(limit {self.max_waiting}); retry later.", retry_after=self._retry_after(host))
                self._waiting[host] = waiting + 1
        if deadline is None:
            lock.acquire()
            return lock
        try:
            acquired = lock.acquire(timeout=max(0.0, deadline - time.monotonic()))
        finally:
            with self._guard:
                self._waiting[host] -= 1
        if not acquired:
            raise FetchBusy(f"{host} stayed busy with another request until this request's deadline; retry later.",
                            retry_after=self._retry_after(host))
        return lock

    def _retry_after(self, host: str) -> int:
        """Seconds until the host's current request must end, plus its pause (at least 1)."""
        held = self._held_until.get(host, time.monotonic())
        left = held - time.monotonic() if math.isfinite(held) else MAX_CRAWL_DELAY_S
        return max(1, math.ceil(max(0.0, left) + self.delay(host)))
