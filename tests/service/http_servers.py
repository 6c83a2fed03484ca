"""Real processes for the HTTP tests: gunicorn with gunicorn.conf.py, redis-server, RQ workers."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """``gunicorn -c gunicorn.conf.py`` on a free loopback port, with BRIEFS_* overrides."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "HF_HUB_OFFLINE": "1", "BRIEFS_WORKERS": "2", "BRIEFS_THREADS": "4",
                    **env, "BRIEFS_BIND": f"127.0.0.1:{self.port}"}
        self.env.pop("PROMETHEUS_MULTIPROC_DIR", None)
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> "Gunicorn":
        self.launch()
        self.wait_ready(timeout)
        return self

    def launch(self) -> "Gunicorn":
        """Spawn gunicorn and return at once (``start`` also waits until /readyz is 200)."""
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", str(REPO / "gunicorn.conf.py")],
            cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        return self

    def wait_ready(self, timeout: float) -> None:
        """Until /readyz answers 200 several times in a row (so both workers are likely warm)."""
        deadline, streak = time.monotonic() + timeout, 0
        while streak < 6:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}; see {self.log_path}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"gunicorn not ready after {timeout}s; see {self.log_path}")
            try:
                ok = requests.get(self.url + "/readyz", timeout=2).status_code == 200
            except requests.RequestException:
                ok = False
            streak = streak + 1 if ok else 0
            time.sleep(0.05 if ok else 0.3)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # quick shutdown; every cache write is already committed
            try:
                self.proc.wait(45)  # longer than gunicorn's graceful_timeout (30 s), after which it kills a stuck worker
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # master and workers: no orphan keeps the port
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


class RedisServer:
    """A throwaway ``redis-server`` on a free loopback port; stop() and start() keep the port."""

    def __init__(self, workdir: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(
                "redis-server is not installed: the HTTP tests need a real Redis. "
                "Install it with `apt-get install -y redis-server` (.ci/run does this)."
            )
        self.binary = binary
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None

    def start(self) -> "RedisServer":
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                if client.ping():
                    return self
            except redis.RedisError:
                time.sleep(0.05)
        raise TimeoutError("redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None


def rq_worker(env: dict[str, str], log_path: Path) -> subprocess.Popen:
    """``python -m service worker`` (an RQ worker) as a subprocess."""
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", **env}
    full_env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    return subprocess.Popen(
        [sys.executable, "-m", "service", "worker"], cwd=REPO, env=full_env,
        stdout=open(log_path, "ab"), stderr=subprocess.STDOUT,
    )
