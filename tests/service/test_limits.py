"""Timeouts (504), overload (503 + Retry-After) and a cache that survives a gunicorn restart.

One gunicorn with a 50 ms request deadline and no waiting room: every uncached generation of the
tiny model takes longer than that, so 504 and 503 are deterministic.
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from http_helpers import ARTICLES, assert_problem, unique
from http_servers import Gunicorn


@pytest.fixture(scope="module")
def strict(tiny_models, tmp_path_factory):
    root = tmp_path_factory.mktemp("strict-server")
    server = Gunicorn(
        {"BRIEFS_MODEL": str(tiny_models["marian"]), "BRIEFS_DATA_DIR": str(root / "data"),
         "BRIEFS_REQUEST_TIMEOUT": "0.05", "BRIEFS_MAX_QUEUE_DEPTH": "0", "BRIEFS_WORKERS": "1"},
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


def _wait_stored(url: str, brief_id: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = requests.get(f"{url}/v1/briefs/{brief_id}", timeout=5)
        if response.status_code == 200:
            return response.json()
        time.sleep(0.1)
    raise TimeoutError(brief_id)


def test_timeout_then_result_from_cache_even_after_restart(strict):
    text = unique(ARTICLES[1].read_text(encoding="utf-8"))
    body = assert_problem(requests.post(strict.url + "/v1/briefs", json={"text": text}, timeout=30), 504, "timeout")
    stored = _wait_stored(strict.url, body["id"])
    assert stored["cached"] is True

    strict.restart()
    again = requests.post(strict.url + "/v1/briefs", json={"text": text}, timeout=30)
    assert again.status_code == 200 and again.json()["cached"] is True and again.json()["id"] == body["id"]


def test_overload_is_503_with_retry_after(strict):
    texts = [unique(p.read_text(encoding="utf-8")) for p in ARTICLES[:3]] * 3
    with ThreadPoolExecutor(len(texts)) as pool:
        responses = list(pool.map(lambda t: requests.post(strict.url + "/v1/briefs", json={"text": t}, timeout=30), texts))
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {200, 503, 504} and 503 in statuses, statuses
    overloaded = next(r for r in responses if r.status_code == 503)
    assert_problem(overloaded, 503, "overloaded")
    assert int(overloaded.headers["Retry-After"]) > 0
    assert requests.get(strict.url + "/healthz", timeout=5).status_code == 200
