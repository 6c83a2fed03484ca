"""ModelRegistry: lazy, cached, one load per model even under concurrent first use."""
from __future__ import annotations

import threading
import time

import pytest

from models import ModelRegistry, ModelSpec, load_generator
from service.errors import ModelUnavailable


def cpu_spec(name: str) -> ModelSpec:
    return ModelSpec(name, device="cpu")


def counting_loader(calls: list[str]):
    def load(spec: ModelSpec, batch_size: int):
        calls.append(spec.name_or_path)
        time.sleep(0.05)  # widen the window in which a racy registry would load twice
        return load_generator(spec, batch_size)

    return load


def test_loads_once_under_eight_concurrent_threads(tiny_models):
    calls: list[str] = []
    registry = ModelRegistry(cpu_spec, loader=counting_loader(calls))
    name = str(tiny_models["marian"])
    barrier = threading.Barrier(8)
    got: list[object] = []

    def worker():
        barrier.wait()
        got.append(registry.get(name))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [name]
    assert len(got) == 8 and all(g is got[0] for g in got)
    assert [i.architecture for i in registry.loaded()] == ["marian"]


def test_models_are_cached_per_name(tiny_models):
    calls: list[str] = []
    registry = ModelRegistry(cpu_spec, batch_size=4, loader=counting_loader(calls))
    mt5, nllb = str(tiny_models["mt5"]), str(tiny_models["nllb"])
    assert registry.get(mt5) is registry.get(mt5)
    assert registry.get(nllb).info.architecture == "m2m100"
    assert calls == [mt5, nllb]
    assert [i.architecture for i in registry.loaded()] == ["mt5", "m2m100"]
    assert registry.get(mt5).batch_size == 4


def test_failed_load_is_not_cached(tmp_path):
    registry = ModelRegistry(cpu_spec)
    with pytest.raises(ModelUnavailable):
        registry.get(str(tmp_path / "later"))
    assert registry.loaded() == []
