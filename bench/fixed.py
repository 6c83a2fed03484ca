"""Backends that decode a fixed number of tokens per input (see ``bench.common.decode_length``).

They subclass the service's own generators and replace only the model call, so the benchmark runs
the production code path (chunking, length sorting, batching, tokenization, decoding).
"""
from __future__ import annotations

import torch
from transformers import LogitsProcessor, LogitsProcessorList

from bench.common import decode_length
from models.base import DecodeOptions
from models.ct2 import Ct2Generator
from models.hf import TransformersGenerator


def _capped(generator: TransformersGenerator, input_tokens: int) -> int:
    """``decode_length``, within the decoder's position table (the tiny models have 64 positions)."""
    limit = generator.info.max_output_tokens
    return min(decode_length(input_tokens), limit - 1) if limit else decode_length(input_tokens)


class ExactLengths(LogitsProcessor):
    """Row i decodes exactly ``lengths[i]`` tokens, the last one EOS: EOS banned before, forced at."""

    def __init__(self, lengths: torch.Tensor, eos: int, start: int):
        self.lengths = lengths
        self.eos = eos
        self.start = start

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        step = input_ids.shape[1] - self.start  # tokens generated so far
        before = step < self.lengths - 1
        scores[before, self.eos] = -float("inf")
        at = ~before
        if bool(at.any()):
            scores[at] = -float("inf")
            scores[at, self.eos] = 0.0
        return scores


class FixedLengthTransformers(TransformersGenerator):
    """Greedy; each input decodes ``decode_length(its tokens)`` tokens (``uniform``: the batch's longest)."""

    uniform = False
    tokens = 0  # decoded tokens so far (a counter the benchmark reads)

    def _generate_batch(self, pieces: list[str], options: DecodeOptions) -> list[str]:
        with self._tokenizer_lock:
            encoded = self.convention.encode(self.convention.prepare(pieces))
        encoded = {k: v.to(self.loaded.device) for k, v in encoded.items()}
        input_lengths = encoded["attention_mask"].sum(dim=1).tolist()
        if self.uniform:
            input_lengths = [max(input_lengths)] * len(input_lengths)
        lengths = torch.tensor([_capped(self, int(n)) for n in input_lengths], device=self.loaded.device)
        kwargs = dict(self.convention.generate_kwargs())
        eos = int(self.model.generation_config.eos_token_id)
        kwargs.update(
            num_beams=1, do_sample=False, max_new_tokens=int(lengths.max()),
            logits_processor=LogitsProcessorList([ExactLengths(lengths, eos, start=1)]),
        )
        with torch.inference_mode():
            sequences = self.model.generate(**encoded, **kwargs)
        self.tokens += int(lengths.sum())
        with self._tokenizer_lock:
            return self.convention.decode(sequences.cpu())


class FixedLengthCt2(Ct2Generator):
    """Greedy; each input decodes ``decode_length(its tokens)`` tokens (``uniform``: the batch's longest).

    CTranslate2 has one min/max decoding length per call: EOS is banned up to the batch's longest
    length, and the step callback ends each row at its own length (finished rows leave the batch,
    as rows that reach EOS do), so the work per row is the same as ``FixedLengthTransformers``'s."""

    uniform = False
    tokens = 0

    def _generate_batch(self, pieces: list[str], options: DecodeOptions) -> list[str]:
        with self._tokenizer_lock:
            encoded = self.convention.encode(self.convention.prepare(pieces))
            mask = encoded["attention_mask"].bool()
            source = [self.tokenizer.convert_ids_to_tokens(row[keep].tolist()) for row, keep in zip(encoded["input_ids"], mask)]
        lengths = [_capped(self, len(s)) for s in source]
        if self.uniform:
            lengths = [max(lengths)] * len(lengths)
        longest = max(lengths)
        results = self.translator.translate_batch(
            source, beam_size=1, min_decoding_length=longest, max_decoding_length=longest, max_input_length=0,
            target_prefix=[self._prefix] * len(source) if self._prefix else None,
            callback=None if len(set(lengths)) == 1 else (lambda step: step.step + 1 >= lengths[step.batch_id]),
        )
        # CTranslate2 leaves the final EOS out of the hypothesis; transformers counts it as a token.
        self.tokens += sum(max(n, len(r.hypotheses[0])) for n, r in zip(lengths, results))
        with self._tokenizer_lock:
            sequences = [self.tokenizer.convert_tokens_to_ids(r.hypotheses[0]) for r in results]
            return self.convention.decode(sequences)


def load_fixed_transformers(path: str, device: str = "auto", dtype: str = "auto", batch_size: int = 32):
    from models.base import ModelSpec
    from models.loader import load

    return FixedLengthTransformers(load(ModelSpec(path, device=device, dtype=dtype)), batch_size=batch_size)


def quantized_copy(generator: FixedLengthTransformers) -> FixedLengthTransformers:
    """The same model with every nn.Linear dynamically quantized to int8 (CPU only)."""
    import copy

    from torch.ao.quantization import quantize_dynamic

    loaded = copy.copy(generator.loaded)
    loaded.model = quantize_dynamic(copy.deepcopy(generator.model), {torch.nn.Linear}, dtype=torch.qint8)
    return FixedLengthTransformers(loaded, batch_size=generator.batch_size, backend="transformers-int8")
