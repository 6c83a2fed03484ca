"""Build the pipeline and its model registry from ``Settings`` (shared by CLI, HTTP app and jobs)."""
from __future__ import annotations

import os
from pathlib import Path

from models import ModelRegistry
from models.base import ModelSpec
from service.config import Settings
from service.pipeline.brief import BriefPipeline


def model_spec(settings: Settings, name: str) -> ModelSpec:
    return ModelSpec(
        name_or_path=name,
        revision=settings.model_revision if name == settings.model else None,
        device=settings.device,
        dtype=settings.dtype,
        backend=settings.backend,
        trust_remote_code=settings.trust_remote_code,
        converted_dir=str(Path(settings.data_dir) / "converted"),
    )


def available_cpus() -> int:
    """CPUs this process may run on (taskset/cpuset aware), not the host's count."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def prefer_passive_openmp() -> None:
    """OpenMP threads sleep rather than spin while they wait (``OMP_WAIT_POLICY=PASSIVE``, unless set
    already): with request threads, other workers or other processes on the same cores, spinning
    threads starve the one doing the work (measured 4-5x slower decoding on 2 busy cores,
    docs/performance.md). OpenMP reads it once, when torch is first imported in the process."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def configure_logging(level: str = "info") -> None:
    """The project's own log lines (``models.*``, ``service.*``) at ``level`` on stderr, once per process;
    other libraries stay at warnings."""
    import logging

    for name in ("models", "service"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
            logger.addHandler(handler)
            logger.propagate = False
        logger.setLevel(level.upper())


def configure_threads(settings: Settings, workers: int = 1) -> int:
    """Set torch's intra-op threads explicitly (never let N workers x all-cores threads oversubscribe),
    with passive OpenMP waiting (``prefer_passive_openmp``)."""
    prefer_passive_openmp()
    import torch

    threads = settings.torch_threads or max(1, available_cpus() // max(1, workers))
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    return threads


def build_registry(settings: Settings, background: bool = False) -> ModelRegistry:
    """The registry; with ``microbatch`` on, every generator it loads is wrapped in a ``MicroBatcher``.
    ``background``: servers download a missing hub model on a background thread and answer 503 at
    once meanwhile (models/registry.py); the CLI waits for the download."""

    def load_batched(spec: ModelSpec, batch_size: int):
        from models import load_generator
        from models.batcher import MicroBatcher

        return MicroBatcher(load_generator(spec, batch_size), settings.batch_wait_ms, settings.batch_max_inputs,
                            settings.generation_nice)

    return ModelRegistry(
        lambda name: model_spec(settings, name), batch_size=settings.batch_size,
        loader=load_batched if settings.microbatch else None, background=background,
        retry_max_s=settings.model_retry_max_s,
    )


def build_pipeline(settings: Settings, registry: ModelRegistry | None = None, editorial=None) -> BriefPipeline:
    """``editorial``: an ``Editorial`` whose translation memory the pipeline uses (BRIEFS_MEMORY);
    None opens the configured one."""
    registry = registry or build_registry(settings)
    memory = None
    if settings.memory:
        if editorial is None:
            from service.editorial import open_editorial

            editorial = open_editorial(settings)
        memory = lambda: editorial.memory  # noqa: E731 - opened (migrated) on first use
    return BriefPipeline(settings, registry.get, memory=memory)
