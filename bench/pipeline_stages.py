"""Where the time of one brief goes: per-stage timings over the shared corpus with a real-size model.

Builds (once, under ``--model-dir``) a random-weight MarianMT with the exact architecture of
``Helsinki-NLP/opus-mt-hi-en`` and briefs every shared article ``--repeats`` times through the
plain pipeline (no HTTP, no cache), in the given mode. Prints the median milliseconds of each stage
per article and its share of the total. Random weights never emit end-of-sentence, so every output
runs to the pipeline's length cap (tied to input length): the generate figure is an upper bound for
a real model at the same settings.

Run: ``.venv/bin/python -m bench.pipeline_stages [--mode extractive] [--repeats 3] [--guards off]``.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from models.synthetic import build_opus_mt_hi_en_size, corpus_texts, shared_dir
from service.config import Settings
from service.pipeline.brief import BriefRequest
from service.runtime import build_pipeline, configure_threads

STAGES = ("ingest", "clean", "segment", "select", "generate", "guard", "assemble")


def stage_table(mode: str, repeats: int, guards: bool, model_dir: Path) -> list[tuple[str, float, float]]:
    if not (model_dir / "config.json").is_file():
        build_opus_mt_hi_en_size(model_dir, corpus_texts())
    settings = Settings.from_env(model=str(model_dir), guards=guards, mode=mode, memory=False)
    configure_threads(settings)
    pipeline = build_pipeline(settings)
    articles = sorted((shared_dir() / "corpus" / "hi-news").glob("article-*.txt"))
    pipeline.brief(BriefRequest(data=articles[0].read_bytes()))  # load and warm the model
    samples: dict[str, list[float]] = {stage: [] for stage in (*STAGES, "total")}
    for _ in range(repeats):
        for path in articles:
            timings = pipeline.brief(BriefRequest(data=path.read_bytes())).timings_ms
            for stage in samples:
                samples[stage].append(timings.get(stage, 0.0))
    total = statistics.median(samples["total"])
    return [(stage, statistics.median(values), statistics.median(values) / total) for stage, values in samples.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", default="extractive", choices=["extractive", "abstractive", "translate"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--guards", default="on", choices=["on", "off"])
    parser.add_argument("--model-dir", type=Path, default=Path(tempfile.gettempdir()) / "briefs-opus-mt-hi-en-size")
    args = parser.parse_args()
    rows = stage_table(args.mode, args.repeats, args.guards == "on", args.model_dir)
    print(f"mode {args.mode}, guards {args.guards}, opus-mt-hi-en-size random weights, median per article")
    print(f"| stage | ms | share |\n|---|---:|---:|")
    for stage, ms, share in rows:
        print(f"| {stage} | {ms:.1f} | {share:.1%} |")


if __name__ == "__main__":
    main()
