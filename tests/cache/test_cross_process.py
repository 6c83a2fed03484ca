"""Single flight across processes: 4 spawned processes x 4 threads on one store compute once."""
import multiprocessing
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.cache.redis_backend import RedisCache
from service.cache.resilient import ResilientCache
from service.cache.sqlite import SQLiteCache

PROCESSES, THREADS = 4, 4


def _worker(kind, target, key, count_path, barrier, results):
    cache = ResilientCache(SQLiteCache(target) if kind == "sqlite" else RedisCache(target))

    def compute():
        with open(count_path, "a") as handle:
            handle.write(f"{os.getpid()}\n")
        time.sleep(0.5)
        return {"computed_by": os.getpid()}

    barrier.wait(timeout=60)
    with ThreadPoolExecutor(THREADS) as pool:
        outcomes = list(pool.map(lambda _: cache.get_or_compute(key, compute), range(THREADS)))
    results.put(outcomes)


@pytest.mark.parametrize("kind", ["sqlite", "redis"])
def test_processes_compute_once(kind, tmp_path, key, request):
    target = str(tmp_path / "cache.sqlite3") if kind == "sqlite" else request.getfixturevalue("redis_url")
    count_path = tmp_path / "computes.txt"
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(kind, target, key, str(count_path), barrier, results))
        for _ in range(PROCESSES)
    ]
    for proc in procs:
        proc.start()
    outcomes = [outcome for _ in procs for outcome in results.get(timeout=60)]
    for proc in procs:
        proc.join(timeout=30)
        assert proc.exitcode == 0
    assert len(count_path.read_text().splitlines()) == 1
    values = {value["computed_by"] for value, _ in outcomes}
    assert len(values) == 1
    assert sorted(cached for _, cached in outcomes) == [False] + [True] * (PROCESSES * THREADS - 1)
