"""Shared pieces of the benchmark suite: models, fixed decode lengths, corpus, timing helpers.

Fixed decode length: random weights never stop on their own and real models stop wherever their
translation ends, so tokens/s and articles/s would not be comparable between runs. Every
generation here therefore decodes exactly ``decode_length(input_tokens)`` tokens per input
(``min_new_tokens = max_new_tokens``, per row): the same work for the same sentence in every
configuration, whatever its batch-mates.
"""
from __future__ import annotations

import math
import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import torch

REPO = Path(__file__).resolve().parents[1]
DEFAULT_WORK = REPO / "bench" / ".work"
# Hindi -> English with opus-mt's SentencePiece: about one output token per input token.
DECODE_RATIO = 1.0
DECODE_MARGIN = 2
DECODE_MAX = 128


def decode_length(input_tokens: int) -> int:
    """Tokens every bench generation decodes for an input of ``input_tokens`` tokens."""
    return max(4, min(DECODE_MAX, math.ceil(DECODE_RATIO * input_tokens) + DECODE_MARGIN))


@dataclass(frozen=True)
class Profile:
    """Sizes and iteration counts of one bench run (``--smoke`` or full)."""

    name: str
    model: str  # "opus-mt-hi-en-size" | "tiny-marian"
    articles: int  # corpus articles for section 1 (0 = all)
    repeats: int  # repeats of timed sections
    batch_sizes: tuple[int, ...]
    http_requests: int  # distinct uncached articles per throughput measurement
    http_clients: int
    latency_requests: int  # sequential uncached requests at 1 client
    hit_requests: int  # cache-hit requests
    http_max_new_tokens: int
    memory_workers: int  # section 5 compares 1 worker with this many
    min_work: int  # inputs per tokens/s measurement at least (batch 1: this many calls)
    warmup: bool  # one untimed run before the timed ones


FULL = Profile("full", "opus-mt-hi-en-size", 0, 2, (1, 8, 32), 48, 16, 6, 300, 64, 4, 8, True)
SMOKE = Profile("smoke", "tiny-marian", 2, 1, (1, 8, 32), 16, 16, 3, 40, 16, 2, 2, False)


def model_dir(profile: Profile, work: Path) -> Path:
    """The profile's random-weight model, built once under ``work`` and reused by later runs."""
    from models.synthetic import build_opus_mt_hi_en_size, build_tiny_marian, corpus_texts

    target = work / "models" / profile.model
    if not (target / "config.json").is_file():
        builder = build_opus_mt_hi_en_size if profile.model == "opus-mt-hi-en-size" else build_tiny_marian
        builder(target, corpus_texts())
    return target


def ct2_dir(hf_dir: Path) -> Path:
    """The CTranslate2 int8 copy of ``hf_dir`` the service's default engine uses (``models.conversions``:
    beside the model, made once; its time is logged)."""
    from models import conversions
    from service.runtime import configure_logging

    configure_logging("info")
    return conversions.ensure(str(hf_dir), None, hf_dir, None)


def corpus_articles(limit: int = 0) -> list[str]:
    from models.synthetic import shared_dir

    paths = sorted((shared_dir() / "corpus" / "hi-news").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return texts[:limit] if limit else texts


DEVICE = "auto"  # python -m bench --device sets it


def device_name() -> str:
    """The device every section runs on: ``--device``, or ``auto`` = cuda when torch sees a GPU."""
    if DEVICE != "auto":
        return DEVICE
    return "cuda" if torch.cuda.is_available() else "cpu"


def sync() -> None:
    if device_name().startswith("cuda"):
        torch.cuda.synchronize()


def timed(fn: Callable[[], object], repeats: int, warmup: bool = True) -> tuple[float, object]:
    """(best wall seconds over ``repeats`` runs, last result); one untimed warm-up run first."""
    result = fn() if warmup else None
    best = math.inf
    for _ in range(max(1, repeats)):
        sync()
        started = time.perf_counter()
        result = fn()
        sync()
        best = min(best, time.perf_counter() - started)
    return best, result


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def summary_ms(samples_s: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples_s]
    return {"p50_ms": round(percentile(ms, 50), 2), "p99_ms": round(percentile(ms, 99), 2),
            "mean_ms": round(statistics.mean(ms), 2) if ms else math.nan, "n": len(ms)}


def machine() -> dict[str, object]:
    info: dict[str, object] = {"cpus": os.cpu_count(), "torch_threads": torch.get_num_threads(),
                               "device": device_name(), "torch": torch.__version__}
    if device_name().startswith("cuda"):
        info["gpu"] = torch.cuda.get_device_name(0)
    try:
        import ctranslate2

        info["ctranslate2"] = ctranslate2.__version__
    except ImportError:  # pragma: no cover - ctranslate2 is in requirements.txt
        info["ctranslate2"] = None
    return info
