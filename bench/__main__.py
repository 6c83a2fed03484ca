"""The benchmark suite: ``python -m bench`` (full) or ``python -m bench --smoke`` (< 2 min, tiny model).

Runs every section side by side in one process with the same random-weight model (full: the
architecture of Helsinki-NLP/opus-mt-hi-en; smoke: the tiny Marian), prints one table and writes
``bench/results.json``:

 (1) articles/s over the shared corpus: the default pipeline on the default engine     target >= 10x naive,
     article by article and in one brief_many, the same pipeline on transformers,       brief_many >= 20x
     vs a naive baseline (every sentence its own transformers call)
 (2) generation tokens/s at batch 1/8/32: transformers fp32 vs dynamic int8 vs CT2    target CT2 >= 2.5x fp32 @32
 (3) HTTP req/s, 16 clients, distinct articles: the default engine with               target >= 2x transformers
     micro-batching on vs off vs the same server on transformers; p50/p99 at 1 client
 (4) cache-hit latency over HTTP through gunicorn, p50/p99                           target < 10 ms
 (5) server memory (RSS/PSS) at 1 and 4 workers                                      target < 100 MB PSS per extra worker
 (6) cold start to /readyz
 (7) the machine's fp32 matmul GFLOP/s and the share of it generation reaches

Every generation outside HTTP decodes a fixed number of tokens per input (``bench/common.py``), so
runs compare. Device ``auto``: on a CUDA machine transformers runs float16 and CTranslate2 float16
(dynamic int8 is CPU-only and shows n/a). The default engine is what ``BRIEFS_BACKEND=auto`` picks
(CTranslate2 int8 on CPU; transformers on a GPU); ``--engine ctranslate2`` on a GPU host compares
CTranslate2 float16 with transformers float16 in sections 1 and 3 too. See docs/performance.md.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
import warnings
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# Before torch is imported (bench.common imports it): as the service's workers do (service/runtime.py).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SECTIONS = ("matmul", "tokens", "articles", "http", "memory")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from bench.common import DEFAULT_WORK

    p = argparse.ArgumentParser(prog="python -m bench", description="Speed benchmarks (see docs/performance.md).")
    p.add_argument("--smoke", action="store_true", help="tiny model, few iterations (< 2 minutes on 2 cores)")
    p.add_argument("--work", type=Path, default=DEFAULT_WORK, help="models and server data (reused between runs)")
    p.add_argument("--out", type=Path, default=REPO / "bench" / "results.json", help="where to write the JSON results")
    p.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    p.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"),
                   help="auto: cuda when torch sees a GPU (CPU numbers on a GPU host: --device cpu)")
    p.add_argument("--workers", type=int, help="gunicorn workers for section 3 (default: BRIEFS_WORKERS default)")
    p.add_argument("--threads", type=int, help="gthread threads per worker (default: BRIEFS_THREADS default)")
    p.add_argument("--repeats", type=int, help="timed repeats per measurement (after one warm-up)")
    p.add_argument("--http-requests", type=int, help="distinct articles per throughput measurement")
    p.add_argument("--articles", type=int, help="corpus articles for section 1 (0 = all)")
    p.add_argument("--engine", default="auto", choices=("auto", "ctranslate2", "transformers"),
                   help="engine of the default pipeline and server (auto: what BRIEFS_BACKEND=auto picks here)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    warnings.filterwarnings("ignore")
    from bench import common, report
    from bench.common import FULL, SMOKE, ct2_dir, machine, model_dir
    from service.config import Settings

    common.DEVICE = args.device
    profile = SMOKE if args.smoke else FULL
    profile = replace(
        profile,
        repeats=args.repeats if args.repeats is not None else profile.repeats,
        http_requests=args.http_requests or profile.http_requests,
        articles=args.articles if args.articles is not None else profile.articles,
    )
    defaults = Settings()
    workers = args.workers or defaults.workers
    threads = args.threads or defaults.threads
    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        print(f"unknown sections: {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict = {"profile": profile.name, "model": profile.model, "command": "python -m bench " + " ".join(argv or sys.argv[1:]),
                     "machine": machine(), "errors": {}, "sections": {}}
    model = model_dir(profile, args.work)
    print(f"bench ({profile.name}): model {model}, device {results['machine']['device']}", flush=True)

    def section(name: str, fn) -> None:
        if name not in sections:
            return
        t0 = time.perf_counter()
        print(f"  {name} ...", end="", flush=True)
        try:
            results["sections"][name] = fn()
        except Exception as exc:  # noqa: BLE001 - reported in the table and the exit status
            traceback.print_exc()
            results["errors"][name] = f"{type(exc).__name__}: {exc}"
        print(f" {time.perf_counter() - t0:.1f} s", flush=True)

    from bench import generation, serving

    section("matmul", lambda: generation.matmul_gflops(args.smoke))
    ct2_model = ct2_dir(model)  # made once beside the model, as the service's default engine does
    results["engine"] = generation.engine_for(model, args.engine)
    section("tokens", lambda: generation.tokens_per_second(profile, model, ct2_model))
    section("articles", lambda: generation.articles_per_second(profile, model, ct2_model, args.engine))
    section("http", lambda: serving.run_http(profile, model, args.work, workers, threads, args.engine, ct2_model))

    def memory() -> dict:
        http = results["sections"].get("http", {})
        reuse = http.get("memory") if http.get("workers") == 1 else None
        return serving.run_memory(model, args.work, threads, profile.memory_workers,
                                  {**reuse, "cold_start_s": http["cold_start_s"]} if reuse else None,
                                  serving.engine_env(args.engine, ct2_model))

    section("memory", memory)
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["table"] = report.table(results)
    text = report.render(results["table"], results)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.out}")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
