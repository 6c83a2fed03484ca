"""The generation gate: bounded admission (fast 503), a per-request deadline (504 that stops the work).

A gthread worker has a fixed number of request threads, and a synchronous request waiting for the
model holds one of them for the whole generation. So at most ``slots`` synchronous requests may be
inside the gate at once (``BRIEFS_THREADS``; gunicorn.conf.py gives each worker
``BRIEFS_SPARE_THREADS`` more threads): the spare threads always stay free for cache hits,
``/healthz``, ``/readyz`` and ``/metrics``, and a fresh request beyond the slots gets 503 with
``Retry-After`` at once instead of queueing behind the model. ``max_waiting``
(``BRIEFS_MAX_QUEUE_DEPTH``) still bounds everything waiting for the model, async jobs included.

Within that ceiling the number admitted follows the generations' latency (``admission.py``): on a
machine too slow to serve ``slots`` requests within half the deadline, fewer are admitted and the
rest get the fast 503 instead of a 504 a minute later.

Generation runs on a thread of this gate's pool with a ``models.deadline.Deadline`` bound to it; the
request thread waits at most ``timeout_s``. At the deadline the request answers 504 and the
generation stops at its next check (between pipeline stages, micro-batcher rounds, model batches):
a request nobody waits for no longer keeps the model busy. Async jobs and Slack answers
(``run_background``) run on their caller's thread under a longer budget, ``background_budget_s``.
``model_lock`` makes one generation run per process at a time when micro-batching is off; with it
on it is a no-op and the batcher's single model thread gives the same guarantee.
"""
from __future__ import annotations

import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Callable, TypeVar

from prometheus_client import Counter

from models.deadline import Deadline, bound
from service.errors import DeadlineExceeded
from service.http.admission import AdaptiveLimit
from service.http.metrics import QUEUE_DEPTH
from service.http.problems import Overloaded, RequestTimedOut

T = TypeVar("T")
REFUSED = Counter("briefs_generation_refused_total", "Fresh requests answered 503 at once: every generation slot was busy")
STOPPED = Counter("briefs_generations_stopped_total", "Generations stopped at their deadline (the client got a 504, or a job's budget ran out)")


def background_budget(request_timeout_s: float) -> float:
    """Seconds an async job's (or a Slack answer's) generation may run: ten synchronous deadlines, at
    least 10 minutes (the RQ job timeout is the same)."""
    return max(600.0, 10 * request_timeout_s)


class GenerationGate:
    def __init__(self, max_waiting: int, timeout_s: float, retry_after_s: int = 5, serialize: bool = True,
                 slots: int | None = None, background_budget_s: float | None = None):
        self.max_waiting = max_waiting
        self.slots = max(1, slots if slots is not None else max_waiting + 1)
        self.limit = AdaptiveLimit(self.slots, target_s=timeout_s / 2)
        self.timeout_s = timeout_s
        self.retry_after_s = retry_after_s
        self.background_budget_s = background_budget(timeout_s) if background_budget_s is None else background_budget_s
        # serialize=False (BRIEFS_MICROBATCH): requests reach the model wrapper together and the
        # micro-batcher (models/batcher.py), which makes every model call on one thread, merges them.
        self.model_lock: Any = threading.Lock() if serialize else contextlib.nullcontext()
        self._count_lock = threading.Lock()
        self._pending = 0  # synchronous and background calls waiting for or running a generation
        self._sync = 0  # synchronous calls among them (each holds a request thread)
        self._pool = ThreadPoolExecutor(max_workers=self.slots, thread_name_prefix="generate")

    @property
    def pending(self) -> int:
        return self._pending

    def _enter(self) -> None:
        with self._count_lock:
            if self._sync >= self.limit.current or self._pending > self.max_waiting:
                REFUSED.inc()
                raise Overloaded(
                    f"This worker is generating all it can answer within its deadline ({self._sync} of at most "
                    f"{self.slots} requests; {self._pending} waiting for or running the model); retry shortly, "
                    "or send it with ?async=true.",
                    retry_after=self.retry_after_s,
                )
            self._pending += 1
            self._sync += 1
        QUEUE_DEPTH.inc()

    def _leave(self, sync: bool) -> None:
        with self._count_lock:
            self._pending -= 1
            self._sync -= sync
        QUEUE_DEPTH.dec()

    def run(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` under admission control and the request deadline (synchronous requests)."""
        self._enter()
        deadline = Deadline(self.timeout_s)
        started = time.monotonic()
        try:
            future = self._pool.submit(_within, deadline, fn)
        except BaseException:
            self._leave(True)
            raise

        def ended(_: object) -> None:
            self.limit.observe(time.monotonic() - started, timed_out=deadline.expired())
            self._leave(True)

        future.add_done_callback(ended)
        try:
            return future.result(timeout=self.timeout_s)
        except (FutureTimeout, DeadlineExceeded):
            deadline.cancel()
            raise RequestTimedOut(
                f"No answer within {self.timeout_s:g} s (BRIEFS_REQUEST_TIMEOUT); the generation was stopped. "
                "Send a long article with ?async=true."
            ) from None

    def run_background(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the calling thread (async jobs, Slack): counted in the depth, never refused,
        stopped when ``background_budget_s`` has passed (``DeadlineExceeded``, 504 in the job's record)."""
        with self._count_lock:
            self._pending += 1
        QUEUE_DEPTH.inc()
        try:
            deadline = Deadline(self.background_budget_s, reason=f"the job's {self.background_budget_s:g} s budget ran out")
            return _within(deadline, fn)
        finally:
            self._leave(False)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _within(deadline: Deadline, fn: Callable[[], T]) -> T:
    with bound(deadline):
        try:
            return fn()
        except DeadlineExceeded:
            STOPPED.inc()
            raise
