"""``BRIEFS_BACKEND=auto``: which engine runs a model, and why.

On CPU, for the architectures CTranslate2 runs (Marian, M2M100/NLLB, mT5/T5), the engine is an
int8 CTranslate2 copy of the configured checkpoint (``models.conversions``: converted once, kept
beside the model); it generated 1.8-2.9x faster than transformers float32 in the benchmark
(docs/performance.md). Everything else stays on transformers: a GPU (CTranslate2 float16 there is
not measured yet: ``python -m bench --device cuda`` does), an explicit torch dtype, IndictTrans2's
own code, a missing ``ctranslate2`` package. A failed conversion falls back to transformers,
logged once per process and model; the user never sees an error for it.
"""
from __future__ import annotations

import importlib.util
import json
import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace

from models import conversions
from models.base import Generator, ModelSpec
from models.loader import locate
from service.errors import UnsupportedOption

log = logging.getLogger(__name__)
CT2_ARCHITECTURES = frozenset({"marian", "m2m100", "mt5"})
_failed: dict[tuple[str, str | None], str] = {}  # conversions that failed in this process, and why
_failed_lock = threading.Lock()


@dataclass(frozen=True)
class EngineChoice:
    backend: str  # transformers | ctranslate2
    reason: str
    copy: Path | None = None  # the CTranslate2 copy (ctranslate2 only)
    copy_exists: bool = False


def choose(spec: ModelSpec, source: Path) -> EngineChoice:
    """The engine for ``spec`` whose checkpoint is in ``source`` (local); reads config.json only."""
    if spec.backend != "auto":
        return EngineChoice(spec.backend, f"BRIEFS_BACKEND={spec.backend}")
    if spec.dtype != "auto":
        return EngineChoice("transformers", f"auto: BRIEFS_DTYPE={spec.dtype} asks for a torch dtype")
    if spec.device != "cpu" and (spec.device != "auto" or _gpu_visible()):
        return EngineChoice("transformers", f"auto: device {spec.device} is a GPU (CTranslate2 is chosen on CPU only "
                                            "until `python -m bench --device cuda` measures it there)")
    architecture = _architecture(spec.name_or_path, source)
    if architecture not in CT2_ARCHITECTURES:
        return EngineChoice("transformers", f"auto: CTranslate2 does not run {architecture} models")
    if importlib.util.find_spec("ctranslate2") is None:
        return EngineChoice("transformers", "auto: the ctranslate2 package is not installed")
    failed = _failed.get((spec.name_or_path, spec.revision))
    if failed:
        return EngineChoice("transformers", f"auto: the CTranslate2 conversion failed ({failed})")
    fallback = Path(spec.converted_dir) if spec.converted_dir else None
    found = conversions.find(spec.name_or_path, spec.revision, source, fallback)
    copy = found or conversions.planned(spec.name_or_path, spec.revision, source, fallback)
    return EngineChoice("ctranslate2", f"auto: CPU and a {architecture} model, which CTranslate2 runs in int8",
                        copy, found is not None)


def describe(spec: ModelSpec) -> EngineChoice:
    """``choose`` for a model that may not be available yet (``python -m service config``)."""
    from service.errors import ModelUnavailable

    try:
        return choose(spec, locate(spec))
    except ModelUnavailable as exc:
        if spec.backend != "auto":
            return EngineChoice(spec.backend, f"BRIEFS_BACKEND={spec.backend}")
        return EngineChoice("unknown", f"auto: decided when the model is available ({exc.detail})")


def load_auto(spec: ModelSpec, batch_size: int = 32) -> Generator:
    """Load ``spec`` (backend ``auto``) with the engine ``choose`` picks, converting once if needed."""
    from models.hf import TransformersGenerator

    source = locate(spec)
    choice = choose(spec, source)
    failure: Exception | None = None
    if choice.backend == "ctranslate2":
        try:
            return _load_ct2(spec, source, batch_size)
        except Exception as exc:  # noqa: BLE001 - any failure here means "use transformers", said once
            failure = exc
    # Raises when the checkpoint itself cannot be loaded (say, half downloaded): then CTranslate2 is
    # not written off, and the next attempt (after a download) tries it again.
    generator = TransformersGenerator.from_spec(replace(spec, backend="transformers"), batch_size=batch_size)
    if failure is not None:
        _fall_back(spec, failure)
    else:
        log.info("model %s: engine transformers (%s)", spec.name_or_path, choice.reason)
    return generator


def _load_ct2(spec: ModelSpec, source: Path, batch_size: int) -> Generator:
    from models.ct2 import Ct2Generator

    fallback = Path(spec.converted_dir) if spec.converted_dir else None
    directory = conversions.ensure(spec.name_or_path, spec.revision, source, fallback)
    generator = Ct2Generator(directory, device="cpu", dtype="auto", batch_size=batch_size,
                             model_id=spec.name_or_path, revision=spec.revision)
    log.info("model %s: engine ctranslate2 %s (%s)", spec.name_or_path, generator.compute_type, directory)
    return generator


def _fall_back(spec: ModelSpec, exc: BaseException) -> None:
    reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
    with _failed_lock:
        first = (spec.name_or_path, spec.revision) not in _failed
        _failed[(spec.name_or_path, spec.revision)] = reason
    if first:
        log.warning("model %s: CTranslate2 engine unavailable (%s); using transformers", spec.name_or_path, reason)


def _gpu_visible() -> bool:
    import torch

    return torch.cuda.is_available()


def _architecture(name: str, source: Path) -> str:
    from models.conventions import detect_architecture

    try:
        config = json.loads((source / "config.json").read_text(encoding="utf-8"))
        return detect_architecture(SimpleNamespace(model_type=config.get("model_type", "")), name)
    except (OSError, ValueError, UnsupportedOption):
        return "unknown"


def prepare(spec: ModelSpec) -> Path | None:
    """Make the CTranslate2 copy now if ``auto`` picks that engine (``python -m service prefetch``, the
    Docker build); None when the engine is transformers. Raises ConversionFailed."""
    source = locate(spec)
    choice = choose(spec, source)
    if choice.backend != "ctranslate2" or spec.backend != "auto":
        return None
    fallback = Path(spec.converted_dir) if spec.converted_dir else None
    return conversions.ensure(spec.name_or_path, spec.revision, source, fallback)
