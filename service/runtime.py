"""Build the pipeline and its model registry from ``Settings`` (shared by CLI, HTTP app and jobs)."""
from __future__ import annotations

import os

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
    )


def configure_threads(settings: Settings, workers: int = 1) -> int:
    """Set torch's intra-op threads explicitly (never let N workers x all-cores threads oversubscribe)."""
    import torch

    threads = settings.torch_threads or max(1, (os.cpu_count() or 1) // max(1, workers))
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    return threads


def build_registry(settings: Settings) -> ModelRegistry:
    return ModelRegistry(lambda name: model_spec(settings, name), batch_size=settings.batch_size)


def build_pipeline(settings: Settings, registry: ModelRegistry | None = None) -> BriefPipeline:
    registry = registry or build_registry(settings)
    return BriefPipeline(settings, registry.get)
