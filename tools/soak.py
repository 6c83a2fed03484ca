"""A bounded soak of a running (or self-started) service: a mix of cache hits, misses, batches and
async jobs at a fixed rate for a fixed time, then a report.

    python tools/soak.py --spawn --duration 600 --rate 8          # `make soak`: its own gunicorn
    python tools/soak.py --url http://127.0.0.1:8000 --pid PID    # a service already running
    python tools/soak.py --spawn --duration 20 --json soak.json   # the short version

Traffic goes only to the given URL (loopback in every use here); the loop is bounded by
``--duration`` and every job is waited for at most ``--job-timeout`` seconds, so it always ends.
The report: requests sent, answers by kind and status, transport errors by type, latency
percentiles, async jobs submitted / finished / failed / lost (never reached an end state), and the
server's resident memory (master + workers) after the warm-up and at the end.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "hi-news"
FALLBACK_ARTICLES = [
    "प्रधानमंत्री ने बुधवार को नई दिल्ली में एक बैठक की। बैठक में 12 राज्यों के मुख्यमंत्री शामिल हुए। सरकार ने किसानों के लिए नई योजना की घोषणा की।",
    "मुंबई में भारी बारिश के कारण कई इलाकों में पानी भर गया। मौसम विभाग ने अगले दो दिनों के लिए चेतावनी जारी की है। स्कूल बंद रहेंगे।",
    "भारतीय क्रिकेट टीम ने तीसरे मैच में 45 रन से जीत दर्ज की। कप्तान ने गेंदबाजों की तारीफ की। श्रृंखला अब 2-1 पर है।",
]
MIX = {"hit": 0.55, "miss": 0.2, "batch": 0.15, "async": 0.1}
OK = {"hit": {200}, "miss": {200}, "batch": {200}, "async": {202}}


def load_articles(limit: int = 6) -> list[str]:
    texts = [p.read_text(encoding="utf-8")[:6000] for p in sorted(CORPUS.glob("*.txt"))[:limit]]
    return texts or FALLBACK_ARTICLES


def unique(text: str) -> str:
    return text + f"\n\nयह परीक्षण संख्या {uuid.uuid4().int % 10**9} है।"


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)

    return {"p50_ms": at(0.5), "p90_ms": at(0.9), "p99_ms": at(0.99), "max_ms": round(ordered[-1] * 1000, 1), "n": len(ordered)}


def rss_kib(pid: int | None) -> int | None:
    """Resident memory of ``pid`` and its children (gunicorn master + workers), KiB."""
    if pid is None:
        return None
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    pids.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


@dataclass
class Report:
    duration_s: float = 0.0
    target_rate: float = 0.0
    requests: int = 0
    status: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    transport_errors: Counter = field(default_factory=Counter)
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    jobs: Counter = field(default_factory=Counter)
    job_errors: Counter = field(default_factory=Counter)
    rss_start_kib: int | None = None
    rss_end_kib: int | None = None
    ok: dict[str, set[int]] = field(default_factory=lambda: dict(OK))

    def unexpected(self) -> dict[str, int]:
        """Answers outside each kind's expected statuses, and transport errors."""
        bad: Counter = Counter()
        for kind, counts in self.status.items():
            for status, n in counts.items():
                if int(status) not in self.ok.get(kind, OK[kind]):
                    bad[f"{kind}:{status}"] += n
        for name, n in self.transport_errors.items():
            bad[f"transport:{name}"] += n
        return dict(bad)

    def as_dict(self) -> dict[str, Any]:
        every = [v for values in self.latency.values() for v in values]
        growth = None
        if self.rss_start_kib and self.rss_end_kib:
            growth = round(100.0 * (self.rss_end_kib - self.rss_start_kib) / self.rss_start_kib, 1)
        return {
            "duration_s": round(self.duration_s, 1),
            "target_rate_per_s": self.target_rate,
            "achieved_rate_per_s": round(self.requests / self.duration_s, 2) if self.duration_s else 0,
            "requests": self.requests,
            "status_by_kind": {k: {str(s): n for s, n in sorted(v.items())} for k, v in sorted(self.status.items())},
            "transport_errors": dict(self.transport_errors),
            "unexpected": self.unexpected(),
            "latency": {"all": percentiles(every), **{k: percentiles(v) for k, v in sorted(self.latency.items())}},
            "jobs": {"submitted": self.jobs["submitted"], "finished": self.jobs["finished"], "failed": self.jobs["failed"],
                     "lost": self.jobs["lost"], "failed_by_code": dict(self.job_errors)},
            "rss_kib": {"start": self.rss_start_kib, "end": self.rss_end_kib, "growth_pct": growth},
        }


class Soak:
    """Worker threads take slots ``start + k / rate`` (a fixed arrival rate, not a closed loop)."""

    def __init__(self, url: str, *, duration: float, rate: float, threads: int = 4, headers: dict[str, str] | None = None,
                 server_pid: int | None = None, warmup: int = 1, job_timeout: float = 60.0, seed: int = 7,
                 articles: list[str] | None = None, timeout: float = 60.0, mix: dict[str, float] | None = None,
                 ok: dict[str, set[int]] | None = None):
        self.url = url.rstrip("/")
        self.duration, self.rate, self.threads = duration, rate, threads
        self.headers = headers or {}
        self.server_pid = server_pid
        self.warmup = warmup
        self.job_timeout = job_timeout
        self.timeout = timeout
        self.articles = articles or load_articles()
        self.mix = mix or MIX
        self.random = random.Random(seed)
        self.report = Report(target_rate=rate, ok={**OK, **(ok or {})})
        self._lock = threading.Lock()
        self._slot = 0
        self._jobs: list[str] = []

    # -- traffic ------------------------------------------------------------------------------

    def _kind(self) -> str:
        with self._lock:
            roll = self.random.random() * sum(self.mix.values())
        for kind, share in self.mix.items():
            if roll < share:
                return kind
            roll -= share
        return "hit"

    def _request(self, session: requests.Session, kind: str) -> None:
        hot = self.articles[self._slot % len(self.articles)]
        if kind == "hit":
            call = ("/v1/briefs", {"text": hot, "bullets": 3})
        elif kind == "miss":
            call = ("/v1/briefs", {"text": unique(hot), "bullets": 3})
        elif kind == "batch":
            call = ("/v1/briefs/batch", {"articles": [{"id": "hot", "text": hot}, {"id": "new", "text": unique(hot)}], "bullets": 3})
        else:
            call = ("/v1/briefs?async=true", {"text": unique(hot), "bullets": 3})
        started = time.perf_counter()
        try:
            response = session.post(self.url + call[0], json=call[1], headers=self.headers, timeout=self.timeout)
        except requests.RequestException as exc:
            with self._lock:
                self.report.requests += 1
                self.report.transport_errors[type(exc).__name__] += 1
            return
        elapsed = time.perf_counter() - started
        with self._lock:
            self.report.requests += 1
            self.report.status[kind][response.status_code] += 1
            self.report.latency[kind].append(elapsed)
            if kind == "async" and response.status_code == 202:
                self._jobs.append(response.headers["Location"])
                self.report.jobs["submitted"] += 1

    def _worker(self, start: float, stop: threading.Event) -> None:
        session = requests.Session()
        while not stop.is_set():
            with self._lock:
                slot = self._slot
                self._slot += 1
            when = start + slot / self.rate
            if when - start >= self.duration:
                return
            delay = when - time.monotonic()
            if delay > 0 and stop.wait(delay):
                return
            self._request(session, self._kind())

    # -- phases -------------------------------------------------------------------------------

    def warm(self) -> None:
        """Make the hot articles cache hits, then let the server settle before measuring memory."""
        for text in self.articles:
            for _ in range(self.warmup):
                requests.post(self.url + "/v1/briefs", json={"text": text, "bullets": 3}, headers=self.headers, timeout=120)
        self.report.rss_start_kib = rss_kib(self.server_pid)

    def collect_jobs(self) -> None:
        """Every submitted job must end (finished or failed) within ``job_timeout``: else it is lost."""
        deadline = time.monotonic() + self.job_timeout
        pending = list(self._jobs)
        session = requests.Session()
        while pending and time.monotonic() < deadline:
            still = []
            for location in pending:
                try:
                    record = session.get(self.url + location, headers=self.headers, timeout=10).json()
                except (requests.RequestException, ValueError):
                    still.append(location)
                    continue
                if record.get("status") == "finished":
                    self.report.jobs["finished"] += 1
                elif record.get("status") == "failed":
                    self.report.jobs["failed"] += 1
                    self.report.job_errors[(record.get("error") or {}).get("code", "?")] += 1
                else:
                    still.append(location)
            pending = still
            if pending:
                time.sleep(0.25)
        self.report.jobs["lost"] = len(pending)

    def run(self, stop: threading.Event | None = None) -> Report:
        stop = stop or threading.Event()
        self.warm()
        start = time.monotonic()
        threads = [threading.Thread(target=self._worker, args=(start, stop), daemon=True) for _ in range(self.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(self.duration + self.timeout + 10)
        self.report.duration_s = time.monotonic() - start
        self.collect_jobs()
        self.report.rss_end_kib = rss_kib(self.server_pid)
        return self.report


# -- a service of its own (--spawn) ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def spawn(workdir: Path, model: str | None) -> tuple[subprocess.Popen, str]:
    python = Path(sys.executable)
    if not model:
        model_dir = workdir / "tiny-models"
        subprocess.run([str(python), "-m", "service", "tiny-model", "--out", str(model_dir)], cwd=REPO, check=True,
                       env={**os.environ, "HF_HUB_OFFLINE": "1"})
        model = str(model_dir / "marian")
    port = _free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "BRIEFS_MODEL": model, "BRIEFS_DATA_DIR": str(workdir / "data"),
           "BRIEFS_BIND": f"127.0.0.1:{port}"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = open(workdir / "gunicorn.log", "ab")
    proc = subprocess.Popen([str(python.parent / "gunicorn"), "-c", str(REPO / "gunicorn.conf.py")], cwd=REPO, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited ({proc.returncode}); see {workdir / 'gunicorn.log'}")
        try:
            if requests.get(url + "/readyz", timeout=2).status_code == 200:
                return proc, url
        except requests.RequestException:
            pass
        time.sleep(0.5)
    proc.kill()
    raise SystemExit("gunicorn did not become ready within 300 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="base URL of a running service (loopback)")
    target.add_argument("--spawn", action="store_true", help="start gunicorn here (BRIEFS_MODEL, else a tiny model)")
    parser.add_argument("--pid", type=int, help="gunicorn master pid, for memory figures (--url only)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of traffic (default 20)")
    parser.add_argument("--rate", type=float, default=8.0, help="requests per second sent (default 8)")
    parser.add_argument("--threads", type=int, default=6, help="client threads (default 6)")
    parser.add_argument("--api-key", default=os.environ.get("BRIEFS_SOAK_API_KEY"), help="sent as X-API-Key")
    parser.add_argument("--job-timeout", type=float, default=120.0, help="seconds to wait for jobs at the end")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    headers = {"X-API-Key": args.api_key} if args.api_key else {}
    proc = None
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        if args.spawn:
            proc, url = spawn(Path(tmp), os.environ.get("BRIEFS_MODEL"))
            pid = proc.pid
        else:
            url, pid = args.url, args.pid
        try:
            soak = Soak(url, duration=args.duration, rate=args.rate, threads=args.threads, headers=headers,
                        server_pid=pid, job_timeout=args.job_timeout)
            report = soak.run().as_dict()
        finally:
            if proc is not None:
                proc.send_signal(signal.SIGINT)
                proc.wait(60)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 1 if report["unexpected"] or report["jobs"]["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
