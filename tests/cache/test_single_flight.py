"""get_or_compute: one compute per key across threads (both backends, and with no backend)."""
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.cache.codec import UnencodableValue
from service.cache.redis_backend import RedisCache
from service.cache.resilient import ResilientCache


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Counter:
    def __init__(self, value=None, delay=0.3, error=None):
        self.calls = 0
        self.value = value or {"bullets": ["x"]}
        self.delay, self.error = delay, error
        self._lock = threading.Lock()

    def __call__(self):
        with self._lock:
            self.calls += 1
        time.sleep(self.delay)
        if self.error:
            raise self.error
        return self.value


def run_concurrently(cache, key, compute, n=20):
    barrier = threading.Barrier(n)

    def call(_):
        barrier.wait()
        try:
            return cache.get_or_compute(key, compute)
        except Exception as exc:
            return exc

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(call, range(n)))


def test_twenty_threads_compute_once(backend_factory, key):
    hits, misses = [], []
    cache = ResilientCache(backend_factory(), on_hit=lambda: hits.append(1), on_miss=lambda: misses.append(1))
    compute = Counter()
    results = run_concurrently(cache, key, compute)
    assert compute.calls == 1
    assert all(value == compute.value for value, _ in results)
    assert sorted(cached for _, cached in results) == [False] + [True] * 19
    assert (len(hits), len(misses)) == (19, 1)
    assert cache.get_or_compute(key, compute) == (compute.value, True)
    assert compute.calls == 1


def test_compute_error_reaches_every_waiter_and_frees_the_lease(backend_factory, key):
    backend = backend_factory()
    cache = ResilientCache(backend)
    compute = Counter(error=ValueError("model failed"))
    results = run_concurrently(cache, key, compute, n=10)
    assert compute.calls == 1
    assert all(isinstance(r, ValueError) and str(r) == "model failed" for r in results)
    assert backend.claim(key, 1) is True, "the failed leader released its lease"
    backend.release(key)
    assert cache.get_or_compute(key, lambda: {"n": 1}) == ({"n": 1}, False)


def test_a_held_lease_makes_the_caller_wait_for_the_value(backend_factory, key):
    other_process = backend_factory()
    assert other_process.claim(key, 10)
    cache = ResilientCache(backend_factory())
    compute = Counter()

    def finish_elsewhere():
        time.sleep(0.3)
        other_process.set(key, {"from": "elsewhere"})
        other_process.release(key)

    threading.Thread(target=finish_elsewhere).start()
    assert cache.get_or_compute(key, compute) == ({"from": "elsewhere"}, True)
    assert compute.calls == 0


def test_an_expired_lease_or_a_timeout_lets_the_caller_compute(backend_factory, key):
    crashed = backend_factory()
    assert crashed.claim(key, 0.3)
    cache = ResilientCache(backend_factory())
    assert cache.get_or_compute(key, lambda: {"n": 1}) == ({"n": 1}, False)

    assert crashed.claim(key + "b", 60)
    impatient = ResilientCache(backend_factory(), wait_timeout=0.3)
    started = time.monotonic()
    assert impatient.get_or_compute(key + "b", lambda: {"n": 2}) == ({"n": 2}, False)
    assert time.monotonic() - started < 2


def test_backend_down_single_flight_still_holds_in_process(key, caplog):
    errors = []
    cache = ResilientCache(RedisCache(f"redis://127.0.0.1:{closed_port()}/0"), on_error=errors.append)
    compute = Counter()
    results = run_concurrently(cache, key, compute)
    assert compute.calls == 1
    assert all(value == compute.value for value, _ in results)
    assert 1 <= len(errors) <= 20, "calls already under way when it failed count; later ones skip"
    assert cache.errors_total == len(errors) and not cache.available
    assert len([r for r in caplog.records if "serving without cache" in r.getMessage()]) == 1


def test_unencodable_values_are_the_callers_bug_not_an_outage(backend_factory, key):
    cache = ResilientCache(backend_factory())
    with pytest.raises(UnencodableValue):
        cache.set(key, {"bad": {1, 2}})
    assert cache.errors_total == 0 and cache.available
