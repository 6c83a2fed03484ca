"""Issue 20 items 1 and 8 against a real gunicorn: a slow or dead allowed site must not tie up the
service, and an address entry in the allowlist admits only its own port.

The sites are threaded socket servers on 127.0.0.1 (tests/fetch/slow_servers.py): one trickles a
header line every 0.25 s, one reads the request and never answers. Each would hold a client for
``SERVER_LIMIT_S``; the service's deadline is 2 s.
"""
from __future__ import annotations

import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from rel_helpers import AppGunicorn, assert_problem

from tests.fetch.outlets import Outlet, Resource
from tests.fetch.slow_servers import SlowServer

FETCH_TIMEOUT_S = 2
SERVER_LIMIT_S = 60.0
STUCK = 16


@pytest.fixture(scope="module")
def sites():
    trickler = SlowServer("headers", step_s=0.25, limit_s=SERVER_LIMIT_S)
    silent = SlowServer("silent", limit_s=SERVER_LIMIT_S)
    other = Outlet()  # serves pages: must never be reached through another entry's address
    other.routes["/page"] = Resource("<html><body><p>भारत की राजधानी नई दिल्ली है।</p></body></html>".encode())
    yield trickler, silent, other
    for server in (trickler, silent, other):
        server.stop()


@pytest.fixture(scope="module")
def fetching(sites, tiny_models, tmp_path_factory):
    trickler, silent, other = sites
    root = tmp_path_factory.mktemp("fetching")
    allow = [trickler.host, silent.host, f"localhost:{other.port}", "127.0.0.1:1", "[::1]:1"]
    server = AppGunicorn(
        {
            "BRIEFS_MODEL": str(tiny_models["marian"]),
            "BRIEFS_DATA_DIR": str(root / "data"),
            "BRIEFS_WORKERS": "1",
            "BRIEFS_THREADS": "8",
            "BRIEFS_MAX_NEW_TOKENS": "16",
            "BRIEFS_FETCH_ALLOW": ",".join(allow),
            "BRIEFS_FETCH_TIMEOUT": str(FETCH_TIMEOUT_S),
            "BRIEFS_FETCH_HOST_DELAY": "0",
        },
        root / "gunicorn.log",
    ).start()
    yield server
    server.stop()


def test_a_server_trickling_header_lines_is_cut_at_the_deadline(fetching, sites):
    """Before: the 100-header cap ended it (25 s here, 101 s in the review). Now: 504 at the deadline."""
    trickler = sites[0]
    started = time.monotonic()
    response = requests.post(fetching.url + "/v1/briefs", json={"url": trickler.url("/news/1")}, timeout=SERVER_LIMIT_S)
    seconds = time.monotonic() - started
    print(f"\nslow-header site: first answer after {seconds:.2f} s (deadline {FETCH_TIMEOUT_S} s; "
          f"the site would trickle for {SERVER_LIMIT_S:.0f} s)")
    assert_problem(response, 504, "fetch_timeout")
    assert seconds < 5 * FETCH_TIMEOUT_S


def test_stuck_fetches_never_hold_the_worker(fetching, sites):
    """16 url requests to a site that never answers, on one worker of 8 threads: each ends within
    its deadline (at most BRIEFS_FETCH_THREAD_SHARE of the threads fetch; more than
    BRIEFS_FETCH_HOST_QUEUE waiting for the host get 503 + Retry-After at once), and /healthz is
    answered all along."""
    silent = sites[1]
    health: list[float] = []
    done = threading.Event()

    def probe() -> None:
        while not done.is_set():
            started = time.monotonic()
            requests.get(fetching.url + "/healthz", timeout=30).raise_for_status()
            health.append(time.monotonic() - started)
            time.sleep(0.1)

    def stuck(i: int) -> tuple[int, float, str | None, str]:
        started = time.monotonic()
        response = requests.post(fetching.url + "/v1/briefs", json={"url": silent.url(f"/news/{i}")}, timeout=30)
        return response.status_code, time.monotonic() - started, response.headers.get("Retry-After"), response.json()["code"]

    prober = threading.Thread(target=probe)
    prober.start()
    time.sleep(0.3)
    started = time.monotonic()
    with ThreadPoolExecutor(STUCK) as pool:
        answers = list(pool.map(stuck, range(STUCK)))
    all_answered = time.monotonic() - started
    time.sleep(0.3)
    done.set()
    prober.join()
    codes = sorted(code for _, _, _, code in answers)
    print(f"\n{STUCK} stuck fetches: all answered after {all_answered:.2f} s; answers "
          f"{ {c: codes.count(c) for c in set(codes)} }; slowest {max(a[1] for a in answers):.2f} s")
    print(f"/healthz during them: {len(health)} probes, median {statistics.median(health) * 1000:.0f} ms, "
          f"max {max(health) * 1000:.0f} ms")
    assert all(status in (503, 504) for status, _, _, _ in answers)
    assert all(retry and int(retry) >= 1 for status, _, retry, _ in answers if status == 503)
    assert codes.count("fetch_busy") >= STUCK - 4  # at most the host's holder and its queue waited
    assert all_answered < 5 * FETCH_TIMEOUT_S
    assert max(health) < 5 * FETCH_TIMEOUT_S


def test_an_address_entry_admits_only_its_own_port(fetching, sites):
    """Item 8: `localhost:P` is listed and resolves to 127.0.0.1, which is listed only with port 1:
    the service must not connect to 127.0.0.1:P."""
    other = sites[2]
    response = requests.post(fetching.url + "/v1/briefs", json={"url": f"http://localhost:{other.port}/page"}, timeout=30)
    assert_problem(response, 422, "fetch_refused")
    assert "loopback" in response.json()["detail"]
    assert other.hits == []
