"""Start without the model: how soon gunicorn listens and answers 503, and how soon a model placed
later is served. ``python -m bench.start`` (about a minute; loopback only, nothing is downloaded).

Two cases, each a fresh ``gunicorn -c gunicorn.conf.py``:

* ``no-hub``: a hub id that is not in an empty Hugging Face cache, with ``HF_ENDPOINT`` pointed at a
  closed loopback port (what a machine without network sees, minus DNS and timeouts);
* ``missing-dir``: ``BRIEFS_MODEL`` is a directory that does not exist yet; after the first 503 the
  tiny Marian model is built there, and the time until ``/readyz`` answers 200 is measured.

Printed per case: seconds from spawn to the first TCP connection accepted, to the first HTTP answer
(``/healthz``), to the first
``/readyz`` 503, the latency of the first ``POST /v1/briefs`` and its status, and the message.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.serving import free_port

REPO = Path(__file__).resolve().parents[1]
ARTICLE = "प्रधानमंत्री ने बुधवार को दिल्ली में एक बैठक की। बैठक में कई मंत्री शामिल हुए।"


def _until(fn, timeout: float, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fn()
        if value is not None:
            return value
        time.sleep(step)
    return None


def _get(url: str) -> requests.Response | None:
    try:
        return requests.get(url, timeout=60)
    except requests.RequestException:
        return None


def _connects(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _status(url: str) -> int | None:
    response = _get(url)
    return None if response is None else response.status_code


def run_case(name: str, env: dict[str, str], repo: Path, work: Path, place_model: Path | None, timeout: float) -> dict:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    full_env = {**os.environ, "BRIEFS_DATA_DIR": str(work / f"data-{name}"), "BRIEFS_WORKERS": "2",
                "BRIEFS_THREADS": "4", "BRIEFS_LOG_LEVEL": "warning", **env, "BRIEFS_BIND": f"127.0.0.1:{port}"}
    full_env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = open(work / f"gunicorn-{name}.log", "ab")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(repo / "gunicorn.conf.py")], cwd=repo,
                            env=full_env, stdout=log, stderr=subprocess.STDOUT)
    out: dict = {"case": name}
    try:
        tcp = _until(lambda: _connects(port) or None, timeout, step=0.01)
        out["tcp_listen_s"] = round(time.perf_counter() - started, 2) if tcp else None
        health = _until(lambda: _get(url + "/healthz"), timeout)
        out["listen_s"] = round(time.perf_counter() - started, 2) if health is not None else None
        ready = _until(lambda: _status(url + "/readyz") == 503 or None, timeout)
        out["readyz_503_s"] = round(time.perf_counter() - started, 2) if ready is not None else None
        t0 = time.perf_counter()
        try:
            brief = requests.post(url + "/v1/briefs", json={"text": ARTICLE}, timeout=120)
            out["brief_status"], out["brief_latency_s"] = brief.status_code, round(time.perf_counter() - t0, 2)
            out["brief_503_s"] = round(time.perf_counter() - started, 2)
            out["message"] = brief.json().get("detail") if brief.headers.get("content-type", "").endswith("json") else brief.text[:300]
        except requests.RequestException as exc:
            out["brief_status"], out["message"] = None, f"{type(exc).__name__}: {exc}"
        if place_model is not None:
            from models.synthetic import build_tiny_marian, corpus_texts

            placed = time.perf_counter()
            build_tiny_marian(place_model, corpus_texts())
            out["model_built_s"] = round(time.perf_counter() - placed, 2)
            ok = _until(lambda: _status(url + "/readyz") == 200 or None, timeout, step=0.2)
            out["ready_after_placing_s"] = round(time.perf_counter() - placed, 2) if ok is not None else None
            if ok is not None:
                served = requests.post(url + "/v1/briefs", json={"text": ARTICLE}, timeout=120)
                out["brief_status_after"] = served.status_code
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.start", description=__doc__.splitlines()[0])
    p.add_argument("--repo", type=Path, default=REPO, help="checkout whose gunicorn.conf.py to start (before/after)")
    p.add_argument("--timeout", type=float, default=120, help="seconds to wait for each step")
    p.add_argument("--cases", default="no-hub,missing-dir")
    args = p.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        work = Path(tmp)
        closed = free_port()  # nothing listens there: every hub request is refused at once
        hub_env = {"BRIEFS_MODEL": "Helsinki-NLP/opus-mt-hi-en", "HF_HOME": str(work / "hf-home"),
                   "HF_ENDPOINT": f"http://127.0.0.1:{closed}", "HF_HUB_OFFLINE": "0"}
        later = work / "models" / "placed-later"
        cases = {"no-hub": (hub_env, None),
                 "missing-dir": ({"BRIEFS_MODEL": str(later), "HF_HUB_OFFLINE": "1"}, later)}
        for name in [c.strip() for c in args.cases.split(",") if c.strip()]:
            env, place = cases[name]
            row = run_case(name, env, args.repo, work, place, args.timeout)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
