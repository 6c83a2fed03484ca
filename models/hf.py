"""The transformers backend: batched, length-capped, chunking ``generate`` over a loaded model."""
from __future__ import annotations

import math
import threading
from typing import Sequence

import torch

from models import deadline
from models.base import DecodeOptions, ModelInfo, ModelSpec, Task
from models.chunking import split_to_fit
from models.loader import LoadedModel, load
from service.errors import GenerationFailed, UnsupportedOption


class TransformersGenerator:
    """``Generator`` over a transformers seq2seq model.

    Inputs are split into pieces that fit the encoder, sorted by length (less padding), generated
    in batches of ``batch_size``, and the pieces' outputs joined back per input in input order.
    """

    def __init__(self, loaded: LoadedModel, batch_size: int = 32, backend: str = "transformers"):
        if batch_size < 1:
            raise UnsupportedOption(f"batch_size must be at least 1, got {batch_size}")
        self.loaded = loaded
        self.model = loaded.model
        self.tokenizer = loaded.tokenizer
        self.convention = loaded.convention
        self.batch_size = batch_size
        # Every call passes max_new_tokens; a checkpoint's max_length would only add a warning per call.
        self.model.generation_config.max_length = None
        # Fast tokenizers raise "Already borrowed" when padding is reconfigured concurrently.
        self._tokenizer_lock = threading.Lock()
        self.info = ModelInfo(
            model_id=loaded.name,
            revision=loaded.revision,
            architecture=self.convention.architecture,
            backend=backend,
            device=str(loaded.device),
            tasks=self.convention.tasks,
            max_input_tokens=self.convention.max_input_tokens,
            max_output_tokens=self.convention.max_output_tokens,
        )

    @classmethod
    def from_spec(cls, spec: ModelSpec, batch_size: int = 32) -> "TransformersGenerator":
        return cls(load(spec), batch_size=batch_size, backend=spec.backend)

    def count_tokens(self, text: str) -> int:
        with self._tokenizer_lock:
            return self.convention.count_tokens(text)

    def split(self, text: str) -> list[str]:
        """The pieces ``text`` is generated as: one unless it exceeds the model's input limit."""
        return split_to_fit(text, self.count_tokens, self.info.max_input_tokens)

    def generate(
        self, texts: Sequence[str], task: Task = "translate", options: DecodeOptions | None = None
    ) -> list[str]:
        if task not in self.info.tasks:
            raise UnsupportedOption(
                f"Model {self.info.model_id!r} ({self.info.architecture}) cannot {task}; "
                f"it supports: {', '.join(sorted(self.info.tasks))}."
            )
        options = options or DecodeOptions()
        # (input index, piece number, piece, tokens)
        units: list[tuple[int, int, str, int]] = []
        for index, text in enumerate(texts):
            deadline.check()  # tokenizing and splitting hundreds of inputs takes a while too
            if not text or not text.strip():
                continue
            for number, piece in enumerate(self.split(text)):
                units.append((index, number, piece, self.count_tokens(piece)))
        units.sort(key=lambda u: u[3], reverse=True)

        pieces_out: dict[int, list[tuple[int, str]]] = {}
        for start in range(0, len(units), self.batch_size):
            deadline.check()  # a request that gave up stops here, between batches (models/deadline.py)
            batch = units[start : start + self.batch_size]
            outputs = self._generate_batch([u[2] for u in batch], options)
            for (index, number, _, _), out in zip(batch, outputs):
                pieces_out.setdefault(index, []).append((number, out))

        results = [""] * len(texts)
        for index, outs in pieces_out.items():
            results[index] = " ".join(out for _, out in sorted(outs) if out)
        return results

    def max_new_tokens(self, longest_input_tokens: int, options: DecodeOptions) -> int:
        """Per-batch output cap: the hard ceiling, the length budget, and the decoder's position limit."""
        caps = [options.max_new_tokens, math.ceil(options.length_ratio * longest_input_tokens + options.length_margin)]
        if self.info.max_output_tokens is not None:
            caps.append(self.info.max_output_tokens)
        return max(1, min(caps))

    def _generate_batch(self, pieces: list[str], options: DecodeOptions) -> list[str]:
        with self._tokenizer_lock:
            prepared = self.convention.prepare(pieces)
            encoded = self.convention.encode(prepared)
        encoded = {k: v.to(self.loaded.device) for k, v in encoded.items()}
        longest = int(encoded["attention_mask"].sum(dim=1).max())
        kwargs = dict(self.convention.generate_kwargs())
        kwargs.update(num_beams=options.num_beams, max_new_tokens=self.max_new_tokens(longest, options))
        suppressed = self.convention.suppressed_token_ids()
        if suppressed:
            kwargs["suppress_tokens"] = suppressed
        if options.no_repeat_ngram_size > 0:
            kwargs["no_repeat_ngram_size"] = options.no_repeat_ngram_size
        if options.repetition_penalty != 1.0:
            kwargs["repetition_penalty"] = options.repetition_penalty
        try:
            with torch.inference_mode():
                sequences = self.model.generate(**encoded, **kwargs)
        except torch.cuda.OutOfMemoryError as exc:
            raise GenerationFailed(
                f"Out of GPU memory generating a batch of {len(pieces)} with model {self.info.model_id!r}; "
                "lower BRIEFS_BATCH_SIZE or BRIEFS_NUM_BEAMS."
            ) from exc
        with self._tokenizer_lock:
            return self.convention.decode(sequences.cpu())
