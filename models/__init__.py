"""Model layer: load a ``Generator`` for a ``ModelSpec`` and keep loaded ones in a registry."""
from __future__ import annotations

from models.base import DecodeOptions, Generator, ModelInfo, ModelSpec, Task
from service.errors import UnsupportedOption

BACKENDS = ("auto", "transformers", "ctranslate2")
_PRELOADED: dict[tuple[ModelSpec, int], Generator] = {}


def preload(spec: ModelSpec, batch_size: int = 32) -> Generator:
    """Load now and hand this very generator to later ``load_generator`` calls in this process and
    in processes forked from it: gunicorn's master preloads the default model so that its workers
    share the weights copy-on-write instead of each holding a copy."""
    generator = load_generator(spec, batch_size)
    _PRELOADED[(spec, batch_size)] = generator
    return generator


def load_generator(spec: ModelSpec, batch_size: int = 32) -> Generator:
    """Load the model ``spec`` names with its backend, from local files only (``models.loader``).
    Raises ModelUnavailable (``ModelNotDownloaded`` when a download would help) / UnsupportedOption."""
    preloaded = _PRELOADED.get((spec, batch_size))
    if preloaded is not None:
        return preloaded
    if spec.backend == "auto":
        from models.engine import load_auto

        return load_auto(spec, batch_size)
    if spec.backend == "transformers":
        from models.hf import TransformersGenerator

        return TransformersGenerator.from_spec(spec, batch_size=batch_size)
    if spec.backend == "ctranslate2":
        from models.ct2 import Ct2Generator

        return Ct2Generator.from_spec(spec, batch_size=batch_size)
    raise UnsupportedOption(
        f"Backend {spec.backend!r} is not available; supported backends: {', '.join(BACKENDS)}."
    )


from models.registry import ModelRegistry  # noqa: E402  (it loads through load_generator above)

__all__ = ["DecodeOptions", "Generator", "ModelInfo", "ModelRegistry", "ModelSpec", "Task", "load_generator", "preload"]
