"""Micro-batching across requests: a ``Generator`` wrapper that merges concurrent ``generate`` calls.

Each gunicorn worker serves several requests on threads. Without this wrapper every request runs
its own small model call (one article: a title and ~5 bullets); with it, the calls that arrive
within ``wait_ms`` of the first waiting one (or until ``max_inputs`` inputs are waiting) are
concatenated and generated in ONE call of the wrapped generator, which sorts them by length and
runs them in batches of its ``batch_size``. Each caller gets back exactly its own outputs.

* Calls are grouped by (task, options): only calls that would decode identically are merged.
  Calls of another group wait, in arrival order, for the next round.
* One batcher thread (started lazily, so never in a process that forks afterwards) makes every
  model call: generations in a process are serialized, so torch's threads never oversubscribe.
* Errors are isolated per caller: if a merged call fails, each caller's inputs are generated again
  on their own, so a bad input fails only its own request.
* A caller with more than ``max_inputs`` inputs is never split; it forms a round of its own.
* Deadlines (``models.deadline``): a call whose request gave up (504, or its deadline passed) while
  it waited is taken off the queue and never generated; the caller's thread wakes at its deadline
  rather than when the model gets to it. A round runs under ``AllOf`` its callers' deadlines, so
  the wrapped generator stops between batches once every caller has given up, never earlier.
"""
from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Sequence

from models import deadline
from models.base import DecodeOptions, Generator, ModelInfo, Task
from models.priority import lower_model_threads
from service.errors import DeadlineExceeded

log = logging.getLogger(__name__)

DEFAULT_WAIT_MS = 5.0
DEFAULT_MAX_INPUTS = 128


@dataclass(eq=False)
class _Call:
    texts: list[str]
    task: Task
    options: DecodeOptions
    deadline: deadline.Expiring | None = None
    done: threading.Event = field(default_factory=threading.Event)
    wake: threading.Event = field(default_factory=threading.Event)  # done, or its request gave up
    result: list[str] | None = None
    error: BaseException | None = None

    @property
    def key(self) -> tuple[str, DecodeOptions]:
        return (self.task, self.options)


@dataclass
class BatcherStats:
    """Counters for tests, the benchmark and debugging (not thread-exact under contention)."""

    calls: int = 0  # generate() calls received
    rounds: int = 0  # model calls made by the batcher (merged)
    inputs: int = 0
    largest_round: int = 0  # most callers merged into one model call
    fallbacks: int = 0  # merged calls that failed and were retried caller by caller
    dropped: int = 0  # calls taken off the queue, never generated: their request had given up


class MicroBatcher:
    """``Generator`` that merges concurrent calls into one call of ``inner``; see the module docstring."""

    def __init__(self, inner: Generator, wait_ms: float = DEFAULT_WAIT_MS, max_inputs: int = DEFAULT_MAX_INPUTS,
                 nice: int = 0):
        """``nice``: CPU priority of the model's threads (``models.priority``; 0 leaves it)."""
        if wait_ms < 0:
            raise ValueError(f"wait_ms must be >= 0, got {wait_ms}")
        if max_inputs < 1:
            raise ValueError(f"max_inputs must be >= 1, got {max_inputs}")
        self.inner = inner
        self.info: ModelInfo = inner.info
        self.wait_s = wait_ms / 1000.0
        self.max_inputs = max_inputs
        self.nice = nice
        self.stats = BatcherStats()
        self._closed = False
        self._reset()
        # A process forked from this one (RQ work-horse, multiprocessing) starts with no batcher
        # thread and possibly a lock held by it: give the child fresh state, started on first use.
        ref = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: (b := ref()) is not None and b._reset())

    def _reset(self) -> None:
        self._queue: deque[_Call] = deque()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    # -- the Generator interface -----------------------------------------------------------------

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def __getattr__(self, name: str) -> Any:
        # Anything else the wrapped backend offers (split, max_new_tokens, model...) passes through.
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def generate(
        self, texts: Sequence[str], task: Task = "translate", options: DecodeOptions | None = None
    ) -> list[str]:
        texts = list(texts)
        if not texts:
            return []
        deadline.check()
        call = _Call(texts, task, options or DecodeOptions(), deadline.current())
        with self._cond:
            if self._closed:
                raise RuntimeError("the micro-batcher is closed")
            self.stats.calls += 1
            self._ensure_thread()
            self._queue.append(call)
            self._cond.notify_all()
        self._wait(call)
        if call.error is not None:
            raise call.error
        assert call.result is not None
        return call.result

    def _wait(self, call: _Call) -> None:
        """Until the call is done; at its deadline, withdraw it if the model has not taken it yet."""
        remaining = getattr(call.deadline, "remaining", lambda: None)
        getattr(call.deadline, "on_cancel", lambda listener: None)(call.wake.set)
        while not call.done.is_set():
            call.wake.wait(timeout=_poll(remaining()))
            if call.done.is_set() or call.deadline is None or not call.deadline.expired():
                call.wake.clear()
                continue
            with self._cond:
                if any(c is call for c in self._queue):
                    self._queue = deque(c for c in self._queue if c is not call)
                    self._drop(call)
                    return
            call.done.wait()  # its round is running: the generator stops once every caller has given up
            return

    def _drop(self, call: _Call) -> None:
        self.stats.dropped += 1
        self._finish(call, error=DeadlineExceeded("Generation stopped: the request gave up before the model reached it."))

    def close(self) -> None:
        """Stop the batcher thread after the calls already queued (tests; process exit needs nothing)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=60)

    # -- the batcher thread ------------------------------------------------------------------------

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._loop, name="microbatcher", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        lower_model_threads(self.nice)
        while True:
            with self._cond:
                while not self._queue and not self._closed:
                    self._cond.wait()
                if not self._queue:
                    return  # closed and drained
                group = self._gather()
            self._run(group)

    def _gather(self) -> list[_Call]:
        """Wait (holding the condition) up to ``wait_s`` after the oldest call, then take one round."""
        expired = [c for c in self._queue if c.deadline is not None and c.deadline.expired()]
        if expired:
            self._queue = deque(c for c in self._queue if not any(c is e for e in expired))
            for call in expired:
                self._drop(call)
        if not self._queue:
            return []
        first = self._queue[0]
        wait_until = time.monotonic() + self.wait_s
        while not self._closed:
            waiting = sum(len(c.texts) for c in self._queue if c.key == first.key)
            remaining = wait_until - time.monotonic()
            if waiting >= self.max_inputs or remaining <= 0:
                break
            self._cond.wait(remaining)
        group, size, keep = [], 0, deque()
        for call in self._queue:
            fits = not group or size + len(call.texts) <= self.max_inputs
            if call.key == first.key and fits:
                group.append(call)
                size += len(call.texts)
            else:
                keep.append(call)
        self._queue = keep
        return group

    def _run(self, group: list[_Call]) -> None:
        if not group:
            return
        task, options = group[0].key
        texts = [t for call in group for t in call.texts]
        self.stats.rounds += 1
        self.stats.inputs += len(texts)
        self.stats.largest_round = max(self.stats.largest_round, len(group))
        try:
            with deadline.bound(deadline.AllOf([call.deadline for call in group])):
                outputs = self.inner.generate(texts, task, options)
            if len(outputs) != len(texts):
                raise RuntimeError(f"model returned {len(outputs)} outputs for {len(texts)} inputs")
        except BaseException as exc:  # noqa: BLE001 - every caller must be woken, whatever happened
            if len(group) == 1 or isinstance(exc, DeadlineExceeded):  # every caller gave up: none to retry
                for call in group:
                    self._finish(call, error=exc)
                return
            log.warning("merged generation of %d calls failed (%s); retrying call by call", len(group), exc)
            self.stats.fallbacks += 1
            for call in group:
                self._run_alone(call)
            return
        start = 0
        for call in group:
            self._finish(call, result=list(outputs[start : start + len(call.texts)]))
            start += len(call.texts)

    def _run_alone(self, call: _Call) -> None:
        try:
            with deadline.bound(call.deadline):
                outputs = self.inner.generate(call.texts, call.task, call.options)
            if len(outputs) != len(call.texts):
                raise RuntimeError(f"model returned {len(outputs)} outputs for {len(call.texts)} inputs")
        except BaseException as exc:  # noqa: BLE001
            self._finish(call, error=exc)
        else:
            self._finish(call, result=list(outputs))

    @staticmethod
    def _finish(call: _Call, result: list[str] | None = None, error: BaseException | None = None) -> None:
        call.result, call.error = result, error
        call.done.set()
        call.wake.set()


def _poll(remaining: float | None) -> float | None:
    """How long a waiting caller sleeps before looking at its deadline again."""
    return None if remaining is None else remaining + 0.001
