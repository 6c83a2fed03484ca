"""A night of N articles briefed in one process vs by RQ worker processes, on this one machine.

``python -m bench.nightly`` (real-size random-weight opus-mt-hi-en on the default CPU engine,
CTranslate2 int8, N = 2,000 by default: hours on 2 shared cores; ``--articles 128`` fits in about
40 minutes) or ``python -m bench.nightly --smoke`` (tiny Marian, 24 articles, a few minutes).

Configurations, over the same articles (each configuration gets its own copy of them, so that no
result comes from another's cache):

- ``in-process xT``: today's nightly without Redis, one process with T threads (T = 1 and 2);
- ``RQ W worker(s) x1``: the nightly enqueues batches on a throwaway redis-server on loopback and
  W ``python -m service worker``-equivalent processes (same machine, 1 thread each, their own queue)
  brief them.

The machine is shared, and its load moves by a factor of two within minutes, so the night is cut
into ``--rounds`` slices and the configurations take turns slice by slice (the order rotating each
round): every configuration sees the same mix of quiet and busy minutes. Besides wall time, each
process counts its CPU seconds while it briefs (``getrusage``); CPU seconds per article do not
depend on how many other processes share the cores.

"2 workers >= 1.8x one process" compares ``RQ 2 workers x1`` with ``in-process x1``: processes with
the same thread count, which is how a night scales over hosts (one worker per host or per core).
On this 2-core machine it is also compared with ``in-process x2``, the same two cores used by one
process's threads: that ratio says whether processes beat threads here, not whether the night
scales. Every generation decodes a fixed number of tokens per input (``bench/common.py``), guards
and the translation memory are off (random weights fail every guard; copies share sentences), so
every configuration does the same model work (the table shows tokens per article).

Timed: briefing (enqueue -> every result read back; in process: the ``brief_many`` batches), then
grouping and rendering the digest (the rest of ``nightly``); not timed: imports, model loading and
one warm-up brief per process, done before a night starts. Peak memory: ``VmHWM`` of each process
(the nightly and each worker).

The articles are the 129 public articles of tests/data/grouping (dev + holdout) and the shared
corpus, repeated as needed; every article gets a numbered line appended (the copy and the
configuration), so that each is a distinct article (its own cache key), briefed in full.
"""
from __future__ import annotations

import argparse
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

    @property
    def queue(self) -> str:
        return f"bench-nightly-{self.workers}w"


CONFIGS = (
    Config("in-process x1", 0, 1),
    Config("RQ 2 workers x1", 2, 1),
    Config("RQ 1 worker x1", 1, 1),
    Config("in-process x2", 0, 2),
)


# -- the night's articles ------------------------------------------------------------------------


def base_articles() -> list[dict]:
    from bench.common import corpus_articles

    base: list[dict] = []
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            base.append({"text": record["text"], "published": record.get("published")})
    return base + [{"text": text, "published": None} for text in corpus_articles()]


def night_slice(base: list[dict], start: int, stop: int, config_index: int) -> list[dict]:
    """Articles ``start`` to ``stop`` of the night, as configuration ``config_index`` gets them:
    the public article, a numbered line appended (copy and configuration) to make it distinct."""
    records = []
    for i in range(start, stop):
        item = base[i % len(base)]
        text = f"{item['text']}\n\nप्रति {i // len(base) + 1}-{config_index + 1}।"
        records.append({"id": f"night-{i:05d}", "text": text, "published": item["published"]})
    return records


# -- child processes: a worker, and the night itself ---------------------------------------------------


def settings_for(args: argparse.Namespace):
    from service.config import Settings

    return Settings(model=str(args.model), guards=False, memory=False, warmup=False, torch_threads=args.threads,
                    data_dir=args.data, redis_url=args.redis, bullets=5, nightly_queue=args.queue)


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
    """This process's peak resident memory (``ru_maxrss`` would carry the parent's over fork+exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_worker_child(args: argparse.Namespace) -> int:
    """An RQ worker as ``python -m service worker`` runs it, on the bench pipeline; on SIGTERM
    (RQ's warm shutdown) it writes its decoded tokens, CPU seconds spent serving (after its
    warm-up) and peak memory to ``--result``."""
    from service.http.state import Services
    from service.http.worker import run_worker

    settings = settings_for(args)
    pipeline, generator = fixed_pipeline(settings, args.ct2)
    generator.tokens = 0
    services = Services.build(settings, pipeline=pipeline, runner="rq")
    ready_cpu = cpu_s()
    code = run_worker(settings, services=services)
    args.result.write_text(json.dumps({"tokens": generator.tokens, "cpu_s": cpu_s() - ready_cpu,
                                       "peak_rss_mb": peak_rss_mb()}))
    return code


def run_night_child(args: argparse.Namespace) -> int:
    """The nightly's steps (read, brief, group, render), timed; JSON on stdout."""
    from service.cache import build_cache
    from service.digest import rq_runner, runner
    from service.digest.articles import read_input
    from service.digest.digest import assemble
    from service.digest.render import write_digest
    from service.digest.store import BriefOptions

    settings = settings_for(args)
    articles, problems = read_input(args.input)
    options = BriefOptions(mode=settings.mode, bullets=settings.bullets, model=settings.model, revision=None)
    cache = build_cache(settings)
    tokens = None
    if args.redis:
        queue = replace(rq_runner.QueueSettings.from_settings(settings), poll_s=0.2)
        started, cpu = time.perf_counter(), cpu_s()
        results = rq_runner.brief_articles(articles, cache, options, queue, args.batch, None)
    else:
        pipeline, generator = fixed_pipeline(settings, args.ct2)
        generator.tokens = 0
        started, cpu = time.perf_counter(), cpu_s()
        results = runner.brief_articles(articles, pipeline, cache, options, args.batch, None)
        tokens = generator.tokens
    brief_s, brief_cpu_s = time.perf_counter() - started, cpu_s() - cpu
    started = time.perf_counter()
    digest = assemble(DAY, settings.mode, settings.model, articles, results.records, problems, settings.bullets,
                      out_dir=args.out)
    write_digest(digest, args.out)
    group_render_s = time.perf_counter() - started
    failed = [r for r in results.records.values() if r.get("status") != "ok"]
    print(json.dumps({"articles": len(articles), "generated": results.generated, "failed": len(failed),
                      "brief_s": brief_s, "brief_cpu_s": brief_cpu_s, "group_render_s": group_render_s,
                      "tokens": tokens, "stories": len(digest.stories), "peak_rss_mb": peak_rss_mb()}))
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


def child_command(kind: str, args: argparse.Namespace, config: Config, data: Path, redis_url: str | None) -> list[str]:
    command = [sys.executable, "-m", "bench.nightly", "--child", kind, "--model", str(args.model_dir),
               "--ct2", str(args.ct2_dir), "--threads", str(config.threads), "--data", str(data), "--queue", config.queue]
    return command + (["--redis", redis_url] if redis_url else [])


@dataclass
class Workers:
    procs: list[tuple[subprocess.Popen, Path]]

    @classmethod
    def start(cls, args: argparse.Namespace, config: Config, redis: Redis, run_dir: Path) -> "Workers":
        """Start the config's workers (on its own queue) and wait until each one is warm and listening."""
        from rq import Queue, Worker

        procs = []
        for n in range(config.workers):
            result = run_dir / f"worker-{n}.json"
            command = child_command("worker", args, config, run_dir / f"worker-{n}-data", redis.url)
            log = open(run_dir / f"worker-{n}.log", "ab")
            procs.append((subprocess.Popen(command + ["--result", str(result)], cwd=REPO, stdout=log,
                                           stderr=subprocess.STDOUT), result))
        workers = cls(procs)
        queue = Queue(config.queue, connection=redis.client)
        deadline = time.monotonic() + 900
        while Worker.count(queue=queue) < config.workers:
            if any(proc.poll() is not None for proc, _ in procs) or time.monotonic() > deadline:
                workers.stop()
                raise RuntimeError(f"{config.name}: workers did not start; see {run_dir}/worker-*.log")
            time.sleep(0.2)
        return workers

    def stop(self) -> list[dict]:
        for proc, _ in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)  # RQ's warm shutdown: the worker reports, then exits
        reports = []
        for proc, result in self.procs:
            try:
                proc.wait(120)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            reports.append(json.loads(result.read_text()) if result.is_file() else {})
        return reports


def run_night(args: argparse.Namespace, config: Config, redis: Redis, night_file: Path, run_dir: Path) -> dict:
    load = os.getloadavg()[0]
    command = child_command("night", args, config, run_dir / "night-data", redis.url if config.workers else None)
    command += ["--input", str(night_file), "--out", str(run_dir / "digest"), "--batch", str(args.batch_articles)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{config.name}: the night failed:\n{done.stderr[-3000:]}")
    night = json.loads(done.stdout.strip().splitlines()[-1])
    night["load"] = (load + os.getloadavg()[0]) / 2
    return night


def summarize(config: Config, nights: list[dict], reports: list[dict]) -> dict:
    """One row: the config's rounds added up, its workers' reports."""
    row = {"config": config.name, "processes": max(1, config.workers), "threads": config.threads,
           "rounds": len(nights)}
    for name in ("articles", "generated", "failed", "brief_s", "brief_cpu_s", "group_render_s", "stories"):
        row[name] = sum(n[name] for n in nights)
    row["tokens"] = sum(r.get("tokens", 0) for r in reports) if config.workers else sum(n["tokens"] for n in nights)
    row["cpu_s"] = row["brief_cpu_s"] + sum(r.get("cpu_s", 0.0) for r in reports)
    row["peak_rss_mb"] = max(n["peak_rss_mb"] for n in nights)
    row["worker_peak_rss_mb"] = [r.get("peak_rss_mb") for r in reports]
    row["load"] = sum(n["load"] for n in nights) / len(nights)
    row["articles_per_s"] = row["articles"] / row["brief_s"]
    row["cpu_s_per_article"] = row["cpu_s"] / row["articles"]
    row["night_s"] = row["brief_s"] + row["group_render_s"]
    return row


def run_all(args: argparse.Namespace, configs: list[Config], redis: Redis) -> list[dict]:
    """Every configuration over every slice of the night, taking turns slice by slice."""
    root = args.work / "nightly"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    base = base_articles()
    per_round = -(-args.articles // args.rounds)
    workers: dict[str, Workers] = {}
    nights: dict[str, list[dict]] = {c.name: [] for c in configs}
    try:
        for config in configs:
            if config.workers:
                (root / config.queue).mkdir()
                workers[config.name] = Workers.start(args, config, redis, root / config.queue)
        for round_ in range(args.rounds):
            start, stop = round_ * per_round, min(args.articles, (round_ + 1) * per_round)
            for config in configs[round_ % len(configs):] + configs[: round_ % len(configs)]:
                index = CONFIGS.index(config)
                run_dir = root / f"{config.name.replace(' ', '-')}-{round_}"
                run_dir.mkdir()
                night_file = run_dir / "night.jsonl"
                night_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                              for r in night_slice(base, start, stop, index)), encoding="utf-8")
                nights[config.name].append(run_night(args, config, redis, night_file, run_dir))
                last = nights[config.name][-1]
                print(f"bench.nightly: round {round_ + 1}/{args.rounds} {config.name}: {last['articles']} articles in "
                      f"{last['brief_s']:.1f} s (load {last['load']:.1f})", file=sys.stderr, flush=True)
    finally:
        reports = {name: w.stop() for name, w in workers.items()}
    return [summarize(c, nights[c.name], reports.get(c.name, [])) for c in configs]


def grouping_rows(smoke: bool) -> list[dict]:
    """Grouping alone at 100 / 500 / 2,000 / 10,000 articles and continuity look-ups (bench/grouping.py)."""
    from bench import grouping

    return list(grouping.rows(smoke))


def table(rows: list[dict], baseline: dict) -> str:
    lines = ["| configuration | articles/s | x in-process x1 | CPU s / article | briefing s | group+render s | "
             "whole night s | peak MB (nightly; workers) | tokens / article | mean load |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        workers = "; ".join(f"{m:.0f}" for m in row["worker_peak_rss_mb"] if m) or "-"
        lines.append(
            f"| {row['config']} | {row['articles_per_s']:.3f} | {row['articles_per_s'] / baseline['articles_per_s']:.2f}x | "
            f"{row['cpu_s_per_article']:.2f} | {row['brief_s']:.1f} | {row['group_render_s']:.1f} | {row['night_s']:.1f} | "
            f"{row['peak_rss_mb']:.0f}; {workers} | {row['tokens'] / row['articles']:.0f} | {row['load']:.1f} |"
        )
    return "\n".join(lines)


def verdict(rows: dict[str, dict]) -> list[str]:
    two, one, threads = rows.get("RQ 2 workers x1"), rows.get("in-process x1"), rows.get("in-process x2")
    notes = []
    if two and one:
        ratio = two["articles_per_s"] / one["articles_per_s"]
        notes.append(f"target: RQ 2 workers x1 >= 1.8x in-process x1 (one process, same threads per process): "
                     f"{ratio:.2f}x measured -> {'met' if ratio >= 1.8 else 'NOT met'}")
        notes.append(f"CPU s per article: RQ 2 workers x1 {two['cpu_s_per_article']:.2f} vs in-process x1 "
                     f"{one['cpu_s_per_article']:.2f} ({two['cpu_s_per_article'] / one['cpu_s_per_article']:.2f}x the work)")
    if two and threads:
        same_cores = two["articles_per_s"] / threads["articles_per_s"]
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
    p.add_argument("--rounds", type=int, help="slices the configurations take turns on (default: 8; --smoke: 1)")
    p.add_argument("--batch-articles", type=int, help="articles per batch / RQ job (default: 8; --smoke: 4)")
    p.add_argument("--configs", help="comma-separated subset of: " + ", ".join(c.name for c in CONFIGS))
    p.add_argument("--work", type=Path, default=DEFAULT_WORK, help="models and run folders (reused between runs)")
    p.add_argument("--out", type=Path, help="write the results as JSON here")
    p.add_argument("--child", choices=("night", "worker"), help=argparse.SUPPRESS)
    for name in ("--model", "--ct2", "--data", "--input", "--result"):
        p.add_argument(name, type=Path, help=argparse.SUPPRESS)
    p.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    p.add_argument("--redis", help=argparse.SUPPRESS)
    p.add_argument("--queue", help=argparse.SUPPRESS)
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
    args.rounds = max(1, min(args.articles, args.rounds or (1 if args.smoke else 8)))
    args.batch_articles = args.batch_articles or (4 if args.smoke else 8)
    wanted = {c.strip() for c in args.configs.split(",")} if args.configs else {c.name for c in CONFIGS}
    configs = [c for c in CONFIGS if c.name in wanted]
    args.work.mkdir(parents=True, exist_ok=True)
    args.model_dir = model_dir(profile, args.work)
    args.ct2_dir = ct2_dir(args.model_dir)
    redis = Redis(args.work)
    started = time.perf_counter()
    try:
        rows = run_all(args, configs, redis)
    finally:
        redis.stop()
    by_name = {row["config"]: row for row in rows}
    baseline = by_name.get("in-process x1", rows[0])
    command = "python -m bench.nightly " + " ".join(argv if argv is not None else sys.argv[1:])
    print(f"# {command}\n# {args.articles} articles in {args.rounds} rounds, batches of {args.batch_articles}, model "
          f"{profile.model} (CTranslate2 int8, fixed decode lengths), {os.cpu_count()} CPUs, every process on this "
          "one machine\n")
    print(table(rows, baseline))
    for note in verdict(by_name):
        print(note)
    extra = grouping_rows(args.smoke)
    from bench import grouping

    print("\ngrouping (bench/grouping.py):")
    print(grouping.table(extra))
    if args.out:
        args.out.write_text(json.dumps({"command": command, "articles": args.articles, "rounds": args.rounds,
                                        "batch": args.batch_articles, "model": profile.model, "cpus": os.cpu_count(),
                                        "rows": rows, "grouping": extra, "notes": verdict(by_name),
                                        "wall_s": round(time.perf_counter() - started, 1)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
