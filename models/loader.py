"""Load a tokenizer and a seq2seq model from a local directory or the local Hugging Face cache.

Loading never touches the network: a hub id is loaded from its snapshot in the local cache
(``locate``), and downloading is a separate step (``models.prefetch``) that the registry runs
inline (CLI) or on a background thread with back-off (servers), so no request waits for a hub.

Every way of not finding a model (missing directory, not in the cache, a directory without
config.json, broken weights) becomes one ``ModelUnavailable`` whose message names the model and
says how to fix it; ``ModelNotDownloaded`` marks the case a download would fix.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from models.base import ModelSpec
from models.conventions import Convention, convention_for, detect_architecture, indic_processor
from service.errors import ModelNotDownloaded, ModelUnavailable, UnsupportedOption

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


def looks_local(name: str) -> bool:
    return name.startswith(("/", ".", "~")) or name.count("/") > 1 or "\\" in name


def how_to_fix(name: str) -> str:
    if looks_local(name) or Path(name).expanduser().exists():
        return (
            "Fix: put the model there (config.json, the tokenizer files and the weights, e.g. a folder made by "
            "`python -m service prefetch MODEL_ID` on a machine with network access), or set BRIEFS_MODEL to "
            "another local directory or a Hugging Face model id; the service picks it up without a restart."
        )
    return (
        f"Fix: run `python -m service prefetch {name}` on a machine with network access (or in the Docker build), "
        "or set BRIEFS_MODEL to a local directory that holds config.json, the tokenizer files and the weights."
    )


def unavailable(name: str, reason: str, kind: type[ModelUnavailable] = ModelUnavailable) -> ModelUnavailable:
    return kind(f"Model {name!r} is not available: {reason.rstrip(' .')}. {how_to_fix(name)}")


def _cause(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    return first if len(first) <= 200 else first[:197] + "..."


def resolve_source(name: str) -> tuple[str, bool]:
    """(what to pass to from_pretrained, is it a local directory). Raises for a missing or empty dir."""
    path = Path(name).expanduser()
    if path.exists():
        if not path.is_dir():
            raise unavailable(name, f"{path} is a file, not a model directory")
        if not (path / "config.json").is_file():
            raise unavailable(name, f"directory {path} has no config.json")
        return str(path), True
    if looks_local(name):
        raise unavailable(name, f"directory {path} does not exist")
    return name, False


def cached_snapshot(name: str, revision: str | None) -> Path | None:
    """The local cache's snapshot directory of hub id ``name`` at ``revision``, if its config is there."""
    from huggingface_hub import try_to_load_from_cache

    try:
        found = try_to_load_from_cache(name, "config.json", revision=revision)
    except Exception:  # noqa: BLE001 - an id the hub would reject is simply not cached
        return None
    return Path(found).parent if isinstance(found, str) else None


def locate(spec: ModelSpec) -> Path:
    """The local directory ``spec`` loads from, without the network: the directory itself, or the hub
    id's snapshot in the local Hugging Face cache. Raises ModelUnavailable (``ModelNotDownloaded``
    when a download would fix it)."""
    source, is_local = resolve_source(spec.name_or_path)
    if is_local:
        return Path(source)
    snapshot = cached_snapshot(source, spec.revision)
    if snapshot is not None:
        return snapshot
    at = f" at revision {spec.revision!r}" if spec.revision else ""
    if hub_offline():
        raise unavailable(source, f"HF_HUB_OFFLINE is set and it is not in the local Hugging Face cache{at}")
    raise unavailable(source, f"it is not in the local Hugging Face cache{at} yet", ModelNotDownloaded)


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
    """Load tokenizer, config and model for ``spec`` from local files; the model is moved to its device
    in eval mode."""
    from transformers import AutoConfig, AutoModelForSeq2SeqLM, AutoTokenizer

    name = spec.name_or_path
    device = resolve_device(spec.device)
    dtype = resolve_dtype(spec.dtype, device)
    directory = locate(spec)
    # A hub snapshot that fails to load may be incomplete: downloading it again would fix that.
    kind = ModelUnavailable if resolve_source(name)[1] or hub_offline() else ModelNotDownloaded
    source = str(directory)
    common: dict[str, Any] = {"local_files_only": True, "trust_remote_code": spec.trust_remote_code}

    try:
        config = AutoConfig.from_pretrained(source, **common)
    except Exception as exc:
        if "trust_remote_code" in str(exc) and not spec.trust_remote_code:
            raise ModelUnavailable(
                f"Model {name!r} ships its own code; allow it with BRIEFS_TRUST_REMOTE_CODE=1 if you trust it."
            ) from exc
        raise unavailable(name, _cause(exc), kind) from exc

    architecture = detect_architecture(config, name)
    if architecture == "indictrans2":
        indic_processor(name)

    try:
        tokenizer = AutoTokenizer.from_pretrained(source, **common)
    except Exception as exc:
        raise unavailable(name, f"its tokenizer could not be loaded ({_cause(exc)})", kind) from exc
    try:
        model = AutoModelForSeq2SeqLM.from_pretrained(source, dtype=dtype, **common)
    except Exception as exc:
        raise unavailable(name, f"its weights could not be loaded ({_cause(exc)})", kind) from exc

    model.to(device)
    model.eval()
    convention = convention_for(architecture, config, tokenizer, name)
    return LoadedModel(name, spec.revision, model, tokenizer, config, convention, device, dtype)
