"""Readiness: the default model loaded and one warm-up generation done, checked in the background.

The warm-up runs on a daemon thread (at worker start when ``BRIEFS_WARMUP`` is on, else on the
first ``/readyz`` probe). A failure (say, the model is not downloaded) is kept as the reason
``/readyz`` reports; the worker keeps serving and tries again after ``retry_s``: never a crash loop.
"""
from __future__ import annotations

import logging
import threading
import time

from service.errors import BriefError
from service.pipeline.brief import BriefPipeline
from service.pipeline.language import identify

log = logging.getLogger(__name__)
WARMUP_TEXT = "भारत की राजधानी नई दिल्ली है।"


class Readiness:
    def __init__(self, pipeline: BriefPipeline, retry_s: float = 30.0):
        self.pipeline = pipeline
        self.retry_s = retry_s
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._ready = False
        self._reason = "warm-up not started"
        self._failed_at: float | None = None

    def start(self) -> None:
        with self._lock:
            if self._ready or (self._thread is not None and self._thread.is_alive()):
                return
            if self._failed_at is not None and time.monotonic() - self._failed_at < self.retry_s:
                return
            self._reason = "loading the model and running a warm-up generation"
            self._thread = threading.Thread(target=self._warm_up, name="warmup", daemon=True)
            self._thread.start()

    def status(self) -> tuple[bool, str]:
        """(ready, reason); starts or retries the warm-up when none is running."""
        if not self._ready:
            self.start()
        return self._ready, ("ready" if self._ready else self._reason)

    def _warm_up(self) -> None:
        name = self.pipeline.settings.model
        started = time.perf_counter()
        try:
            identify(WARMUP_TEXT)  # the language model too: ~1 s once, and it needs a temp file
            generator = self.pipeline.models(name)
            task = "translate" if "translate" in generator.info.tasks else "summarize"
            generator.generate([WARMUP_TEXT], task, self.pipeline.decode_options)
        except BriefError as exc:
            self._fail(exc.detail)
        except Exception as exc:
            log.exception("warm-up failed")
            self._fail(f"warm-up generation failed: {type(exc).__name__}: {exc}")
        else:
            self._ready = True
            log.info("model %s ready after %.1f s", name, time.perf_counter() - started)

    def _fail(self, reason: str) -> None:
        self._reason = reason
        self._failed_at = time.monotonic()
        log.warning("not ready: %s", reason)
