"""Session-wide test setup: no network to the HF hub, and tiny random-weight models built once."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def hf_hub_offline() -> Iterator[None]:
    """HF_HUB_OFFLINE=1 for the whole session: no test may download anything."""
    previous = os.environ.get("HF_HUB_OFFLINE")
    os.environ["HF_HUB_OFFLINE"] = "1"
    yield
    if previous is None:
        os.environ.pop("HF_HUB_OFFLINE", None)
    else:
        os.environ["HF_HUB_OFFLINE"] = previous


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory, hf_hub_offline: None) -> dict[str, Path]:
    """{"marian": dir, "nllb": dir, "mt5": dir}: tiny random models on disk, built in seconds."""
    from models.synthetic import build_tiny_models

    return build_tiny_models(tmp_path_factory.mktemp("tiny-models"))


@pytest.fixture(scope="session")
def marian_generator(tiny_models: dict[str, Path]):
    """The tiny Marian model loaded through the public ``load_generator`` path (CPU)."""
    from models import ModelSpec, load_generator

    return load_generator(ModelSpec(str(tiny_models["marian"]), device="cpu"), batch_size=8)
