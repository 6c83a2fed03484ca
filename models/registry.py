"""The registry of loaded generators: load once, fail fast, download apart, retry with back-off.

``get(name)`` returns the loaded generator, or loads it from local files (seconds) under a
per-model lock, so concurrent first callers wait for one load. Loading never touches the network
(``models.loader``). What happens when the model is not there:

* A failure is kept with a bounded back-off (1, 2, 4 ... ``retry_max_s`` seconds). Until the next
  attempt is due, ``get`` raises it again at once (``retry_after`` says when to come back) instead
  of trying again for every caller; the first call after that tries again, so a model directory
  placed later is picked up without a restart.
* A hub model missing from the local cache (``ModelNotDownloaded``) is downloaded: inline
  (``background=False``: the CLI, which waits), or on a background thread that retries with the
  same back-off (``background=True``: servers), while ``get`` answers at once that it is
  downloading, with the last failure and its fix. Once downloaded, that thread loads the model.
"""
from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from models.base import Generator, ModelInfo, ModelSpec
from service.errors import BriefError, ModelNotDownloaded

Key = tuple[str, str | None, str]
FIRST_RETRY_S = 1.0


@dataclass
class _Slot:
    name: str
    lock: threading.Lock = field(default_factory=threading.Lock)
    generator: Generator | None = None
    error: BriefError | None = None
    failures: int = 0
    retry_at: float = 0.0
    fetching: bool = False
    fetch_attempts: int = 0


def backoff(failures: int, cap: float) -> float:
    """Seconds before attempt ``failures + 1``: 1, 2, 4 ... never more than ``cap``."""
    return min(cap, FIRST_RETRY_S * 2 ** max(0, failures - 1))


def _download(spec: ModelSpec) -> None:
    from models.prefetch import prefetch

    prefetch(spec.name_or_path, spec.revision)


class ModelRegistry:
    """Thread-safe lazy cache of loaded generators, keyed by (name, revision, backend); see the module
    docstring. ``spec_for(name)`` turns a model name into its full ``ModelSpec``; which names a
    request may use is the caller's policy."""

    def __init__(
        self,
        spec_for: Callable[[str], ModelSpec],
        *,
        batch_size: int = 32,
        loader: Callable[[ModelSpec, int], Generator] | None = None,
        background: bool = False,
        retry_max_s: float = 15.0,
        download: Callable[[ModelSpec], None] = _download,
    ):
        from models import load_generator

        self._spec_for = spec_for
        self.batch_size = batch_size
        self._loader = loader or load_generator
        self.background = background
        self.retry_max_s = retry_max_s
        self._download = download
        self._slots: dict[Key, _Slot] = {}
        self._order: list[Key] = []
        self._guard = threading.Lock()

    def get(self, name: str) -> Generator:
        spec = self._spec_for(name)
        slot = self._slot(name, spec)
        if slot.generator is not None:
            return slot.generator
        self._raise_while_waiting(slot)
        with slot.lock:
            if slot.generator is not None:
                return slot.generator
            self._raise_while_waiting(slot)
            try:
                generator = self._load(spec, slot)
            except BriefError as exc:
                self._record(slot, exc)
                raise self._current(slot) from exc
            slot.generator, slot.error, slot.failures = generator, None, 0
            with self._guard:
                self._order.append((spec.name_or_path, spec.revision, spec.backend))
        return generator

    def loaded(self) -> list[ModelInfo]:
        """Info of every model loaded so far, in load order."""
        return [g.info for k in list(self._order) if (g := self._slots[k].generator) is not None]

    # -- loading ---------------------------------------------------------------------------------

    def _slot(self, name: str, spec: ModelSpec) -> _Slot:
        key = (spec.name_or_path, spec.revision, spec.backend)
        with self._guard:
            return self._slots.setdefault(key, _Slot(name))

    def _load(self, spec: ModelSpec, slot: _Slot) -> Generator:
        try:
            return self._loader(spec, self.batch_size)
        except ModelNotDownloaded:
            if self.background:
                self._start_download(spec, slot)
                raise
        self._download(spec)  # the CLI waits for the hub (and its own retries)
        return self._loader(spec, self.batch_size)

    def _raise_while_waiting(self, slot: _Slot) -> None:
        if slot.fetching or (slot.error is not None and time.monotonic() < slot.retry_at):
            raise self._current(slot)

    def _record(self, slot: _Slot, exc: BriefError) -> None:
        if not slot.fetching:
            slot.failures += 1
            slot.error = exc
            slot.retry_at = time.monotonic() + backoff(slot.failures, self.retry_max_s)
        elif slot.error is None:
            slot.error = exc

    def _current(self, slot: _Slot) -> BriefError:
        """The kept failure, saying what the service does about it and when to come back."""
        assert slot.error is not None
        error = copy.copy(slot.error)
        if self.background:
            wait = max(1, round(slot.retry_at - time.monotonic()))
            if slot.fetching and slot.retry_at > time.monotonic():
                note = f"Downloading it again in the background in {wait} s (attempt {slot.fetch_attempts} failed)."
            elif slot.fetching:
                note = f"Downloading it in the background now (attempt {max(1, slot.fetch_attempts)}); retry shortly."
            else:
                note = f"Trying again in the background; next attempt in {wait} s."
            error.detail = f"{slot.error.detail} {note}"
            error.args = (error.detail,)
            error.reason = slot.error.detail  # type: ignore[attr-defined]  # without the changing note
            error.retry_after = wait  # type: ignore[attr-defined]
        return error

    # -- background downloads ----------------------------------------------------------------------

    def _start_download(self, spec: ModelSpec, slot: _Slot) -> None:
        with self._guard:
            if slot.fetching:
                return
            slot.fetching = True
        threading.Thread(target=self._download_until_done, args=(spec, slot), name="model-download",
                         daemon=True).start()

    def _download_until_done(self, spec: ModelSpec, slot: _Slot) -> None:
        while True:
            slot.fetch_attempts += 1
            slot.retry_at = 0.0
            try:
                self._download(spec)
                break
            except BriefError as exc:
                from models.loader import unavailable

                reason = _first_line(exc.__cause__ or exc)
                slot.error = unavailable(spec.name_or_path, f"it is not in the local Hugging Face cache, and the "
                                                            f"download failed ({reason})")
                delay = backoff(slot.fetch_attempts, self.retry_max_s)
                slot.retry_at = time.monotonic() + delay
                time.sleep(delay)
        slot.fetching, slot.failures, slot.retry_at = False, 0, 0.0
        try:
            self.get(slot.name)  # load it now, so it is ready before anyone asks
        except BriefError:
            pass  # kept in the slot: the next caller gets it


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
    return first if len(first) <= 200 else first[:197] + "..."
