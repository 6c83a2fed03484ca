"""How many synchronous generations a worker admits now: AIMD on their observed latency.

A fixed number of slots admits as many requests on a machine that generates 0.3 articles a second
as on one that generates 3; on the slow one the admitted requests then run into their deadline
(504), which is worse for a client than a fast 503. So the limit starts at ``ceiling``
(``BRIEFS_THREADS``) and follows what generations take: one that took longer than ``target_s``
(half the request deadline) lowers it by a fifth, a timed-out one halves it, and every generation
back within the target raises it by 1/limit (about one slot per limit-many completions), up to the
ceiling again. It never goes below one: a worker always admits something, and learns from it.
This is TCP's congestion control (additive increase, multiplicative decrease) applied to requests.
"""
from __future__ import annotations

import threading


class AdaptiveLimit:
    def __init__(self, ceiling: int, target_s: float):
        self.ceiling = max(1, ceiling)
        self.target_s = target_s
        self._value = float(self.ceiling)
        self._lock = threading.Lock()

    @property
    def current(self) -> int:
        """Synchronous generations to admit at once now (1 .. ceiling)."""
        return max(1, int(self._value))

    def observe(self, seconds: float, timed_out: bool) -> None:
        """One generation ended after ``seconds`` (``timed_out``: at its deadline)."""
        with self._lock:
            if timed_out:
                self._value = max(1.0, self._value / 2)
            elif seconds > self.target_s:
                self._value = max(1.0, self._value * 0.8)
            else:
                self._value = min(float(self.ceiling), self._value + 1 / self._value)
