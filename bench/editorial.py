"""Translation memory benchmark: ``python -m bench.editorial`` (``--smoke``: tiny sizes, < 1 minute).

(1) Re-posted articles: an article briefed in translate mode, then posted again with k of its n
    sentences replaced by sentences the memory has never seen. Counted: sentences sent to the model
    (should be k) and the time as a ratio to the first brief. Model: a random-weight copy of
    Helsinki-NLP/opus-mt-hi-en's architecture (``--smoke``: the tiny Marian), every input decoding a
    fixed number of tokens (``bench.common``), guards off (random weights fail every check).
(2) Memory look-up cost per sentence with N stored sentences (100,000; smoke: 2,000), SQLite and
    PostgreSQL: one sentence per look-up (p50 / p99), and a 30-sentence article in one look-up
    (per sentence). PostgreSQL: ``--database-url``, or a throwaway local server (Debian's
    postgresql, as the tests start it).

Prints one table and writes ``bench/editorial.json``. Not a timed test: numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _sentences(texts: list[str]) -> list[str]:
    from service.pipeline.clean import clean_article
    from service.pipeline.segment import split_sentences

    out: list[str] = []
    for text in texts:
        out += [s.text for s in split_sentences(clean_article(text, "hi").paragraphs)]
    return list(dict.fromkeys(out))


class _Counting:
    """The generator, counting inputs sent to the model."""

    def __init__(self, inner):
        self.inner, self.info, self.inputs = inner, inner.info, 0

    def generate(self, texts, task="translate", options=None):
        self.inputs += len(texts)
        return self.inner.generate(texts, task, options)

    def count_tokens(self, text):
        return self.inner.count_tokens(text)


def reposted(model_dir: Path, work: Path, articles: list[str], ks: list[int], n: int) -> list[dict]:
    from bench.common import device_name
    from bench.fixed import load_fixed_transformers
    from service.config import Settings
    from service.editorial import Editorial
    from service.pipeline.brief import BriefPipeline, BriefRequest
    from service.runtime import configure_threads

    settings = Settings(model=str(model_dir), guards=False, mode="translate", data_dir=work)
    configure_threads(settings)
    editorial = Editorial(settings)
    generator = _Counting(load_fixed_transformers(str(model_dir), device=device_name()))
    pipeline = BriefPipeline(settings, lambda name: generator, memory=lambda: editorial.memory)
    pipeline.brief(BriefRequest(articles[-1][:2000]))  # load and warm up (its sentences are not used below)
    pool = _sentences(articles[1:-1])
    random.Random(5).shuffle(pool)
    base = _sentences(articles[:1])[:n]
    rows = []

    def run(sentences: list[str]) -> tuple[int, float]:
        before = generator.inputs
        started = time.perf_counter()
        pipeline.brief(BriefRequest(" ".join(sentences)))  # one paragraph, no headline: n translations
        return generator.inputs - before, time.perf_counter() - started

    generated, first = run(base)
    rows.append({"k": len(base), "n": len(base), "generated": generated, "seconds": first, "ratio": 1.0, "first": True})
    for k in ks:
        fresh, pool = pool[:k], pool[k:]
        generated, seconds = run(base[: len(base) - k] + fresh)
        rows.append({"k": k, "n": len(base), "generated": generated, "seconds": seconds, "ratio": seconds / first})
    editorial.close()
    return rows


def lookups(url: str, stored: int, samples: int) -> dict:
    from bench.common import percentile
    from service.config import Settings
    from service.editorial import Editorial
    from service.editorial.memory import MemoryEntry

    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="bench-memory-")), database_url=url or None)
    editorial = Editorial(settings)
    memory = editorial.memory
    rng = random.Random(11)
    words = sorted(set(re.findall(r"[\u0900-\u097F]+", " ".join(_sentences(_corpus())))))
    sentences = [" ".join(rng.sample(words, 12)) + "।" for _ in range(stored)]
    started = time.perf_counter()
    memory.store([MemoryEntry(s, f"English sentence number {i}.", "bench@") for i, s in enumerate(sentences)])
    load_s = time.perf_counter() - started
    unseen = [" ".join(rng.sample(words, 12)) + "।" for _ in range(samples)]
    probes = [rng.choice(sentences) if i % 2 == 0 else unseen[i] for i in range(samples)]
    memory.lookup("bench@", probes[:50])  # warm the connection pool and caches
    single = []
    for probe in probes:
        t = time.perf_counter()
        memory.lookup("bench@", [probe])
        single.append((time.perf_counter() - t) * 1000)
    batched = []
    for start in range(0, samples - 30, 30):
        t = time.perf_counter()
        found = memory.lookup("bench@", probes[start : start + 30])
        batched.append((time.perf_counter() - t) * 1000 / 30)
        assert len(found) >= 10
    editorial.close()
    return {"stored": stored, "load_s": round(load_s, 1),
            "p50_ms": round(percentile(single, 50), 3), "p99_ms": round(percentile(single, 99), 3),
            "batched_p50_ms": round(percentile(batched, 50), 3), "batched_p99_ms": round(percentile(batched, 99), 3)}


def _corpus() -> list[str]:
    from bench.common import corpus_articles

    return corpus_articles()


def _postgres():
    from tests.editorial.postgres import PostgresServer

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return PostgresServer(port).start()


def main(argv: list[str] | None = None) -> int:
    from bench.common import DEFAULT_WORK, FULL, SMOKE, model_dir

    p = argparse.ArgumentParser(prog="python -m bench.editorial", description=__doc__.splitlines()[0])
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--stored", type=int, help="sentences in the memory for section 2 (default 100000; smoke 2000)")
    p.add_argument("--sentences", type=int, default=16, help="n: sentences of the re-posted article")
    p.add_argument("--database-url", help="PostgreSQL for section 2 (default: a throwaway local server)")
    p.add_argument("--work", type=Path, default=DEFAULT_WORK)
    p.add_argument("--out", type=Path, default=REPO / "bench" / "editorial.json")
    args = p.parse_args(argv)
    profile = SMOKE if args.smoke else FULL
    stored = args.stored or (2000 if args.smoke else 100_000)
    n = min(args.sentences, 6) if args.smoke else args.sentences
    ks = [0, 1, n // 4, n // 2] if not args.smoke else [0, 1, 2]
    articles = _corpus()
    results: dict = {"profile": profile.name, "model": profile.model, "stored": stored}
    with tempfile.TemporaryDirectory(prefix="bench-editorial-") as work:
        results["reposted"] = reposted(model_dir(profile, args.work), Path(work), articles, ks, n)
    results["lookup_sqlite"] = lookups("", stored, 600 if args.smoke else 3000)
    server = None if args.database_url else _postgres()
    try:
        url = args.database_url or server.create_database("bench_memory")
        results["lookup_postgresql"] = lookups(url, stored, 600 if args.smoke else 3000)
    finally:
        if server is not None:
            server.stop()
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(render(results))
    return 0


def render(results: dict) -> str:
    lines = ["| section | case | value | notes |", "|---|---|---|---|"]
    for row in results["reposted"]:
        case = "first brief" if row.get("first") else f"re-posted, k = {row['k']} of n = {row['n']} new"
        lines.append(f"| 1 re-posted article | {case} | {row['generated']} sentences generated | "
                     f"{row['seconds']:.2f} s, {row['ratio']:.2f}x the first brief |")
    for backend in ("sqlite", "postgresql"):
        r = results[f"lookup_{backend}"]
        lines.append(f"| 2 memory look-up | {backend}, {r['stored']:,} stored, 1 sentence per look-up | "
                     f"p50 {r['p50_ms']} ms / p99 {r['p99_ms']} ms | loaded in {r['load_s']} s |")
        lines.append(f"| 2 memory look-up | {backend}, 30-sentence article in one look-up, per sentence | "
                     f"p50 {r['batched_p50_ms']} ms / p99 {r['batched_p99_ms']} ms | |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
