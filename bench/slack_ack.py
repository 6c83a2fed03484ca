"""Slack ack latency while the model is busy: 50 signed ``/brief`` commands against gunicorn.

    .venv/bin/python bench/slack_ack.py                      # starts gunicorn on a tiny model itself
    .venv/bin/python bench/slack_ack.py --url http://127.0.0.1:8000 --secret "$SLACK_SIGNING_SECRET"

Self-started (the default): builds the tiny offline Marian model (or takes ``--model``), runs
``gunicorn -c gunicorn.conf.py`` on a free loopback port with SLACK_* set and ``SLACK_API_URL``
pointing at a receiver in this process, which also takes every ``response_url`` post. With
``--url`` the server's SLACK_API_URL is its own business; response_url posts still come here.

Then: ``--busy`` threads keep the model busy with long, never-cached translations
(``POST /v1/briefs``, mode translate, the corpus with shuffled words); once the queue depth shows a
generation running, ``--commands`` signed slash commands, each a new Hindi text (so each needs a
generation of its own), are sent ``--concurrency`` at a time. Printed: ack latency p50/p99/max (the
HTTP response to Slack's POST, which must come within 3 s) and the time until each brief was
posted to its response_url.
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import requests

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "hi-news"
SENTENCE = "भारत ने रूस के युद्ध ग्रस्त इलाकों में मौजूद भारतीय नागरिकों की सुरक्षा को लेकर रूस से बात की है।"


class Receiver:
    """Fake Slack Web API + response_url receiver: records when each response_url got its post."""

    def __init__(self) -> None:
        self.posted: dict[str, float] = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/response/"):
                    receiver.posted.setdefault(self.path.rsplit("/", 1)[1], time.monotonic())
                answer = {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "ts": "1.0"}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def sign(secret: str, body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": f"v0={digest}"}


def shuffled_corpus(seed: int) -> str:
    rng = random.Random(seed)
    lines = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            words = line.split()
            rng.shuffle(words)
            lines.append(" ".join(words))
    return "\n".join(lines)


def queue_depth(url: str) -> float:
    text = requests.get(url + "/metrics", timeout=10).text
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith("briefs_queue_depth"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def start_gunicorn(args: argparse.Namespace, api_url: str, secret: str, workdir: Path) -> tuple[subprocess.Popen, str]:
    model = args.model
    if model is None:
        sys.path.insert(0, str(REPO))
        from models.synthetic import build_tiny_models

        model = str(build_tiny_models(workdir / "tiny-models")["marian"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "BRIEFS_MODEL": model, "BRIEFS_DATA_DIR": str(workdir / "data"),
           "BRIEFS_WORKERS": str(args.workers), "BRIEFS_THREADS": str(args.threads), "BRIEFS_BIND": f"127.0.0.1:{port}",
           "SLACK_SIGNING_SECRET": secret, "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": api_url}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = open(workdir / "gunicorn.log", "ab")
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", str(REPO / "gunicorn.conf.py")]
    if args.wsgi_app:  # a variant to compare, e.g. a module that flips SlackBot.PROCESS_BEFORE_RESPONSE
        command.append(args.wsgi_app)  # importable through PYTHONPATH
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            if requests.get(url + "/readyz", timeout=2).status_code == 200:
                return proc, url
        except requests.RequestException:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"gunicorn did not become ready; see {workdir / 'gunicorn.log'}")
        time.sleep(0.3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (default: start gunicorn here)")
    parser.add_argument("--secret", default=os.environ.get("SLACK_SIGNING_SECRET"), help="its SLACK_SIGNING_SECRET")
    parser.add_argument("--model", help="model for the self-started server (default: a tiny offline Marian)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--commands", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=5)
    parser.add_argument("--busy", type=int, default=2, help="threads keeping the model busy")
    parser.add_argument("--wsgi-app", help="self-started server: this MODULE:APP instead of service.wsgi:app")
    parser.add_argument("--wait", type=float, default=300, help="seconds to wait for all briefs to be posted")
    args = parser.parse_args()

    receiver = Receiver()
    proc = None
    workdir = Path(tempfile.mkdtemp(prefix="slack-ack-"))
    if args.url:
        if not args.secret:
            parser.error("--url needs --secret (or SLACK_SIGNING_SECRET)")
        url, secret = args.url.rstrip("/"), args.secret
    else:
        secret = uuid.uuid4().hex
        proc, url = start_gunicorn(args, receiver.url + "/api/", secret, workdir)
    stop = threading.Event()
    busy_done: list[float] = []

    def keep_busy(seed: int) -> None:
        while not stop.is_set():
            started = time.monotonic()
            requests.post(url + "/v1/briefs", json={"text": shuffled_corpus(seed), "mode": "translate"}, timeout=600)
            busy_done.append(time.monotonic() - started)
            seed += 1000

    try:
        busy = [threading.Thread(target=keep_busy, args=(random.randrange(10**6) + i,), daemon=True) for i in range(args.busy)]
        for thread in busy:
            thread.start()
        deadline = time.monotonic() + 60
        while queue_depth(url) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        depth_at_start = queue_depth(url)

        def command(n: int) -> tuple[str, float, float, int]:
            token = uuid.uuid4().hex
            text = f"{SENTENCE} यह परीक्षण संख्या {uuid.uuid4().int % 10**9} है।"
            body = urlencode({"team_id": "T1", "channel_id": "C1", "user_id": "U1", "command": "/brief", "text": text,
                              "response_url": f"{receiver.url}/response/{token}", "trigger_id": token})
            sent = time.monotonic()
            response = requests.post(url + "/slack/events", data=body.encode(), headers=sign(secret, body), timeout=30)
            return token, sent, time.monotonic() - sent, response.status_code

        started = time.monotonic()
        with ThreadPoolExecutor(args.concurrency) as pool:
            results = list(pool.map(command, range(args.commands)))
        sending_s = time.monotonic() - started
        deadline = time.monotonic() + args.wait
        while len(receiver.posted) < len(results) and time.monotonic() < deadline:
            time.sleep(0.1)
        stop.set()
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()

    acks = [r[2] * 1000 for r in results]
    answers = [(receiver.posted[t] - sent) for t, sent, _, _ in results if t in receiver.posted]
    statuses = dict(sorted(Counter(r[3] for r in results).items()))
    print(f"server: {url} ({'self-started, tiny model' if proc else 'given'}), workers={args.workers} threads={args.threads}")
    print(f"model busy: queue depth {depth_at_start:.0f} when the commands started; {args.busy} busy threads; "
          f"{len(busy_done)} long translations finished, each {statistics.median(busy_done) if busy_done else float('nan'):.1f} s (median)")
    print(f"{len(results)} commands in {sending_s:.1f} s, concurrency {args.concurrency}, HTTP status counts {statuses}")
    print(f"ack ms: p50 {percentile(acks, 50):.1f}  p99 {percentile(acks, 99):.1f}  max {max(acks):.1f}  "
          f"over 3 s: {sum(a > 3000 for a in acks)}")
    if answers:
        print(f"brief posted after s: p50 {percentile(answers, 50):.2f}  p99 {percentile(answers, 99):.2f}  "
              f"({len(answers)}/{len(results)} posted)")
    else:
        print("no brief was posted")
    return 0 if list(statuses) == [200] and max(acks) < 3000 and len(answers) == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
