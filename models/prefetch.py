"""Download a model into the Hugging Face cache ahead of time (Docker build, machines with network)."""
from __future__ import annotations

from pathlib import Path

from models.loader import hub_offline, resolve_source
from service.errors import ModelUnavailable

# Config, tokenizer and remote-code files; weights are chosen separately (one format only).
_SUPPORT_PATTERNS = ["*.json", "*.model", "*.spm", "*.txt", "*.py", "*.tiktoken"]


def prefetch(name_or_path: str, revision: str | None = None) -> Path:
    """Make ``name_or_path`` loadable offline and return its local directory.

    A local directory is checked and returned as is. For a hub id, only what transformers needs is
    fetched: safetensors weights when the repo has them, else ``*.bin`` (opus-mt repos also carry
    TensorFlow, Flax and Rust weights that would triple the download).
    """
    source, is_local = resolve_source(name_or_path)
    if is_local:
        return Path(source)
    if hub_offline():
        raise ModelUnavailable(
            f"Cannot prefetch model {name_or_path!r}: HF_HUB_OFFLINE is set. Unset it on a machine with "
            "network access, or copy the model directory over and set BRIEFS_MODEL to it."
        )
    from huggingface_hub import HfApi, snapshot_download

    try:
        files = HfApi().list_repo_files(name_or_path, revision=revision)
        weights = "*.safetensors" if any(f.endswith(".safetensors") for f in files) else "*.bin"
        path = snapshot_download(name_or_path, revision=revision, allow_patterns=[*_SUPPORT_PATTERNS, weights])
    except Exception as exc:
        raise ModelUnavailable(
            f"Cannot prefetch model {name_or_path!r}"
            f"{f' at revision {revision!r}' if revision else ''}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}. "
            "Check the model id, the revision and network access to huggingface.co (or HF_ENDPOINT)."
        ) from exc
    return Path(path)
