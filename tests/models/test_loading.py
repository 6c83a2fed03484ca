"""Loading failures become one clear ModelUnavailable; never a stack trace for the user."""
from __future__ import annotations

import pytest

from models import ModelSpec, load_generator
from models.prefetch import prefetch
from service.errors import ModelUnavailable, UnsupportedOption


def test_missing_local_directory(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelUnavailable) as err:
        load_generator(ModelSpec(str(missing)))
    message = err.value.detail
    assert str(missing) in message and "prefetch" in message and "does not exist" in message


def test_directory_without_config(tmp_path):
    (tmp_path / "weights.bin").write_bytes(b"")
    with pytest.raises(ModelUnavailable, match="no config.json") as err:
        load_generator(ModelSpec(str(tmp_path)))
    assert "prefetch" in err.value.detail


def test_unknown_hub_id_offline():
    name = "briefs-test/no-such-model-anywhere"
    with pytest.raises(ModelUnavailable) as err:
        load_generator(ModelSpec(name))
    message = err.value.detail
    assert name in message and "prefetch" in message and "HF_HUB_OFFLINE" in message
    assert "Traceback" not in message and "\n" not in message


def test_unknown_backend_is_unsupported(tiny_models):
    with pytest.raises(UnsupportedOption, match="supported backends: auto, transformers, ctranslate2"):
        load_generator(ModelSpec(str(tiny_models["marian"]), backend="onnx"))


def test_unknown_device_is_unsupported(tiny_models):
    with pytest.raises(UnsupportedOption, match="device"):
        load_generator(ModelSpec(str(tiny_models["marian"]), device="tpu"))


def test_prefetch_offline_and_local(tiny_models):
    with pytest.raises(ModelUnavailable, match="HF_HUB_OFFLINE"):
        prefetch("Helsinki-NLP/opus-mt-hi-en")
    assert prefetch(str(tiny_models["nllb"])) == tiny_models["nllb"]
