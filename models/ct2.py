"""The CTranslate2 backend: generate with int8 (CPU) / float16 (GPU) from a converted directory.

``models.convert`` writes the directory; its ``hf/`` tokenizer and config let the conventions
tokenize, pick the target language and decode exactly as the transformers backend does.

``Ct2Generator`` inherits ``TransformersGenerator``'s whole contract (chunking of long inputs,
length-sorted batches restored to input order, empty inputs, the per-batch length cap) and
replaces only the model call, so the two backends cannot drift apart.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

from models.base import DecodeOptions, ModelInfo, ModelSpec
from models.convert import CT2_CONFIG, HF_SUBDIR, QUANTIZATIONS, hf_parts
from models.hf import TransformersGenerator
from models.loader import unavailable
from service.errors import UnsupportedOption


def resolve_device(device: str) -> str:
    """``auto`` is ``cuda`` when CTranslate2 sees a GPU; ``cuda:N`` becomes ``cuda`` (index apart)."""
    import ctranslate2

    gpus = ctranslate2.get_cuda_device_count()
    if device == "auto":
        return "cuda" if gpus else "cpu"
    if device == "cpu":
        return device
    if device == "cuda" or device.startswith("cuda:"):
        if not gpus:
            raise UnsupportedOption(f"Device {device!r} was requested but CTranslate2 sees no CUDA GPU; use 'cpu' or 'auto'.")
        return device
    raise UnsupportedOption(f"Unknown device {device!r}; use auto, cpu, cuda or cuda:N.")


def compute_type(dtype: str, device: str) -> str:
    """``auto``: int8 on CPU, float16 on GPU; otherwise the CTranslate2 compute type named."""
    if dtype == "auto":
        return "float16" if device.startswith("cuda") else "int8"
    if dtype not in QUANTIZATIONS:
        raise UnsupportedOption(f"Unknown dtype {dtype!r} for ctranslate2; use auto, {', '.join(QUANTIZATIONS)}.")
    return dtype


_SHARED_PARTS: dict[str, tuple] = {}


def share_parts(directory: str | Path) -> None:
    """Load a converted directory's tokenizer and config now, for every ``Ct2Generator`` of it made in
    this process and in processes forked from it: gunicorn's master does this so its workers share
    them (~30 MB each for opus-mt); the CTranslate2 weights themselves are loaded after the fork."""
    key = str(Path(directory) / HF_SUBDIR)
    _SHARED_PARTS[key] = hf_parts(key)


def default_intra_threads() -> int:
    """The process's configured thread count (``service.runtime.configure_threads`` sets it)."""
    import torch

    return torch.get_num_threads()


class Ct2Generator(TransformersGenerator):
    """``Generator`` over a ``ctranslate2.Translator``; see the module docstring."""

    def __init__(
        self, directory: str | Path, *, device: str = "auto", dtype: str = "auto", batch_size: int = 32,
        inter_threads: int = 1, intra_threads: int = 0, model_id: str | None = None, revision: str | None = None,
    ):
        import ctranslate2

        if batch_size < 1:
            raise UnsupportedOption(f"batch_size must be at least 1, got {batch_size}")
        directory = Path(directory)
        if not (directory / "model.bin").is_file() or not (directory / HF_SUBDIR / "config.json").is_file():
            raise unavailable(
                str(directory),
                f"it is not a converted CTranslate2 model (model.bin and {HF_SUBDIR}/config.json expected); "
                f"create one with `python -m service convert MODEL --out {directory}`",
            )
        device = resolve_device(device)
        index = int(device.split(":")[1]) if ":" in device else 0
        self.directory = directory
        self.compute_type = compute_type(dtype, device)
        self.intra_threads = intra_threads or default_intra_threads()
        self.translator = ctranslate2.Translator(
            str(directory), device=device.split(":")[0], device_index=index, compute_type=self.compute_type,
            inter_threads=inter_threads, intra_threads=self.intra_threads,
        )
        parts = str(directory / HF_SUBDIR)
        self.config, self.tokenizer, self.convention = _SHARED_PARTS.get(parts) or hf_parts(parts)
        self.batch_size = batch_size
        self._tokenizer_lock = threading.Lock()
        start = json.loads((directory / CT2_CONFIG).read_text(encoding="utf-8")).get("decoder_start_token")
        self._prefix = self._target_prefix(start is None)
        self._suppressed = [[t] for t in self.tokenizer.convert_ids_to_tokens(self.convention.suppressed_token_ids())]
        # transformers spends the last step of a capped output on a forced EOS; CTranslate2 has no such step.
        self._cap_offset = -1 if getattr(self.config, "forced_eos_token_id", None) is not None else 0
        self.info = ModelInfo(
            model_id=model_id or str(directory),
            revision=revision,
            architecture=self.convention.architecture,
            backend="ctranslate2",
            device=device,
            tasks=self.convention.tasks,
            max_input_tokens=self.convention.max_input_tokens,
            max_output_tokens=self.convention.max_output_tokens,
        )

    @classmethod
    def from_spec(cls, spec: ModelSpec, batch_size: int = 32) -> "Ct2Generator":
        return cls(spec.name_or_path, device=spec.device, dtype=spec.dtype, batch_size=batch_size)

    def _target_prefix(self, start_in_prefix: bool) -> list[str] | None:
        """Tokens every output starts with: the decoder start (if the model leaves it to us), a forced BOS."""
        kwargs = self.convention.generate_kwargs()
        ids: list[int] = []
        if start_in_prefix:
            ids.append(int(kwargs.get("decoder_start_token_id", self.config.decoder_start_token_id)))
        if "forced_bos_token_id" in kwargs:
            ids.append(int(kwargs["forced_bos_token_id"]))
        return self.tokenizer.convert_ids_to_tokens(ids) if ids else None

    def _generate_batch(self, pieces: list[str], options: DecodeOptions) -> list[str]:
        with self._tokenizer_lock:
            encoded = self.convention.encode(self.convention.prepare(pieces))
            mask = encoded["attention_mask"].bool()
            source = [self.tokenizer.convert_ids_to_tokens(row[keep].tolist()) for row, keep in zip(encoded["input_ids"], mask)]
        # Like transformers, a forced BOS counts as a new token and a decoder start from the prefix does not.
        cap = max(1, self.max_new_tokens(max(len(s) for s in source), options) + self._cap_offset)
        results = self.translator.translate_batch(
            source,
            target_prefix=[self._prefix] * len(source) if self._prefix else None,
            beam_size=options.num_beams,
            max_decoding_length=cap,
            max_input_length=0,  # chunking upstream makes every input fit; never truncate here
            no_repeat_ngram_size=options.no_repeat_ngram_size,
            repetition_penalty=options.repetition_penalty,
            suppress_sequences=self._suppressed or None,
        )
        with self._tokenizer_lock:
            sequences = [self.tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
            return self.convention.decode(sequences)

