"""Small helpers shared by the HTTP tests."""
from __future__ import annotations

import time
import uuid

import requests

from http_servers import REPO

ARTICLES = sorted((REPO.parent / "shared" / "corpus" / "hi-news").glob("*.txt"))
PROBLEM = "application/problem+json"


def unique(text: str) -> str:
    """The article with a unique sentence added: a guaranteed cache miss."""
    return text + f"\n\nयह परीक्षण संख्या {uuid.uuid4().int % 10**9} है।"


def metric(base_url: str, name: str, labels: str = "") -> float:
    """Sum of a metric's samples whose label text contains ``labels``, read from /metrics."""
    total = 0.0
    for line in requests.get(base_url + "/metrics", timeout=10).text.splitlines():
        if line.startswith(name) and line[len(name)] in " {" and labels in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def wait_job(base_url: str, location: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        record = requests.get(base_url + location, timeout=10).json()
        if record["status"] in {"finished", "failed"}:
            return record
        time.sleep(0.1)
    raise TimeoutError(f"job {location} did not finish: {record}")


def assert_problem(response: requests.Response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"].startswith("/problems/")
    assert body["request_id"] == response.headers["X-Request-ID"]
    if code:
        assert body["code"] == code, body
    return body
