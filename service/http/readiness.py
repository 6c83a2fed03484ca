"""Readiness: the default model loaded and one warm-up generation done, reached in the background.

A daemon thread (started at worker start when ``BRIEFS_WARMUP`` is on, else by the first
``/readyz`` probe) loads the model and runs one generation. While the model cannot be had (not
downloaded, no hub, a directory not there yet) it keeps the reason, which ``/readyz`` reports with
its fix, and tries again with a bounded back-off (the registry's ``retry_after``, at most
``retry_max_s``): a model placed or downloaded later is picked up without a restart, the worker
keeps serving meanwhile, and nothing ever crash-loops.
"""
from __future__ import annotations

import logging
import threading
import time

from models.registry import backoff
from service.errors import BriefError
from service.pipeline.brief import BriefPipeline
from service.pipeline.language import identify

log = logging.getLogger(__name__)
WARMUP_TEXT = "भारत की राजधानी नई दिल्ली है।"


class Readiness:
    def __init__(self, pipeline: BriefPipeline, retry_max_s: float | None = None):
        self.pipeline = pipeline
        self.retry_max_s = pipeline.settings.model_retry_max_s if retry_max_s is None else retry_max_s
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._ready = False
        self._reason = "warm-up not started"
        self._retry_after: float | None = None  # what the last failure asked for (models/registry.py)
        self._cause = ""

    def start(self) -> None:
        with self._lock:
            if self._ready or (self._thread is not None and self._thread.is_alive()):
                return
            self._reason = "loading the model and running a warm-up generation"
            self._thread = threading.Thread(target=self._until_ready, name="warmup", daemon=True)
            self._thread.start()

    def status(self) -> tuple[bool, str]:
        """(ready, reason); starts the warm-up when none is running."""
        if not self._ready:
            self.start()
        return self._ready, ("ready" if self._ready else self._reason)

    def _until_ready(self) -> None:
        failures = 0
        while not self._warm_up():
            failures += 1
            time.sleep(min(self.retry_max_s, self._retry_after or backoff(failures, self.retry_max_s)))

    def _warm_up(self) -> bool:
        name = self.pipeline.settings.model
        started = time.perf_counter()
        self._retry_after = None
        try:
            identify(WARMUP_TEXT)  # the language model too: ~1 s once, and it needs a temp file
            generator = self.pipeline.models(name)
            task = "translate" if "translate" in generator.info.tasks else "summarize"
            generator.generate([WARMUP_TEXT], task, self.pipeline.decode_options)
        except BriefError as exc:
            self._retry_after = getattr(exc, "retry_after", None)
            return self._fail(exc.detail, getattr(exc, "reason", exc.detail))
        except Exception as exc:
            log.exception("warm-up failed")
            return self._fail(f"warm-up generation failed: {type(exc).__name__}: {exc}")
        self._ready = True
        info = generator.info
        log.info("model %s ready after %.1f s (engine %s on %s)", name, time.perf_counter() - started, info.backend,
                 info.device)
        return True

    def _fail(self, reason: str, cause: str | None = None) -> bool:
        """Keep ``reason`` for /readyz; log it when its ``cause`` changes (not at every retry)."""
        if (cause or reason) != self._cause:
            log.warning("not ready: %s", reason)
        self._reason, self._cause = reason, cause or reason
        return False
