"""Sections 3-6 over real HTTP: gunicorn with gunicorn.conf.py on loopback, the bench model.

(3) throughput with N concurrent clients sending distinct (uncached) articles, micro-batching on
vs off, and p50/p99 latency at 1 client; (4) cache-hit latency without load, and cache hits and
``/healthz`` while 16 and 32 clients keep asking for fresh briefs (``saturation``: the service's
own settings, request deadline included, so a 504 counts as an error); (5) RSS/PSS of master + workers
at 1 and 4 workers (``/proc/PID/smaps_rollup``); (6) cold start: spawn to the first /readyz 200.

The server decodes with the service's own length caps (no fixed-length hook over HTTP): random
weights never stop, so every output runs to ``BRIEFS_MAX_NEW_TOKENS`` (set per profile) - the same
tokens per input with micro-batching on and off.
"""
from __future__ import annotations

import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from bench.common import REPO, Profile, corpus_articles, device_name, summary_ms


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``gunicorn -c gunicorn.conf.py`` with BRIEFS_* overrides on a free loopback port."""

    def __init__(self, env: dict[str, str], workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        shutil.rmtree(workdir / "data", ignore_errors=True)  # a fresh cache: every run starts cold
        workdir.mkdir(parents=True, exist_ok=True)
        # No 504s: on a busy machine a request may wait minutes, and a timed-out one would count as served.
        self.env = {**os.environ, "HF_HUB_OFFLINE": "1", "BRIEFS_DATA_DIR": str(workdir / "data"),
                    "BRIEFS_DEVICE": device_name(), "BRIEFS_REQUEST_TIMEOUT": "900",
                    "BRIEFS_LOG_LEVEL": "warning", **env, "BRIEFS_BIND": f"127.0.0.1:{self.port}"}
        self.env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        self.log_path = workdir / "gunicorn.log"
        self.workers = int(self.env.get("BRIEFS_WORKERS", "1"))
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 300) -> float:
        """Start and wait until every worker is up and /readyz says ready; returns the cold start (s)."""
        started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(REPO / "gunicorn.conf.py")], cwd=REPO, env=self.env,
            stdout=open(self.log_path, "ab"), stderr=subprocess.STDOUT,
        )
        cold = None
        deadline = time.monotonic() + timeout
        while cold is None:
            self._check(deadline)
            try:
                if requests.get(self.url + "/readyz", timeout=5).status_code == 200:
                    cold = time.perf_counter() - started
            except requests.RequestException:
                pass
            if cold is None:
                time.sleep(0.05)
        # The other workers warm up in parallel: wait until all exist and memory has settled.
        while len(self.worker_pids()) < self.workers:
            self._check(deadline)
            time.sleep(0.2)
        self.settle(deadline)
        return cold

    def settle(self, deadline: float) -> None:
        """Until the workers' total PSS changes by < 1% over a second (warm-ups done)."""
        last = -1.0
        while time.monotonic() < deadline:
            total = sum(memory(pid)["pss_mb"] for pid in self.worker_pids())
            if last > 0 and abs(total - last) < 0.01 * last:
                return
            last = total
            time.sleep(1.0)

    def _check(self, deadline: float) -> None:
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log_path}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"gunicorn not ready in time; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        if self.proc is None:
            return []
        try:
            children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        except OSError:
            return []
        return [int(c) for c in children]

    def memory(self) -> dict:
        assert self.proc is not None
        workers = [memory(pid) for pid in self.worker_pids()]
        master = memory(self.proc.pid)
        return {"workers": len(workers), "master": master, "per_worker": workers,
                "total_rss_mb": round(master["rss_mb"] + sum(w["rss_mb"] for w in workers), 1),
                "total_pss_mb": round(master["pss_mb"] + sum(w["pss_mb"] for w in workers), 1)}

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def memory(pid: int) -> dict[str, float]:
    """RSS and PSS (MB) of one process from /proc/PID/smaps_rollup."""
    values = {"rss_mb": 0.0, "pss_mb": 0.0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss"):
                values[key.lower() + "_mb"] = round(int(rest.split()[0]) / 1024, 1)
    except OSError:
        pass
    return values


def distinct_articles(count: int, tag: str) -> list[str]:
    """``count`` different articles: corpus articles, each with a unique closing line (cache misses)."""
    base = corpus_articles()
    return [f"{base[i % len(base)]}\n\nसंदर्भ {tag}-{i} ।" for i in range(count)]


# A client refused with 503 (every generation slot busy) sends the same article again after this long
# at most (Retry-After asks for more): throughput counts served articles, and the refusals are reported.
RETRY_S = 0.25


def post(session: requests.Session, url: str, text: str) -> tuple[float, int, int]:
    """(seconds until served, status, 503s on the way): a refused article is sent again."""
    started, refused = time.perf_counter(), 0
    while True:
        response = session.post(url + "/v1/briefs", json={"text": text}, timeout=600)
        if response.status_code != 503 or response.json().get("code") != "overloaded":
            return time.perf_counter() - started, response.status_code, refused
        refused += 1
        time.sleep(min(RETRY_S, float(response.headers.get("Retry-After", RETRY_S))))


def throughput(url: str, articles: list[str], clients: int) -> dict:
    work: queue.Queue[str] = queue.Queue()
    for a in articles:
        work.put(a)
    latencies: list[float] = []
    errors: list[int] = []
    refusals = [0]
    lock = threading.Lock()

    def client() -> None:
        session = requests.Session()
        while True:
            try:
                text = work.get_nowait()
            except queue.Empty:
                return
            seconds, status, refused = post(session, url, text)
            with lock:
                latencies.append(seconds)
                refusals[0] += refused
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"clients": clients, "requests": len(articles), "errors": len(errors), "refused_503": refusals[0],
            "seconds": round(elapsed, 2),
            "rps": round(len(articles) / elapsed, 3), **summary_ms(latencies)}


def sequential(url: str, articles: list[str]) -> dict:
    session = requests.Session()
    samples, errors = [], 0
    for text in articles:
        seconds, status, _ = post(session, url, text)
        samples.append(seconds)
        errors += status != 200
    return {"errors": errors, **summary_ms(samples)}


def cache_hits(url: str, n: int) -> dict:
    session = requests.Session()
    body = {"text": corpus_articles(1)[0]}
    first = session.post(url + "/v1/briefs", json=body, timeout=600)
    assert first.status_code == 200, first.text
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        response = session.post(url + "/v1/briefs", json=body, timeout=60)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200 and response.json()["cached"], response.text[:300]
    return summary_ms(samples)


# Seconds of load per generating-client count, by profile: section (4) under saturation.
SATURATION = {"full": ((16, 32), 45.0), "smoke": ((16, 32), 5.0)}


def run_saturation(profile: Profile, env: dict[str, str], work: Path) -> list[dict]:
    """Section (4) under load, on a server with the service's own deadline (BRIEFS_REQUEST_TIMEOUT)."""
    counts, seconds = SATURATION[profile.name]
    settings = {key: value for key, value in env.items() if key != "BRIEFS_REQUEST_TIMEOUT"}
    with Server({**settings, "BRIEFS_REQUEST_TIMEOUT": "60"}, work / "http-saturation") as server:
        server.start()
        hit = corpus_articles(1)[0]
        first = requests.post(server.url + "/v1/briefs", json={"text": hit}, timeout=600)
        assert first.status_code == 200, first.text[:300]
        return [saturation(server.url, hit, clients, seconds, f"sat-{clients}") for clients in counts]


def engine_env(engine: str, ct2_model: Path) -> dict[str, str]:
    """Server settings for ``python -m bench --engine``: auto is the service's default (no setting)."""
    if engine == "ctranslate2":
        return {"BRIEFS_BACKEND": "ctranslate2", "BRIEFS_MODEL": str(ct2_model)}
    return {} if engine == "auto" else {"BRIEFS_BACKEND": engine}


def run_http(profile: Profile, model: Path, work: Path, workers: int, threads: int, engine: str = "auto",
             ct2_model: Path | None = None) -> dict:
    """Sections 3, 4, 6 (and 5's 1-worker figure when ``workers`` is 1): the default engine with
    micro-batching on and off, and the same server on transformers (float32 on CPU).

    The translation memory is off (BRIEFS_MEMORY=0): the distinct articles share corpus sentences,
    which it would serve without the model; ``bench/editorial.py`` measures the memory."""
    base_env = {"BRIEFS_MODEL": str(model), "BRIEFS_GUARDS": "0", "BRIEFS_MEMORY": "0", "BRIEFS_THREADS": str(threads),
                "BRIEFS_WORKERS": str(workers), "BRIEFS_MAX_NEW_TOKENS": str(profile.http_max_new_tokens)}
    default = {**base_env, **engine_env(engine, ct2_model or model)}
    out: dict = {"workers": workers, "threads": threads, "max_new_tokens": profile.http_max_new_tokens}
    servers = (("on", {**default, "BRIEFS_MICROBATCH": "1"}), ("off", {**default, "BRIEFS_MICROBATCH": "0"}),
               ("transformers", {**base_env, "BRIEFS_BACKEND": "transformers", "BRIEFS_MICROBATCH": "1"}))
    for mode, env in servers:
        with Server(env, work / f"http-{mode}") as server:
            cold = server.start()
            if mode == "on":
                out["cold_start_s"] = round(cold, 2)
                out["memory"] = server.memory()
            # One request per client first so every worker has run a full-size generation.
            throughput(server.url, distinct_articles(profile.http_clients, f"warm-{mode}"), profile.http_clients)
            out[f"throughput_{mode}"] = throughput(
                server.url, distinct_articles(profile.http_requests, f"tp-{mode}"), profile.http_clients)
            if mode != "transformers":
                out[f"latency_1_client_{mode}"] = sequential(
                    server.url, distinct_articles(profile.latency_requests, f"lat-{mode}"))
            if mode == "on":
                out["cache_hit"] = cache_hits(server.url, profile.hit_requests)
    out["saturation"] = run_saturation(profile, {**default, "BRIEFS_MICROBATCH": "1"}, work)
    out["microbatch_speedup"] = round(out["throughput_on"]["rps"] / out["throughput_off"]["rps"], 2)
    out["engine_speedup"] = round(out["throughput_on"]["rps"] / out["throughput_transformers"]["rps"], 2)
    return out


def run_memory(model: Path, work: Path, threads: int, many: int, one_worker: dict | None = None,
               engine: dict[str, str] | None = None) -> dict:
    """Section 5: master + workers RSS/PSS after warm-up at 1 and ``many`` workers (``one_worker``: already measured)."""
    out: dict = {"many": many}
    for workers in (1, many):
        if workers == 1 and one_worker is not None:
            out["1"] = one_worker
            continue
        env = {"BRIEFS_MODEL": str(model), "BRIEFS_GUARDS": "0", "BRIEFS_WORKERS": str(workers),
               "BRIEFS_THREADS": str(threads), **(engine or {})}
        with Server(env, work / f"mem-{workers}") as server:
            cold = server.start()
            out[str(workers)] = {**server.memory(), "cold_start_s": round(cold, 2)}
    one, more = out["1"], out[str(many)]
    out["extra_worker_pss_mb"] = round((more["total_pss_mb"] - one["total_pss_mb"]) / (many - 1), 1)
    out["extra_worker_rss_mb"] = round((more["total_rss_mb"] - one["total_rss_mb"]) / (many - 1), 1)
    return out


def saturation(url: str, hit_text: str, generating: int, seconds: float, tag: str) -> dict:
    """Cache hits and ``/healthz`` measured while ``generating`` clients keep asking for fresh briefs.

    Each generating client posts distinct (uncached) articles back to back for ``seconds``; after a
    503 it waits what ``Retry-After`` asks, at most 1 s (an impatient client: more pressure than a
    polite one). One prober posts the cached ``hit_text`` and one probes ``/healthz``, each every
    20 ms. Errors are answers other than 200 and the documented 503 (``overloaded``), and transport
    failures; a 504 counts as an error.
    """
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    statuses: dict[str, int] = {}
    errors: list[str] = []
    hit_s: list[float] = []
    health_s: list[float] = []
    fresh_s: list[float] = []
    articles = iter(distinct_articles(100_000, tag))

    def note(kind: str, status: int | str) -> None:
        with lock:
            statuses[f"{kind} {status}"] = statuses.get(f"{kind} {status}", 0) + 1
            if status not in (200, 503) or (kind != "fresh" and status != 200):
                errors.append(f"{kind} {status}")

    def generator() -> None:
        session = requests.Session()
        while time.monotonic() < stop:
            with lock:
                text = next(articles)
            started = time.perf_counter()
            try:
                response = session.post(url + "/v1/briefs", json={"text": text}, timeout=120)
            except requests.RequestException as exc:
                note("fresh", type(exc).__name__)
                continue
            note("fresh", response.status_code)
            if response.status_code == 200:
                with lock:
                    fresh_s.append(time.perf_counter() - started)
            elif response.status_code == 503:
                time.sleep(min(1.0, float(response.headers.get("Retry-After", 1))))

    def prober(kind: str, samples: list[float], call) -> None:
        session = requests.Session()
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                status = call(session).status_code
            except requests.RequestException as exc:
                note(kind, type(exc).__name__)
                continue
            elapsed = time.perf_counter() - started
            note(kind, status)
            if status == 200:
                with lock:
                    samples.append(elapsed)
            time.sleep(0.02)

    hit_body = {"text": hit_text}
    threads = [threading.Thread(target=generator) for _ in range(generating)]
    threads.append(threading.Thread(target=prober, args=(
        "cached", hit_s, lambda s: s.post(url + "/v1/briefs", json=hit_body, timeout=120))))
    threads.append(threading.Thread(target=prober, args=(
        "healthz", health_s, lambda s: s.get(url + "/healthz", timeout=120))))
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"generating_clients": generating, "seconds": round(time.perf_counter() - started, 1),
            "statuses": statuses, "errors": len(errors), "error_kinds": sorted(set(errors)),
            "fresh_served": len(fresh_s), "fresh": summary_ms(fresh_s),
            "cached": summary_ms(hit_s), "healthz": summary_ms(health_s)}
