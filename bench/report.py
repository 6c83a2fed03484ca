"""The bench table: one row per number, always every row (``n/a`` or ``error`` when a section failed)."""
from __future__ import annotations

from typing import Any, Callable

BATCHES = ("1", "8", "32")
BACKENDS = ("transformers", "transformers dynamic int8", "ctranslate2")

# Every row the table has, in order: (id, section, metric). tests/speed/test_bench_smoke.py checks them.
ROWS: list[tuple[str, str, str]] = [
    ("articles_pipeline", "1 articles/s", "default pipeline, default engine, article by article"),
    ("articles_pipeline_batch", "1 articles/s", "default pipeline, default engine, all articles in one brief_many"),
    ("articles_pipeline_reference", "1 articles/s", "default pipeline on transformers, article by article"),
    ("articles_naive", "1 articles/s", "naive: every sentence its own transformers call, first N"),
    *[(f"tokens_{b.replace(' ', '_')}_{n}", "2 tokens/s", f"{b} batch {n}") for b in BACKENDS for n in BATCHES],
    ("http_on", "3 HTTP", "req/s, N clients, distinct articles, default engine, micro-batching on"),
    ("http_off", "3 HTTP", "req/s, N clients, distinct articles, default engine, micro-batching off"),
    ("http_transformers", "3 HTTP", "req/s, N clients, distinct articles, transformers, micro-batching on"),
    ("latency_on", "3 HTTP", "latency at 1 client p50 / p99 (ms), micro-batching on"),
    ("latency_off", "3 HTTP", "latency at 1 client p50 / p99 (ms), micro-batching off"),
    ("cache_hit", "4 cache hit", "cache hit p50 / p99 (ms) without load"),
    ("saturation_16", "4 cache hit", "cached p50 / p99, /healthz p99 (ms) while 16 clients generate"),
    ("saturation_32", "4 cache hit", "cached p50 / p99, /healthz p99 (ms) while 32 clients generate"),
    ("memory_1", "5 memory", "1 worker: total RSS / PSS (MB)"),
    ("memory_n", "5 memory", "4 workers (smoke: 2): total RSS / PSS (MB)"),
    ("memory_extra", "5 memory", "each extra worker: PSS (RSS) MB"),
    ("cold_start", "6 cold start", "gunicorn spawn to first /readyz 200 (s)"),
    ("matmul", "7 compute", "fp32 matmul GFLOP/s"),
    ("gen_flops_1", "7 compute", "generation GFLOP/s (share of matmul), reference backend batch 1"),
    ("gen_flops_32", "7 compute", "generation GFLOP/s (share of matmul), reference backend batch 32"),
]


def _get(data: dict, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def table(results: dict) -> list[dict]:
    s = results.get("sections", {})
    errors = results.get("errors", {})
    rows: dict[str, dict] = {}

    def put(row_id: str, value: Any, ratio: Any = None, target: str = "", met: bool | None = None) -> None:
        rows[row_id] = {"value": value, "ratio": ratio, "target": target, "met": met}

    arts = s.get("articles")
    if arts:
        engine = f" ({arts['engine']})"
        put("articles_pipeline", arts["pipeline"]["articles_per_s"], f"{arts['speedup']}x naive{engine}", ">= 10x",
            arts["speedup"] >= 10)
        put("articles_pipeline_batch", arts["pipeline_batch"]["articles_per_s"],
            f"{arts['speedup_batch']}x naive{engine}", ">= 20x", arts["speedup_batch"] >= 20)
        put("articles_pipeline_reference", arts["pipeline_reference"]["articles_per_s"],
            f"{arts['speedup_pipeline_reference']}x naive ({arts['reference']})")
        put("articles_naive", arts["naive"]["articles_per_s"], f"1x ({arts['reference']})")

    tok = s.get("tokens")
    if tok:
        names = list(tok["tokens_per_s"])
        for backend in BACKENDS:
            name = next((n for n in names if _family(n) == backend), None)
            for n in BATCHES:
                value = tok["tokens_per_s"][name].get(n) if name else None
                ratio = tok["ratio_to_first"][name].get(n) if name else None
                target, met = "", None
                if backend == "ctranslate2" and n == "32" and ratio is not None:
                    target, met = ">= 2.5x", ratio >= 2.5
                failed = tok.get("backend_errors", {}).get(backend)
                if failed:
                    put(f"tokens_{backend.replace(' ', '_')}_{n}", "error", failed[:80], target, None)
                    continue
                put(f"tokens_{backend.replace(' ', '_')}_{n}", value if value is not None else "n/a",
                    f"{ratio}x ({name})" if ratio is not None else (name or "n/a"), target, met)

    http = s.get("http")
    if http:
        on, off, reference = http["throughput_on"], http["throughput_off"], http["throughput_transformers"]
        put("http_on", on["rps"], f"{http['engine_speedup']}x transformers ({on['clients']} clients, {on['errors']} errors)",
            ">= 2x", http["engine_speedup"] >= 2)
        put("http_off", off["rps"], f"on = {http['microbatch_speedup']}x off ({off['errors']} errors)")
        put("http_transformers", reference["rps"], f"1x ({reference['errors']} errors)")
        for mode in ("on", "off"):
            lat = http[f"latency_1_client_{mode}"]
            put(f"latency_{mode}", f"{lat['p50_ms']} / {lat['p99_ms']}")
        hit = http["cache_hit"]
        put("cache_hit", f"{hit['p50_ms']} / {hit['p99_ms']}", f"n={hit['n']}", "p50 <= 2 ms", hit["p50_ms"] <= 2)
        for run in http.get("saturation", []):
            cached, health = run["cached"], run["healthz"]
            fresh = f"{run['fresh_served']} fresh served, {run['statuses'].get('fresh 503', 0)} fast 503s, {run['errors']} errors"
            met = cached["p99_ms"] <= 50 and health["p99_ms"] <= 20 and run["errors"] == 0
            put(f"saturation_{run['generating_clients']}", f"{cached['p50_ms']} / {cached['p99_ms']}, {health['p99_ms']}",
                f"{fresh}; n={cached['n']}/{health['n']}", "p99 <= 50 / <= 20, 0 errors", met)
        put("cold_start", http["cold_start_s"], f"{http['workers']} worker(s) x {http['threads']} threads")

    mem = s.get("memory")
    if mem:
        many = str(mem["many"])
        put("memory_1", f"{mem['1']['total_rss_mb']} / {mem['1']['total_pss_mb']}")
        put("memory_n", f"{mem[many]['total_rss_mb']} / {mem[many]['total_pss_mb']}", f"{many} workers")
        put("memory_extra", f"{mem['extra_worker_pss_mb']} ({mem['extra_worker_rss_mb']})", "", "< 100 MB PSS",
            mem["extra_worker_pss_mb"] < 100)
        if "cold_start" not in rows:
            put("cold_start", mem["1"]["cold_start_s"], "1 worker")

    mm = s.get("matmul")
    if mm:
        put("matmul", mm["gflops"], f"{mm['device']}, n={mm['n']}, {mm['threads']} threads")
        if tok:
            from bench.generation import generation_gflops

            for n in ("1", "32"):
                g = generation_gflops(tok, n)
                put(f"gen_flops_{n}", g if g is not None else "n/a",
                    f"{round(100 * g / mm['gflops'], 1)}% of matmul" if g else None)

    out = []
    for row_id, section, metric in ROWS:
        row = rows.get(row_id)
        if row is None:
            failed = [k for k in errors if k in _SOURCES.get(row_id, ())]
            row = {"value": "error" if failed else "n/a", "ratio": errors[failed[0]][:80] if failed else None,
                   "target": "", "met": None}
        out.append({"id": row_id, "section": section, "metric": metric, **row})
    return out


def _family(name: str) -> str:
    if name.startswith("ctranslate2"):
        return "ctranslate2"
    if "int8" in name:
        return "transformers dynamic int8"
    return "transformers"


def _sources() -> dict[str, tuple[str, ...]]:
    src: dict[str, tuple[str, ...]] = {}
    for row_id, section, _ in ROWS:
        src[row_id] = {
            "1": ("articles",), "2": ("tokens",), "3": ("http",), "4": ("http",), "5": ("memory",),
            "6": ("http", "memory"), "7": ("matmul", "tokens"),
        }[section[0]]
    return src


_SOURCES = _sources()


def render(rows: list[dict], results: dict) -> str:
    headers = ("section", "metric", "value", "ratio / notes", "target", "met")
    cells = [(r["section"], r["metric"], _fmt(r["value"]), _fmt(r["ratio"]), r["target"], _met(r["met"])) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    line: Callable[[tuple], str] = lambda c: "| " + " | ".join(str(x).ljust(w) for x, w in zip(c, widths)) + " |"
    out = [
        f"profile {results['profile']} | model {results['model']} | machine {results['machine']} | {results.get('seconds')} s",
        line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *(line(c) for c in cells),
    ]
    if results.get("errors"):
        out.append("errors: " + "; ".join(f"{k}: {v}" for k, v in results["errors"].items()))
    return "\n".join(out)


def _fmt(value: Any) -> str:
    return "" if value is None else str(value)


def _met(met: bool | None) -> str:
    return "" if met is None else ("yes" if met else "NO")
