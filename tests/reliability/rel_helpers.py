"""Shared by the reliability tests: a gunicorn that may serve another WSGI module, process facts."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import requests
from http_servers import REPO, VENV_BIN, Gunicorn

ARTICLES = sorted((REPO.parent / "shared" / "corpus" / "hi-news").glob("*.txt"))
PROBLEM = "application/problem+json"
POISON = "विस्फोटक"  # poisoned_wsgi's model crashes on any input holding this word
# Recognisable fake secrets: the secrets test greps every log and body for them.
KEY_MAIN = "k-main-7f3a9c1e5b2d4f60a8c1e3b5d7f9a2c4"
KEY_LOW = "k-low-0b1d3f5a7c9e2b4d6f8a0c2e4b6d8f1a"
KEY_ENV = "k-env-5e7a9c1b3d5f7a9c1e3b5d7f9a1c3e5b"
SLACK_SIGNING_SECRET = "slack-sign-8d6f4b2a0e8c6a4f2d0b8e6c4a2f0d8b"
SLACK_BOT_TOKEN = "xoxb-000000000-111111111-SECRETtokenDoNotLog42"
SECRETS = (KEY_MAIN, KEY_LOW, KEY_ENV, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN)


class AppGunicorn(Gunicorn):
    """``gunicorn -c gunicorn.conf.py [APP]``: the production config, optionally another app module."""

    def __init__(self, env: dict[str, str], log_path: Path, app: str | None = None):
        super().__init__(env, log_path)
        self.app = app

    def start(self, timeout: float = 180) -> "AppGunicorn":
        log = open(self.log_path, "ab")
        command = [str(VENV_BIN / "gunicorn"), "-c", str(REPO / "gunicorn.conf.py")]
        if self.app:
            command.append(self.app)
        self.proc = subprocess.Popen(command, cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.wait_ready(timeout)
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def workers(self) -> list[int]:
        return children(self.pid)

    def rss_kib(self) -> int:
        """Resident memory of the master and its workers, KiB."""
        return sum(rss_kib(pid) for pid in [self.pid, *self.workers()])


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def wait_for(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"{what} not met within {timeout}s")


def assert_problem(response: requests.Response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text[:500]
    assert response.headers["Content-Type"].startswith(PROBLEM), response.headers
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"].startswith("/problems/")
    if code:
        assert body["code"] == code, body
    return body


def auth(key: str = KEY_MAIN) -> dict[str, str]:
    return {"X-API-Key": key}


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
