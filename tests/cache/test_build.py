from service.cache import build_cache
from service.config import Settings


def test_sqlite_without_redis_url(tmp_path):
    cache = build_cache(Settings(data_dir=tmp_path, cache_max_entries=7, cache_ttl_seconds=30))
    assert cache.name == "sqlite"
    assert cache.backend.path == tmp_path / "cache.sqlite3"
    assert (cache.backend.max_entries, cache.backend.default_ttl) == (7, 30)
    assert cache.get_or_compute("k", lambda: {"n": 1}) == ({"n": 1}, False)
    assert (tmp_path / "cache.sqlite3").exists()


def test_redis_with_redis_url(redis_url):
    hits = []
    cache = build_cache(Settings(redis_url=redis_url, cache_ttl_seconds=30), on_hit=lambda: hits.append(1))
    assert cache.name == "redis"
    cache.set("k", {"n": 1})
    assert cache.get("k") == {"n": 1} and hits == [1]
    assert 0 < cache.backend.client.ttl("k") <= 30
