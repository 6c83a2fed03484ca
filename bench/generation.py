"""Sections 1, 2 and 7: articles/s (pipeline vs naive), tokens/s per backend, matmul GFLOP/s."""
from __future__ import annotations

import time
import warnings
from pathlib import Path

import torch

from bench.common import Profile, corpus_articles, decode_length, device_name, sync, timed
from bench.fixed import FixedLengthCt2, FixedLengthTransformers, load_fixed_transformers, quantized_copy

# --- (1) articles/s -----------------------------------------------------------------------------


def naive_brief(generator: FixedLengthTransformers, article: str, bullets: int) -> list[str]:
    """What a translation API does: every sentence its own generate call, then the first N."""
    from service.pipeline.clean import clean_article
    from service.pipeline.ingest import ingest
    from service.pipeline.segment import split_sentences

    document = ingest(article, "text", 1_000_000)
    clean = clean_article(document.text, "hi")
    sentences = ([clean.headline] if clean.headline else []) + [s.text for s in split_sentences(clean.paragraphs)]
    outputs = [generator.generate([s])[0] for s in sentences]
    return outputs[: bullets + (1 if clean.headline else 0)]


def engine_for(model: Path, forced: str = "auto") -> str:
    """The engine the service runs ``model`` with on this device (``BRIEFS_BACKEND=auto``), or ``forced``."""
    if forced != "auto":
        return forced
    from models.base import ModelSpec
    from models.engine import choose

    return choose(ModelSpec(str(model), backend="auto", device=device_name()), model).backend


def load_fixed(model: Path, ct2_model: Path, engine: str):
    """The bench model with fixed decode lengths on ``engine`` (transformers: float32 on CPU, float16 on GPU)."""
    if engine == "ctranslate2":
        return FixedLengthCt2(ct2_model, device=device_name(), dtype="auto")
    return load_fixed_transformers(str(model), device=device_name())


def articles_per_second(profile: Profile, model: Path, ct2_model: Path, engine: str = "auto") -> dict:
    """The default pipeline on the default engine (article by article, and one brief_many), the same
    pipeline on transformers, and the naive baseline (every sentence its own transformers call)."""
    from service.config import Settings
    from service.pipeline.brief import BriefPipeline, BriefRequest

    articles = corpus_articles(profile.articles)
    engine = engine_for(model, engine)
    reference = load_fixed_transformers(str(model), device=device_name())
    default = reference if engine == "transformers" else load_fixed(model, ct2_model, engine)
    # Guards off: random weights make every output "degenerate", and a real model would not retry.
    settings = Settings(model=str(model), guards=False)
    pipeline = BriefPipeline(settings, lambda name: default)
    on_reference = BriefPipeline(settings, lambda name: reference)
    requests = [BriefRequest(a) for a in articles]

    def ours_each() -> None:
        for request in requests:
            pipeline.brief(request)

    def ours_batch() -> None:
        for result in pipeline.brief_many(requests):
            assert not isinstance(result, Exception), result

    def reference_each() -> None:
        for request in requests:
            on_reference.brief(request)

    def naive() -> None:
        for article in articles:
            naive_brief(reference, article, settings.bullets)

    rows: dict = {"engine": f"{engine} {_precision(default)}", "reference": f"transformers {_precision(reference)}"}
    # The naive baseline runs once, untimed warm-up left out: the model is warm by then.
    for name, fn, generator, repeats, warmup in (
            ("pipeline", ours_each, default, profile.repeats, profile.warmup),
            ("pipeline_batch", ours_batch, default, profile.repeats, profile.warmup),
            ("pipeline_reference", reference_each, reference, profile.repeats, profile.warmup),
            ("naive", naive, reference, 1, False)):
        generator.tokens = 0
        started = time.perf_counter()
        seconds, _ = timed(fn, repeats, warmup)
        runs = repeats + warmup
        rows[name] = {"seconds": round(seconds, 3), "articles_per_s": round(len(articles) / seconds, 3),
                      "tokens_per_article": round(generator.tokens / runs / len(articles), 1),
                      "wall_s": round(time.perf_counter() - started, 1)}
    rows["articles"] = len(articles)
    for name in ("pipeline", "pipeline_batch", "pipeline_reference"):
        rows[f"speedup_{name}"] = round(rows[name]["articles_per_s"] / rows["naive"]["articles_per_s"], 2)
    rows["speedup"], rows["speedup_batch"] = rows["speedup_pipeline"], rows["speedup_pipeline_batch"]
    return rows


def _precision(generator) -> str:
    if isinstance(generator, FixedLengthCt2):
        return generator.compute_type
    return str(generator.loaded.dtype).replace("torch.", "")


# --- (2) tokens/s per backend ---------------------------------------------------------------------


def bench_sentences(generator: FixedLengthTransformers, count: int) -> list[str]:
    """``count`` corpus sentences with the most common token count (so a batch needs no padding)."""
    from service.pipeline.clean import clean_article
    from service.pipeline.segment import split_sentences

    sentences = []
    for article in corpus_articles():
        clean = clean_article(article, "hi")
        sentences += [s.text for s in split_sentences(clean.paragraphs)]
    by_tokens = sorted(sentences, key=generator.count_tokens)
    counts = [generator.count_tokens(s) for s in by_tokens]
    median = counts[len(counts) // 2]
    ranked = sorted(range(len(by_tokens)), key=lambda i: abs(counts[i] - median))[:count]
    chosen = [by_tokens[i] for i in sorted(ranked)]
    while len(chosen) < count:
        chosen += chosen[: count - len(chosen)]
    return chosen


def tokens_per_second(profile: Profile, model: Path, ct2_model: Path) -> dict:
    device = device_name()
    fp32 = load_fixed_transformers(str(model), device=device, dtype="auto")
    fp32.uniform = True
    backends: dict[str, object] = {f"transformers {str(fp32.loaded.dtype).replace('torch.', '')}": fp32}
    if device == "cpu":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            int8 = quantized_copy(fp32)
        int8.uniform = True
        backends["transformers dynamic int8"] = int8
    else:
        backends["transformers dynamic int8"] = None  # quantize_dynamic runs on CPU only
    errors = {}
    try:
        ct2 = FixedLengthCt2(ct2_model, device=device, dtype="auto")
        ct2.uniform = True
        backends[f"ctranslate2 {ct2.compute_type}"] = ct2
    except Exception as exc:  # noqa: BLE001 - e.g. a CTranslate2 wheel without this CUDA: keep the other rows
        backends["ctranslate2"] = None
        errors["ctranslate2"] = f"{type(exc).__name__}: {exc}"

    texts = bench_sentences(fp32, max(profile.batch_sizes))
    input_tokens = fp32.count_tokens(texts[0])
    rows: dict[str, dict] = {}
    for name, generator in backends.items():
        rows[name] = {}
        for batch in profile.batch_sizes:
            if generator is None:
                rows[name][str(batch)] = None
                continue
            work = texts[: max(batch, profile.min_work)]
            generator.batch_size = batch
            generator.tokens = 0
            seconds, _ = timed(lambda: generator.generate(work), profile.repeats, profile.warmup)
            tokens = generator.tokens / (profile.repeats + profile.warmup)
            rows[name][str(batch)] = round(tokens / seconds, 1)
    base = next(iter(rows))
    ratios = {}
    for name, by_batch in rows.items():
        ratios[name] = {b: (round(v / rows[base][b], 2) if v else None) for b, v in by_batch.items()}
    flops = generation_flops(fp32)
    return {"tokens_per_s": rows, "ratio_to_first": ratios, "input_tokens": input_tokens, "device": device,
            "backend_errors": errors,
            "flops_per_input_token": flops[0], "flops_per_output_token": flops[1], "reference": base}


def generation_flops(generator: FixedLengthTransformers) -> tuple[int, int]:
    """(FLOPs per encoder token, FLOPs per decoded token) from the model's Linear layers (2 x weights).

    Attention score/softmax FLOPs are left out (small at these lengths); the decoder's cross-attention
    key/value projections run once per input token, so they count with the encoder.
    """
    per_in = per_out = 0
    for name, module in generator.model.named_modules():
        if not isinstance(module, torch.nn.Linear):
            continue
        flops = 2 * module.in_features * module.out_features
        if ".encoder." in f".{name}" or "encoder_attn.k_proj" in name or "encoder_attn.v_proj" in name:
            per_in += flops
        else:
            per_out += flops
    return per_in, per_out



# --- (7) matmul GFLOP/s -----------------------------------------------------------------------------


def matmul_gflops(smoke: bool) -> dict:
    device = device_name()
    n = (512 if smoke else 1024) if device == "cpu" else 4096
    a = torch.randn(n, n, device=device, dtype=torch.float32)
    b = torch.randn(n, n, device=device, dtype=torch.float32)
    previous = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = False  # true fp32 on GPUs too
    try:
        torch.mm(a, b)
        sync()
        reps = 3 if smoke else 10
        started = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b)
        sync()
        seconds = (time.perf_counter() - started) / reps
    finally:
        torch.backends.cuda.matmul.allow_tf32 = previous
    return {"n": n, "gflops": round(2 * n**3 / seconds / 1e9, 1), "device": device,
            "threads": torch.get_num_threads()}


def generation_gflops(tokens: dict, batch: str) -> float | None:
    """Useful GFLOP/s of the reference backend at ``batch``: FLOPs per (input+output) token x tokens/s."""
    rate = tokens["tokens_per_s"][tokens["reference"]].get(batch)
    if not rate:
        return None
    n_in = tokens["input_tokens"]
    per_token = tokens["flops_per_output_token"] + tokens["flops_per_input_token"] * n_in / decode_length(n_in)
    return round(rate * per_token / 1e9, 2)
