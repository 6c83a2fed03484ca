"""Load a tokenizer and a seq2seq model from an HF id or a local directory.

Every way of not finding a model (missing directory, offline and not cached, no network, a
directory without config.json, broken weights) becomes one ``ModelUnavailable`` whose message
names the model and says how to fix it; the original exception is chained for the logs.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from models.base import ModelSpec
from models.conventions import Convention, convention_for, detect_architecture, indic_processor
from service.errors import ModelUnavailable, UnsupportedOption

_TRUE = {"1", "true", "yes", "on"}
_DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}


@dataclass
class LoadedModel:
    name: str
    revision: str | None
    model: Any
    tokenizer: Any
    config: Any
    convention: Convention
    device: torch.device
    dtype: torch.dtype


def hub_offline() -> bool:
    """True when HF_HUB_OFFLINE is set now (read at call time: tests set it after import)."""
    from huggingface_hub import constants

    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in _TRUE or bool(constants.HF_HUB_OFFLINE)


def how_to_fix(name: str) -> str:
    return (
        f"Fix: run `python -m service prefetch {name}` on a machine with network access (or in the Docker build), "
        "or set BRIEFS_MODEL to a local directory that holds config.json, the tokenizer files and the weights."
    )


def unavailable(name: str, reason: str) -> ModelUnavailable:
    return ModelUnavailable(f"Model {name!r} is not available: {reason}. {how_to_fix(name)}")


def _cause(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    return first if len(first) <= 200 else first[:197] + "..."


def resolve_source(name: str) -> tuple[str, bool]:
    """(what to pass to from_pretrained, is it a local directory). Raises for a missing or empty dir."""
    path = Path(name).expanduser()
    looks_local = name.startswith(("/", ".", "~")) or name.count("/") > 1 or "\\" in name
    if path.exists():
        if not path.is_dir():
            raise unavailable(name, f"{path} is a file, not a model directory")
        if not (path / "config.json").is_file():
            raise unavailable(name, f"directory {path} has no config.json")
        return str(path), True
    if looks_local:
        raise unavailable(name, f"directory {path} does not exist")
    return name, False


def resolve_device(device: str) -> torch.device:
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cpu":
        return torch.device("cpu")
    if device == "cuda" or device.startswith("cuda:"):
        if not torch.cuda.is_available():
            raise UnsupportedOption(f"Device {device!r} was requested but no CUDA GPU is visible; use device 'cpu' or 'auto'.")
        return torch.device(device)
    raise UnsupportedOption(f"Unknown device {device!r}; use auto, cpu, cuda or cuda:N.")


def resolve_dtype(dtype: str, device: torch.device) -> torch.dtype:
    if dtype == "auto":
        return torch.float16 if device.type == "cuda" else torch.float32
    if dtype not in _DTYPES:
        raise UnsupportedOption(f"Unknown dtype {dtype!r}; use auto, {', '.join(_DTYPES)}.")
    return _DTYPES[dtype]


def load(spec: ModelSpec) -> LoadedModel:
    """Load tokenizer, config and model for ``spec``; the model is moved to its device in eval mode."""
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    name = spec.name_or_path
    device = resolve_device(spec.device)
    dtype = resolve_dtype(spec.dtype, device)
    source, is_local = resolve_source(name)
    offline = hub_offline() and not is_local
    common: dict[str, Any] = {
        "revision": spec.revision,
        "local_files_only": offline,
        "trust_remote_code": spec.trust_remote_code,
    }

    try:
        config = AutoConfig.from_pretrained(source, **common)
    except Exception as exc:
        if "trust_remote_code" in str(exc) and not spec.trust_remote_code:
            raise ModelUnavailable(
                f"Model {name!r} ships its own code; allow it with BRIEFS_TRUST_REMOTE_CODE=1 if you trust it."
            ) from exc
        reason = "HF_HUB_OFFLINE is set and it is not in the local Hugging Face cache" if offline else _cause(exc)
        raise unavailable(name, reason) from exc

    architecture = detect_architecture(config, name)
    if architecture == "indictrans2":
        indic_processor(name)

    try:
        tokenizer = AutoTokenizer.from_pretrained(source, **common)
    except Exception as exc:
        raise unavailable(name, f"its tokenizer could not be loaded ({_cause(exc)})") from exc
    try:
        model = AutoModelForSeq2SeqLM.from_pretrained(source, dtype=dtype, **common)
    except Exception as exc:
        raise unavailable(name, f"its weights could not be loaded ({_cause(exc)})") from exc

    model.to(device)
    model.eval()
    convention = convention_for(architecture, config, tokenizer, name)
    return LoadedModel(name, spec.revision, model, tokenizer, config, convention, device, dtype)
