"""How long a generation may still run: a request's deadline, carried to the model layer.

The HTTP gate binds a ``Deadline`` to the thread that runs a request's generation (a context
variable, so nothing in between changes its signature); the pipeline, the micro-batcher and the
generators call ``check()`` between stages, rounds and batches. A deadline that has passed, or was
cancelled (its client got a 504 and left), stops the work at the next check with
``DeadlineExceeded``: a request nobody waits for no longer keeps the model busy.

A micro-batcher round serves several requests at once; it binds ``AllOf`` their deadlines, which
expires only when every one of them has, so one impatient caller never stops the others' work.
"""
from __future__ import annotations

import contextlib
import threading
import time
from contextvars import ContextVar
from typing import Callable, Iterator, Protocol, Sequence

from service.errors import DeadlineExceeded


class Expiring(Protocol):
    def expired(self) -> bool: ...


class Deadline:
    """``seconds`` from now (None: never), or earlier when ``cancel()`` is called."""

    def __init__(self, seconds: float | None, reason: str = "the request's time ran out (BRIEFS_REQUEST_TIMEOUT)"):
        self.at = None if seconds is None else time.monotonic() + seconds
        self.reason = reason
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], object]] = []

    def cancel(self) -> None:
        with self._lock:
            self._cancelled.set()
            listeners, self._listeners = self._listeners, []
        for listener in listeners:
            listener()

    def on_cancel(self, listener: Callable[[], object]) -> None:
        """Call ``listener`` when ``cancel()`` is called (at once if it was already): wakes a waiter."""
        with self._lock:
            if not self._cancelled.is_set():
                self._listeners.append(listener)
                return
        listener()

    def expired(self) -> bool:
        return self._cancelled.is_set() or (self.at is not None and time.monotonic() >= self.at)

    def remaining(self) -> float | None:
        """Seconds left (0 once expired); None for a deadline that never comes."""
        if self._cancelled.is_set():
            return 0.0
        return None if self.at is None else max(0.0, self.at - time.monotonic())


class AllOf:
    """Expired when every one of ``deadlines`` is; a caller without a deadline keeps it alive."""

    def __init__(self, deadlines: Sequence[Expiring | None]):
        self.deadlines = list(deadlines)
        self.reason = "every request waiting for this generation gave up"

    def expired(self) -> bool:
        return bool(self.deadlines) and all(d is not None and d.expired() for d in self.deadlines)


_current: ContextVar[Expiring | None] = ContextVar("briefs_deadline", default=None)


def current() -> Expiring | None:
    """The deadline bound to this thread's work, if any."""
    return _current.get()


@contextlib.contextmanager
def bound(deadline: Expiring | None) -> Iterator[None]:
    """Bind ``deadline`` to the work done inside the block (on this thread)."""
    token = _current.set(deadline)
    try:
        yield
    finally:
        _current.reset(token)


def check() -> None:
    """Raise ``DeadlineExceeded`` when the bound deadline has passed (no deadline: never)."""
    deadline = _current.get()
    if deadline is not None and deadline.expired():
        raise DeadlineExceeded(f"Generation stopped: {getattr(deadline, 'reason', 'its deadline passed')}.")
