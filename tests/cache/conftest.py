"""Real cache backends for the tests: a redis-server process per session (and restartable ones
for outage tests), SQLite files in tmp_path.

The Redis fixtures are self-contained so they can move to tests/conftest.py when other suites
need Redis. Without ``redis-server`` on PATH they fail (never skip): install it with
``apt-get install -y redis-server``.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest
import redis

from service.cache.redis_backend import RedisCache
from service.cache.sqlite import SQLiteCache


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisProcess:
    """A throwaway ``redis-server`` on a loopback port; ``stop``/``start`` keep the port."""

    def __init__(self, workdir: Path) -> None:
        self.port = _free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        exe = shutil.which("redis-server")
        if exe is None:
            pytest.fail("redis-server is not on PATH; install it (apt-get install -y redis-server)", pytrace=False)
        self.proc = subprocess.Popen(
            [exe, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir), "--daemonize", "no"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        client = redis.Redis(port=self.port, socket_timeout=0.2, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            if self.proc.poll() is not None:
                out = self.proc.stdout.read().decode(errors="replace") if self.proc.stdout else ""
                pytest.fail(f"redis-server on port {self.port} exited: {out[-2000:]}", pytrace=False)
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(f"redis-server on port {self.port} did not answer within 10 s", pytrace=False)
                time.sleep(0.02)
        client.close()

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()
        self.proc = None


@pytest.fixture(scope="session")
def redis_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], RedisProcess]]:
    """Factory of started, restartable Redis servers; all are stopped at the end of the session."""
    started: list[RedisProcess] = []

    def start() -> RedisProcess:
        server = RedisProcess(tmp_path_factory.mktemp("redis"))
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def redis_server(redis_process: Callable[[], RedisProcess]) -> str:
    """URL of a Redis server shared by the session; tests use unique keys or flush it."""
    return redis_process().url


@pytest.fixture
def redis_url(redis_server: str) -> Iterator[str]:
    client = redis.Redis.from_url(redis_server)
    client.flushdb()
    yield redis_server
    client.close()


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cache.sqlite3"


@pytest.fixture(params=["sqlite", "redis"])
def backend_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., object]:
    """Builds backends of one kind on one shared store (same file / same Redis), like processes."""
    if request.param == "sqlite":
        path = tmp_path / "cache.sqlite3"
        return lambda **kw: SQLiteCache(path, touch_interval=0, **kw)
    url = request.getfixturevalue("redis_url")
    return lambda **kw: RedisCache(url, **kw)


@pytest.fixture
def key() -> str:
    return f"test:{uuid.uuid4().hex}"
