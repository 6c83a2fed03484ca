"""The generation gate: bounded waiting (503), a per-request deadline (504), one model call at a time.

Generation runs on a thread of this gate's pool while the request thread waits at most
``request_timeout_s``; on timeout the request answers 504 but the generation keeps running and its
result still lands in the cache, so a retry is a cache hit. At most ``max_queue_depth`` calls may
wait behind the running one; more get 503 with Retry-After. ``model_lock`` makes one generation
run per process at a time, so torch's threads (set to cores / workers) never oversubscribe the CPU;
with micro-batching on it is a no-op and the batcher's single model thread gives the same guarantee.
"""
from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Callable, TypeVar

from service.http.metrics import QUEUE_DEPTH
from service.http.problems import Overloaded, RequestTimedOut

T = TypeVar("T")
MAX_POOL_THREADS = 32


class GenerationGate:
    def __init__(self, max_waiting: int, timeout_s: float, retry_after_s: int = 5, serialize: bool = True):
        self.max_waiting = max_waiting
        self.timeout_s = timeout_s
        self.retry_after_s = retry_after_s
        # serialize=False (BRIEFS_MICROBATCH): requests reach the model wrapper together and the
        # micro-batcher (models/batcher.py), which makes every model call on one thread, merges them.
        self.model_lock: Any = threading.Lock() if serialize else contextlib.nullcontext()
        self._count_lock = threading.Lock()
        self._pending = 0
        self._pool = ThreadPoolExecutor(
            max_workers=min(MAX_POOL_THREADS, max_waiting + 1), thread_name_prefix="generate"
        )

    @property
    def pending(self) -> int:
        return self._pending

    def _enter(self) -> None:
        with self._count_lock:
            if self._pending > self.max_waiting:
                raise Overloaded(
                    f"{self._pending - 1} requests are already waiting for the model "
                    f"(limit {self.max_waiting}); retry shortly.",
                    retry_after=self.retry_after_s,
                )
            self._pending += 1
        QUEUE_DEPTH.inc()

    def _leave(self) -> None:
        with self._count_lock:
            self._pending -= 1
        QUEUE_DEPTH.dec()

    def run(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` under admission control and the request deadline (synchronous requests)."""
        self._enter()
        try:
            future = self._pool.submit(fn)
        except BaseException:
            self._leave()
            raise
        future.add_done_callback(lambda _: self._leave())
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout:
            raise RequestTimedOut(
                f"No answer within {self.timeout_s:g} s (BRIEFS_REQUEST_TIMEOUT). The work goes on: "
                "retry later and the result will come from the cache, or use ?async=true."
            ) from None

    def run_background(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the calling thread (async jobs): counted in the depth, no deadline, never refused."""
        with self._count_lock:
            self._pending += 1
        QUEUE_DEPTH.inc()
        try:
            return fn()
        finally:
            self._leave()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
