"""Model layer: load a ``Generator`` for a ``ModelSpec`` and keep loaded ones in a registry."""
from __future__ import annotations

import threading
from typing import Callable

from models.base import DecodeOptions, Generator, ModelInfo, ModelSpec, Task
from service.errors import UnsupportedOption

BACKENDS = ("transformers", "ctranslate2")
_PRELOADED: dict[tuple[ModelSpec, int], Generator] = {}


def preload(spec: ModelSpec, batch_size: int = 32) -> Generator:
    """Load now and hand this very generator to later ``load_generator`` calls in this process and
    in processes forked from it: gunicorn's master preloads the default model so that its workers
    share the weights copy-on-write instead of each holding a copy."""
    generator = load_generator(spec, batch_size)
    _PRELOADED[(spec, batch_size)] = generator
    return generator


def load_generator(spec: ModelSpec, batch_size: int = 32) -> Generator:
    """Load the model ``spec`` names with its backend. Raises ModelUnavailable / UnsupportedOption."""
    preloaded = _PRELOADED.get((spec, batch_size))
    if preloaded is not None:
        return preloaded
    if spec.backend == "transformers":
        from models.hf import TransformersGenerator

        return TransformersGenerator.from_spec(spec, batch_size=batch_size)
    if spec.backend == "ctranslate2":
        from models.ct2 import Ct2Generator

        return Ct2Generator.from_spec(spec, batch_size=batch_size)
    raise UnsupportedOption(
        f"Backend {spec.backend!r} is not available; supported backends: {', '.join(BACKENDS)}."
    )


class ModelRegistry:
    """Thread-safe lazy cache of loaded generators, keyed by (name, revision, backend).

    ``spec_for(name)`` turns a model name into its full ``ModelSpec`` (device, dtype, revision...);
    which names a request may use is the caller's policy. ``get(name)`` loads on first use, and
    concurrent first callers for the same model wait for one load instead of loading it several
    times. A failed load is not cached, so a later call retries (e.g. after a prefetch).
    """

    def __init__(
        self,
        spec_for: Callable[[str], ModelSpec],
        *,
        batch_size: int = 32,
        loader: Callable[[ModelSpec, int], Generator] = load_generator,
    ):
        self._spec_for = spec_for
        self.batch_size = batch_size
        self._loader = loader
        self._loaded: dict[tuple[str, str | None, str], Generator] = {}
        self._locks: dict[tuple[str, str | None, str], threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, name: str) -> Generator:
        spec = self._spec_for(name)
        key = (spec.name_or_path, spec.revision, spec.backend)
        generator = self._loaded.get(key)
        if generator is not None:
            return generator
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            generator = self._loaded.get(key)
            if generator is None:
                generator = self._loader(spec, self.batch_size)
                self._loaded[key] = generator
        return generator

    def loaded(self) -> list[ModelInfo]:
        """Info of every model loaded so far, in load order."""
        return [g.info for g in list(self._loaded.values())]


__all__ = ["DecodeOptions", "Generator", "ModelInfo", "ModelRegistry", "ModelSpec", "Task", "load_generator", "preload"]
