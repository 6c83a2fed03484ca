"""One request at a time per host, with a pause between two requests to the same host.

Threads fetching from different hosts run side by side; a thread wanting a host that is busy
waits for it. The pause can be raised per host (robots.txt ``Crawl-delay``).
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

MAX_CRAWL_DELAY_S = 30.0  # a robots.txt Crawl-delay above this is taken as this


class HostPacer:
    def __init__(self, delay_s: float):
        self.delay_s = max(0.0, delay_s)
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next_at: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, delay_s: float) -> None:
        """A longer pause for one host (never shorter than the configured one, at most 30 s)."""
        with self._guard:
            self._delays[host] = min(max(self.delay_s, delay_s), max(self.delay_s, MAX_CRAWL_DELAY_S))

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Hold ``host`` for one request: waits for the host to be free and its pause to be over."""
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._next_at.get(host, 0.0) - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._next_at[host] = time.monotonic() + self._delays.get(host, self.delay_s)
