"""A night of N articles briefed in one process vs by RQ worker processes, on this one machine.

``python -m bench.nightly`` (real-size random-weight opus-mt-hi-en on the default CPU engine,
CTranslate2 int8, N = 2,000 by default: hours on 2 shared cores; ``--articles 200`` fits in well
under an hour) or ``python -m bench.nightly --smoke`` (tiny Marian, 24 articles, about a minute).

Configurations, run one after the other over the same articles, each with a fresh cache:

- ``in-process xT``: today's nightly without Redis, one process with T threads (T = 1 and 2);
- ``RQ W worker(s) x1``: the nightly enqueues batches on a throwaway redis-server on loopback and
  W ``python -m service worker``-equivalent processes (same machine, 1 thread each) brief them.

"2 workers >= 1.8x one process" compares ``RQ 2 workers x1`` with ``in-process x1``: processes
with the same thread count, which is how a night scales over hosts (one worker per host or per
core). On this 2-core machine it is also compared with ``in-process x2``, the same two cores used
by one process's threads: that ratio says whether processes beat threads here, not whether the
night scales. Every generation decodes a fixed number of tokens per input (``bench/common.py``),
guards and the translation memory are off (random weights fail every guard; copies share
sentences), so every configuration does the same model work.

Timed: briefing (enqueue -> every result read back; in process: the ``brief_many`` batches), then
grouping and rendering the digest (the rest of ``nightly``); not timed: imports, model loading and
one warm-up brief per process, done before the night starts. Peak memory: ``ru_maxrss`` of each
process (the nightly and each worker).

The articles are the 129 public articles of tests/data/grouping (dev + holdout) and the shared
corpus, repeated as needed; a repeat gets a numbered line appended so that it is a distinct article
(its own cache key), briefed in full like any other.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DAY = "2026-01-16"
SOURCES = [REPO / "tests" / "data" / "grouping" / "dev.jsonl", REPO / "tests" / "data" / "grouping" / "holdout.jsonl"]


@dataclass(frozen=True)
class Config:
    name: str
    workers: int  # 0: briefed in the nightly's own process
    threads: int  # per process


CONFIGS = (
    Config("in-process x1", 0, 1),
    Config("RQ 2 workers x1", 2, 1),
    Config("RQ 1 worker x1", 1, 1),
    Config("in-process x2", 0, 2),
)


# -- the night's articles ------------------------------------------------------------------------


def night_articles(count: int) -> list[dict]:
    """``count`` JSONL records: the public articles, repeats made distinct by a numbered line."""
    from bench.common import corpus_articles

    base: list[dict] = []
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            base.append({"text": record["text"], "published": record.get("published")})
    base += [{"text": text, "published": None} for text in corpus_articles()]
    records = []
    for i in range(count):
        item = base[i % len(base)]
        copy = i // len(base)
        text = item["text"] if copy == 0 else f"{item['text']}\n\nप्रति {copy + 1}।"
        records.append({"id": f"night-{i:05d}", "text": text, "published": item["published"]})
    return records


# -- child processes: a worker, and the night itself ---------------------------------------------------


def settings_for(model: Path, threads: int, data_dir: Path, redis_url: str | None):
    from service.config import Settings

    return Settings(model=str(model), guards=False, memory=False, warmup=False, torch_threads=threads,
                    data_dir=data_dir, redis_url=redis_url, bullets=5)


def fixed_pipeline(settings, ct2_model: Path):
    """The service's pipeline on the bench's fixed-length CTranslate2 generator, warmed up."""
    from bench.common import corpus_articles
    from bench.fixed import FixedLengthCt2
    from service.pipeline.brief import BriefPipeline, BriefRequest
    from service.runtime import configure_threads

    configure_threads(settings)
    generator = FixedLengthCt2(ct2_model, device="cpu", dtype="auto")
    pipeline = BriefPipeline(settings, lambda name: generator)
    pipeline.brief(BriefRequest(corpus_articles()[0][:1500]))  # warm-up, not part of any night
    return pipeline, generator


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_worker_child(args: argparse.Namespace) -> int:
    """An RQ worker as ``python -m service worker`` runs it, on the bench pipeline; on SIGTERM
    (RQ's warm shutdown) it writes its decoded tokens and peak memory to ``--result``."""
    from service.http.state import Services
    from service.http.worker import run_worker

    settings = settings_for(args.model, args.threads, args.data, args.redis)
    pipeline, generator = fixed_pipeline(settings, args.ct2)
    generator.tokens = 0
    services = Services.build(settings, pipeline=pipeline, runner="rq")
    code = run_worker(settings, services=services)
    args.result.write_text(json.dumps({"tokens": generator.tokens, "peak_rss_mb": peak_rss_mb()}))
    return code


def run_night_child(args: argparse.Namespace) -> int:
    """The nightly's steps (read, brief, group, render), timed; JSON on stdout."""
    from service.cache import build_cache
    from service.digest import rq_runner, runner
    from service.digest.articles import read_input
    from service.digest.digest import assemble
    from service.digest.render import write_digest
    from service.digest.store import BriefOptions

    settings = settings_for(args.model, args.threads, args.data, args.redis)
    articles, problems = read_input(args.input)
    options = BriefOptions(mode=settings.mode, bullets=settings.bullets, model=settings.model, revision=None)
    cache = build_cache(settings)
    tokens = None
    if args.redis:
        queue = replace(rq_runner.QueueSettings.from_settings(settings), poll_s=0.2)
        started = time.perf_counter()
        results = rq_runner.brief_articles(articles, cache, options, queue, args.batch, None)
    else:
        pipeline, generator = fixed_pipeline(settings, args.ct2)
        generator.tokens = 0
        started = time.perf_counter()
        results = runner.brief_articles(articles, pipeline, cache, options, args.batch, None)
        tokens = generator.tokens
    brief_s = time.perf_counter() - started
    started = time.perf_counter()
    digest = assemble(DAY, settings.mode, settings.model, articles, results.records, problems, settings.bullets,
                      out_dir=args.out)
    write_digest(digest, args.out)
    group_render_s = time.perf_counter() - started
    failed = [r for r in results.records.values() if r.get("status") != "ok"]
    print(json.dumps({"articles": len(articles), "generated": results.generated, "failed": len(failed),
                      "brief_s": brief_s, "group_render_s": group_render_s, "tokens": tokens,
                      "stories": len(digest.stories), "peak_rss_mb": peak_rss_mb()}))
    return 0


# -- the parent: servers, configurations, table ----------------------------------------------------------


class Redis:
    """A throwaway ``redis-server`` on a free loopback port (nothing saved to disk)."""

    def __init__(self, workdir: Path):
        from bench.serving import free_port

        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("bench.nightly needs redis-server (apt-get install redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        import redis

        self.client = redis.Redis.from_url(self.url)
        for _ in range(200):
            try:
                if self.client.ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        raise TimeoutError("redis-server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def child_command(kind: str, args: argparse.Namespace, threads: int, data: Path, redis_url: str | None) -> list[str]:
    command = [sys.executable, "-m", "bench.nightly", "--child", kind, "--model", str(args.model_dir),
               "--ct2", str(args.ct2_dir), "--threads", str(threads), "--data", str(data)]
    return command + (["--redis", redis_url] if redis_url else [])


def start_workers(args: argparse.Namespace, config: Config, redis: Redis, run_dir: Path) -> list[tuple[subprocess.Popen, Path]]:
    """Start the config's workers and wait until each one is warm and listening."""
    from rq import Queue, Worker

    from service.config import Settings

    workers = []
    for n in range(config.workers):
        result = run_dir / f"worker-{n}.json"
        command = child_command("worker", args, config.threads, run_dir / f"worker-{n}-data", redis.url)
        log = open(run_dir / f"worker-{n}.log", "ab")
        workers.append((subprocess.Popen(command + ["--result", str(result)], cwd=REPO, stdout=log, stderr=subprocess.STDOUT), result))
    queue = Queue(Settings().nightly_queue, connection=redis.client)
    deadline = time.monotonic() + 600
    while Worker.count(queue=queue) < config.workers:
        for proc, _ in workers:
            if proc.poll() is not None:
                raise RuntimeError(f"a worker exited at start; see {run_dir}/worker-*.log")
        if time.monotonic() > deadline:
            raise TimeoutError("workers did not start")
        time.sleep(0.2)
    return workers


def stop_workers(workers: list[tuple[subprocess.Popen, Path]]) -> list[dict]:
    for proc, _ in workers:
        proc.send_signal(signal.SIGTERM)  # RQ's warm shutdown: the worker reports, then exits
    reports = []
    for proc, result in workers:
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reports.append(json.loads(result.read_text()) if result.is_file() else {})
    return reports


def run_config(args: argparse.Namespace, config: Config, redis: Redis, night_file: Path) -> dict:
    run_dir = args.work / "nightly" / config.name.replace(" ", "-")
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    redis.client.flushdb()  # a fresh cache and queue: every configuration briefs every article
    workers = start_workers(args, config, redis, run_dir) if config.workers else []
    try:
        command = child_command("night", args, config.threads, run_dir / "night-data", redis.url if config.workers else None)
        command += ["--input", str(night_file), "--out", str(run_dir / "digest"), "--batch", str(args.batch_articles)]
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{config.name}: the night failed:\n{done.stderr[-3000:]}")
        night = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        reports = stop_workers(workers)
    if config.workers:
        night["tokens"] = sum(r.get("tokens", 0) for r in reports)
    night["worker_peak_rss_mb"] = [r.get("peak_rss_mb") for r in reports]
    night["config"] = config.name
    night["articles_per_s"] = night["articles"] / night["brief_s"]
    night["night_s"] = night["brief_s"] + night["group_render_s"]
    print(f"bench.nightly: {config.name}: {night['articles_per_s']:.3f} articles/s, night {night['night_s']:.1f} s",
          file=sys.stderr, flush=True)
    return night


def grouping_rows(smoke: bool) -> list[dict]:
    """Rows of bench/grouping.py (the grouping engineer's), when it is there: the lead wires them
    into this table at merge time through this one function."""
    if importlib.util.find_spec("bench.grouping") is None:
        return []
    from bench import grouping

    return list(grouping.rows(smoke))


def table(rows: list[dict], baseline: dict) -> str:
    lines = ["| configuration | articles/s | x in-process x1 | briefing s | group+render s | whole night s | "
             "peak MB (nightly; workers) | tokens/article |",
             "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        workers = "; ".join(f"{m:.0f}" for m in row["worker_peak_rss_mb"] if m) or "-"
        tokens = f"{row['tokens'] / row['articles']:.0f}" if row.get("tokens") else "-"
        lines.append(
            f"| {row['config']} | {row['articles_per_s']:.3f} | {row['articles_per_s'] / baseline['articles_per_s']:.2f}x | "
            f"{row['brief_s']:.1f} | {row['group_render_s']:.1f} | {row['night_s']:.1f} | "
            f"{row['peak_rss_mb']:.0f}; {workers} | {tokens} |"
        )
    return "\n".join(lines)


def verdict(rows: dict[str, dict]) -> list[str]:
    two, one = rows.get("RQ 2 workers x1"), rows.get("in-process x1")
    notes = []
    if two and one:
        ratio = two["articles_per_s"] / one["articles_per_s"]
        notes.append(f"target: RQ 2 workers x1 >= 1.8x in-process x1 (one process, same threads per process): "
                     f"{ratio:.2f}x -> {'met' if ratio >= 1.8 else 'NOT met'}")
    if two and rows.get("in-process x2"):
        same_cores = two["articles_per_s"] / rows["in-process x2"]["articles_per_s"]
        notes.append(f"same {os.cpu_count()} cores, processes vs threads: RQ 2 workers x1 = {same_cores:.2f}x in-process x2")
    if rows.get("RQ 1 worker x1") and one:
        overhead = rows["RQ 1 worker x1"]["articles_per_s"] / one["articles_per_s"]
        notes.append(f"RQ's own cost: RQ 1 worker x1 = {overhead:.2f}x in-process x1")
    return notes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from bench.common import DEFAULT_WORK

    p = argparse.ArgumentParser(prog="python -m bench.nightly", description=__doc__.split("\n\n")[0])
    p.add_argument("--smoke", action="store_true", help="tiny Marian, 24 articles (a test runs this)")
    p.add_argument("--articles", type=int, help="articles in the night (default: 2000; --smoke: 24)")
    p.add_argument("--batch-articles", type=int, help="articles per batch / RQ job (default: 8; --smoke: 4)")
    p.add_argument("--configs", help="comma-separated subset of: " + ", ".join(c.name for c in CONFIGS))
    p.add_argument("--work", type=Path, default=DEFAULT_WORK, help="models and run folders (reused between runs)")
    p.add_argument("--out", type=Path, help="write the results as JSON here")
    p.add_argument("--child", choices=("night", "worker"), help=argparse.SUPPRESS)
    for name in ("--model", "--ct2", "--data", "--input", "--result"):
        p.add_argument(name, type=Path, help=argparse.SUPPRESS)
    p.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    p.add_argument("--redis", help=argparse.SUPPRESS)
    p.add_argument("--batch", type=int, default=8, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child == "worker":
        return run_worker_child(args)
    if args.child == "night":
        return run_night_child(args)
    from bench.common import FULL, SMOKE, ct2_dir, model_dir

    profile = SMOKE if args.smoke else FULL
    args.articles = args.articles or (24 if args.smoke else 2000)
    args.batch_articles = args.batch_articles or (4 if args.smoke else 8)
    wanted = {c.strip() for c in args.configs.split(",")} if args.configs else {c.name for c in CONFIGS}
    configs = [c for c in CONFIGS if c.name in wanted]
    args.work.mkdir(parents=True, exist_ok=True)
    args.model_dir = model_dir(profile, args.work)
    args.ct2_dir = ct2_dir(args.model_dir)
    night_file = args.work / "nightly" / f"night-{args.articles}.jsonl"
    night_file.parent.mkdir(parents=True, exist_ok=True)
    night_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in night_articles(args.articles)),
                          encoding="utf-8")
    redis = Redis(args.work / "nightly")
    started = time.perf_counter()
    try:
        rows = [run_config(args, config, redis, night_file) for config in configs]
    finally:
        redis.stop()
    by_name = {row["config"]: row for row in rows}
    baseline = by_name.get("in-process x1", rows[0])
    command = "python -m bench.nightly " + " ".join(argv if argv is not None else sys.argv[1:])
    print(f"# {command}\n# {args.articles} articles, batches of {args.batch_articles}, model {profile.model} "
          f"(CTranslate2 int8, fixed decode lengths), {os.cpu_count()} CPUs, all processes on this one machine\n")
    print(table(rows, baseline))
    for note in verdict(by_name):
        print(note)
    extra = grouping_rows(args.smoke)
    if extra:
        print("\ngrouping (bench/grouping.py):")
        for row in extra:
            print(f"| {' | '.join(str(v) for v in row.values())} |")
    if args.out:
        args.out.write_text(json.dumps({"command": command, "articles": args.articles, "batch": args.batch_articles,
                                        "model": profile.model, "cpus": os.cpu_count(), "rows": rows,
                                        "grouping": extra, "notes": verdict(by_name),
                                        "wall_s": round(time.perf_counter() - started, 1)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
