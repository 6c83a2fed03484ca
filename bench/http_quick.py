"""Quick HTTP numbers for the service on loopback: cache-hit latency and requests/s.

Starts ``gunicorn -c gunicorn.conf.py`` with the tiny offline Marian model (built on the fly unless
``--model`` is given), warms one article into the cache, then measures (bounded runs):
  * cache-hit latency p50/p99 of POST /v1/briefs over HTTP, one client, ``--requests`` requests;
  * requests/s with 1 and 16 concurrent clients (keep-alive sessions), ``--seconds`` each.
Run: ``.venv/bin/python bench/http_quick.py [--model DIR] [--workers 2 --threads 4]``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "service"))
from http_servers import Gunicorn  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def hit_latency(url: str, body: dict, n: int) -> dict:
    session = requests.Session()
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        response = session.post(url + "/v1/briefs", json=body, timeout=30)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and response.json()["cached"], response.text
    return {"requests": n, "p50_ms": round(percentile(samples, 50), 2), "p99_ms": round(percentile(samples, 99), 2),
            "mean_ms": round(statistics.mean(samples), 2)}


def throughput(url: str, body: dict, clients: int, seconds: float) -> dict:
    counts, errors = [0] * clients, [0] * clients
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        session = requests.Session()
        while time.perf_counter() < stop:
            response = session.post(url + "/v1/briefs", json=body, timeout=30)
            counts[i] += 1
            errors[i] += response.status_code != 200

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"clients": clients, "requests": sum(counts), "errors": sum(errors), "rps": round(sum(counts) / elapsed, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model directory (default: build the tiny Marian model)")
    parser.add_argument("--workers", default="2")
    parser.add_argument("--threads", default="4")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"
    work = Path(tempfile.mkdtemp(prefix="http-quick-"))
    model = args.model
    if model is None:
        from models.synthetic import build_tiny_models

        model = str(build_tiny_models(work / "models")["marian"])
    server = Gunicorn({"BRIEFS_MODEL": model, "BRIEFS_DATA_DIR": str(work / "data"),
                       "BRIEFS_WORKERS": args.workers, "BRIEFS_THREADS": args.threads}, work / "gunicorn.log")
    server.start(timeout=300)
    try:
        article = sorted((REPO.parent / "shared" / "corpus" / "hi-news").glob("*.txt"))[0].read_text(encoding="utf-8")
        body = {"text": article}
        first = requests.post(server.url + "/v1/briefs", json=body, timeout=120)
        assert first.status_code == 200, first.text
        results = {
            "setup": {"workers": args.workers, "threads": args.threads, "cpus": os.cpu_count(), "model": "tiny marian"},
            "first_uncached_ms": first.json()["timings_ms"],
            "cache_hit_latency": hit_latency(server.url, body, args.requests),
            "throughput_1": throughput(server.url, body, 1, args.seconds),
            "throughput_16": throughput(server.url, body, 16, args.seconds),
        }
    finally:
        server.stop()
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
