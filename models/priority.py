"""CPU priority of the model's threads: generation yields the cores to request threads.

On Linux ``nice`` is per thread. The micro-batcher's thread makes every model call of its process;
it lowers its own priority and that of the engine's native threads (CTranslate2's worker and
OpenMP threads: every thread of the process that Python did not start), and threads the engine
creates later inherit it. Request threads (cache hits, health checks, metrics) keep the normal
priority, so on saturated cores the scheduler runs them as soon as they are runnable instead of
giving the model its fair share first. Only ever lowers: raising needs privileges. Elsewhere
(no ``/proc``, no ``setpriority``) it does nothing.
"""
from __future__ import annotations

import logging
import os
import threading

log = logging.getLogger(__name__)


def _lower(tid: int, nice: int) -> bool:
    try:
        if os.getpriority(os.PRIO_PROCESS, tid) < nice:
            os.setpriority(os.PRIO_PROCESS, tid, nice)
        return True
    except (AttributeError, OSError):
        return False


def lower_model_threads(nice: int) -> int:
    """Give the calling thread and every native (non-Python) thread of this process ``nice``; returns
    how many threads were lowered (0 when ``nice`` <= 0 or the platform cannot)."""
    if nice <= 0:
        return 0
    lowered = int(_lower(threading.get_native_id(), nice))
    try:
        tasks = [int(t) for t in os.listdir("/proc/self/task")]
    except OSError:
        return lowered
    python = {t.native_id for t in threading.enumerate()}
    lowered += sum(_lower(tid, nice) for tid in tasks if tid not in python)
    log.info("model threads at nice %d: %d threads", nice, lowered)
    return lowered
