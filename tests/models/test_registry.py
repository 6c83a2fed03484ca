"""ModelRegistry: lazy, cached, one load per model even under concurrent first use."""
from __future__ import annotations

import shutil
import threading
import time

import pytest

from models import ModelRegistry, ModelSpec, load_generator
from models.registry import backoff
from service.errors import ModelNotDownloaded, ModelUnavailable


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


def test_a_failure_answers_at_once_until_its_retry_is_due(tmp_path, tiny_models):
    """No caller pays for a load that just failed; the first call after the back-off tries again,
    so a model directory placed later is served without a restart."""
    calls: list[str] = []
    registry = ModelRegistry(cpu_spec, loader=counting_loader(calls), background=True, retry_max_s=60)
    later = tmp_path / "later"
    with pytest.raises(ModelUnavailable) as first:
        registry.get(str(later))
    assert "does not exist" in first.value.detail and "next attempt in 1 s" in first.value.detail
    assert first.value.retry_after == 1
    with pytest.raises(ModelUnavailable):
        registry.get(str(later))
    assert calls == [str(later)]  # the second caller was answered from the kept failure
    shutil.copytree(tiny_models["marian"], later)
    deadline = time.monotonic() + 30
    while True:
        try:
            generator = registry.get(str(later))
            break
        except ModelUnavailable:
            assert time.monotonic() < deadline, "the placed model was never picked up"
            time.sleep(0.2)
    assert generator.info.architecture == "marian" and calls == [str(later)] * 2


def test_back_off_is_bounded():
    assert [backoff(n, cap=10) for n in range(1, 7)] == [1, 2, 4, 8, 10, 10]


def test_a_missing_hub_model_downloads_in_the_background_while_callers_get_503(tiny_models):
    """Servers never make a request wait for the hub: get() answers while the download runs, the
    download is retried with back-off, and the model is loaded once it is there."""
    release, attempts, downloaded = threading.Event(), [], threading.Event()

    def loader(spec: ModelSpec, batch_size: int):
        if not downloaded.is_set():
            raise ModelNotDownloaded(f"Model {spec.name_or_path!r} is not available: not in the cache yet.")
        return load_generator(ModelSpec(str(tiny_models["marian"]), device="cpu"), batch_size)

    def download(spec: ModelSpec) -> None:
        attempts.append(spec.name_or_path)
        if len(attempts) == 1:
            release.wait(30)  # the first attempt hangs like a hub that does not answer, then fails
            raise ModelUnavailable("Cannot prefetch: ConnectError") from ConnectionRefusedError("refused")
        downloaded.set()

    registry = ModelRegistry(cpu_spec, loader=loader, download=download, background=True, retry_max_s=1)
    with pytest.raises(ModelUnavailable, match="Downloading it in the background now"):
        registry.get("org/model")
    with pytest.raises(ModelUnavailable, match="Downloading it in the background"):
        registry.get("org/model")  # still answered at once while the download hangs
    assert attempts == ["org/model"]
    release.set()
    deadline = time.monotonic() + 30
    while not registry.loaded():
        assert time.monotonic() < deadline, "the download was not retried"
        time.sleep(0.1)
    assert attempts == ["org/model", "org/model"]
    assert registry.get("org/model").info.architecture == "marian"


def test_the_cli_registry_waits_for_the_download(tiny_models):
    downloads: list[str] = []

    def loader(spec: ModelSpec, batch_size: int):
        if not downloads:
            raise ModelNotDownloaded("not in the cache yet")
        return load_generator(ModelSpec(str(tiny_models["marian"]), device="cpu"), batch_size)

    registry = ModelRegistry(cpu_spec, loader=loader, download=lambda spec: downloads.append(spec.name_or_path))
    assert registry.get("org/model").info.architecture == "marian"
    assert downloads == ["org/model"]
