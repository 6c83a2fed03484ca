"""Issue 20 item 1: one deadline for a whole fetch, whatever the server trickles; bounded waiting
for a busy host; a Crawl-delay that would outlast the deadline fails at once."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from service.fetch.client import PAGE_TYPES
from service.fetch.deadline import _Watchdog
from service.fetch.errors import FetchBusy, FetchTimedOut
from service.fetch.pacing import HostPacer
from tests.fetch.outlets import Resource
from tests.fetch.slow_servers import SlowServer

TIMEOUT_S = 1.0
SERVER_LIMIT_S = 20.0  # how long each slow server keeps going: a fetch that is not cut waits this long


@pytest.fixture
def slow_server():
    servers: list[SlowServer] = []

    def make(mode: str) -> SlowServer:
        servers.append(SlowServer(mode, step_s=0.2, limit_s=SERVER_LIMIT_S))
        return servers[-1]

    yield make
    for server in servers:
        server.stop()


@pytest.mark.parametrize("mode", ["headers", "status", "silent"])
def test_a_trickling_or_silent_server_cannot_extend_the_deadline(slow_server, fetcher_for, mode):
    """Before: header lines every 0.2 s held a fetch until the 100-header cap (20 s); a trickled
    status line until the server gave up. Now both end at the deadline, with a timeout."""
    server = slow_server(mode)
    fetcher = fetcher_for(server.host, timeout_s=TIMEOUT_S)
    started = time.monotonic()
    with pytest.raises(FetchTimedOut, match="in all"):
        fetcher.get(server.url(), PAGE_TYPES, obey_robots=False)
    elapsed = time.monotonic() - started
    print(f"{mode}: ended after {elapsed:.2f} s (deadline {TIMEOUT_S} s, server would go on {SERVER_LIMIT_S} s)")
    assert elapsed < SERVER_LIMIT_S / 2


def test_a_trickled_body_ends_at_the_deadline(outlet, fetcher_for):
    outlet.routes["/slow"] = Resource(b"<p>" + b"x" * 200_000 + b"</p>", trickle_s=0.05)
    fetcher = fetcher_for(outlet.host, timeout_s=TIMEOUT_S, max_bytes=1_000_000)
    started = time.monotonic()
    with pytest.raises(FetchTimedOut):
        fetcher.get(outlet.url("/slow"), PAGE_TYPES, obey_robots=False)
    assert time.monotonic() - started < 8  # the whole body would take 10 s


def test_the_watchdog_ends_a_read_no_timeout_covers():
    """The TLS handshake reads inside OpenSSL: the watchdog shuts the socket down at the deadline."""
    left, right = socket.socketpair()
    with left, right:
        left.settimeout(None)
        dog = _Watchdog(left, time.monotonic() + 0.3)
        started = time.monotonic()
        assert left.recv(10) == b""  # woken by the shutdown, not by data
        dog.cancel()
        assert time.monotonic() - started < 10


def test_a_caller_deadline_covers_queueing_for_a_busy_host(fetcher_for, slow_server):
    """Requests to a host that never answers: one holds it until the deadline, one may wait (and
    gives up at its own deadline), the rest are refused at once with Retry-After."""
    server = slow_server("silent")
    fetcher = fetcher_for(server.host, timeout_s=TIMEOUT_S, host_queue=1)
    outcomes: list[tuple[str, float, int | None]] = []
    started = time.monotonic()

    def one() -> None:
        try:
            fetcher.get(server.url(), PAGE_TYPES, obey_robots=False, deadline=time.monotonic() + TIMEOUT_S)
        except FetchBusy as exc:
            outcomes.append(("busy", time.monotonic() - started, exc.retry_after))
        except FetchTimedOut:
            outcomes.append(("timeout", time.monotonic() - started, None))

    threads = [threading.Thread(target=one) for _ in range(5)]
    for thread in threads:
        thread.start()
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    kinds = sorted(kind for kind, _, _ in outcomes)
    print("outcomes:", [(k, round(t, 2), r) for k, t, r in sorted(outcomes, key=lambda o: o[1])])
    # the holder times out; the one waiter either gives up (busy) or starts just before its deadline
    # and times out; the other three are refused at once (queue full)
    assert len(kinds) == 5 and 1 <= kinds.count("timeout") <= 2 and kinds.count("busy") >= 3
    assert all(r is not None and r >= 1 for kind, _, r in outcomes if kind == "busy")
    assert max(t for _, t, _ in outcomes) < SERVER_LIMIT_S / 2
    assert 1 <= server.connections <= 2


def test_a_pause_longer_than_the_deadline_fails_at_once():
    pacer = HostPacer(0.0)
    pacer.set_delay("news.test:80", 25.0)  # robots.txt Crawl-delay: 25
    with pacer.turn("news.test:80", time.monotonic() + 5):
        pass
    started = time.monotonic()
    with pytest.raises(FetchBusy, match="Crawl-delay") as caught:
        with pacer.turn("news.test:80", time.monotonic() + 5):
            pass
    assert time.monotonic() - started < 1 and 24 <= caught.value.retry_after <= 26
    with pacer.turn("other.test:80", time.monotonic() + 5):  # other hosts are not held up
        pass


def test_without_a_deadline_a_turn_waits_for_politeness():
    """The nightly job passes no deadline: it waits for the pause instead of failing."""
    pacer = HostPacer(0.3)
    with pacer.turn("news.test:80"):
        pass
    started = time.monotonic()
    with pacer.turn("news.test:80"):
        pass
    assert time.monotonic() - started >= 0.25
