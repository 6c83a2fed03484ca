"""A Redis outage degrades to no cache, is counted and logged once, and ends by itself."""
import logging
import time

from service.cache.redis_backend import RedisCache
from service.cache.resilient import ResilientCache


def test_redis_stopped_and_started_again(redis_process, caplog):
    server = redis_process()
    errors = []
    cache = ResilientCache(RedisCache(server.url), on_error=errors.append, retry_after=0.3)
    cache.set("a", {"n": 1})
    assert cache.get("a") == {"n": 1}

    server.stop()
    caplog.set_level(logging.INFO, logger="service.cache")
    started = time.monotonic()
    for _ in range(50):
        assert cache.get("a") is None
    cache.set("b", {"n": 2})
    assert cache.add("c", {"n": 3}) is True
    assert cache.get_or_compute("d", lambda: {"n": 4}) == ({"n": 4}, False)
    assert time.monotonic() - started < 0.3
    assert len(errors) == 1 and cache.errors_total == 1 and not cache.available

    time.sleep(0.35)
    assert cache.get_or_compute("d", lambda: {"n": 5}) == ({"n": 5}, False)
    assert 2 <= cache.errors_total <= 3, "after the back-off the backend is tried again"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "serving without cache" in warnings[0].getMessage()

    server.start()
    time.sleep(0.35)
    assert cache.get_or_compute("e", lambda: {"n": 6}) == ({"n": 6}, False)
    assert cache.available
    assert cache.get_or_compute("e", lambda: {"n": 7}) == ({"n": 6}, True)
    assert cache.get("e") == {"n": 6}
    assert any("is back" in r.getMessage() for r in caplog.records)
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
