"""SQLite specifics: LRU bound, persistence, and a file deleted or corrupted under a running cache."""
import os
import sqlite3
import threading

from service.cache.sqlite import SQLiteCache


def test_lru_bound_evicts_the_least_recently_used(sqlite_path):
    cache = SQLiteCache(sqlite_path, max_entries=3, sweep_every=1, touch_interval=0)
    for name in ("a", "b", "c"):
        cache.set(name, {"k": name})
    assert cache.get("a") == {"k": "a"}
    cache.set("d", {"k": "d"})
    assert len(cache) == 3
    assert cache.get("b") is None
    assert [cache.get(name) for name in ("a", "c", "d")] == [{"k": "a"}, {"k": "c"}, {"k": "d"}]


def test_size_stays_within_bound_plus_one_sweep_interval(sqlite_path):
    cache = SQLiteCache(sqlite_path, max_entries=10, sweep_every=8)
    for i in range(100):
        cache.set(f"k{i}", {"i": i})
        assert len(cache) <= 10 + 8
    cache.sweep()
    assert len(cache) == 10
    assert cache.get("k99") == {"i": 99} and cache.get("k0") is None


def test_values_survive_a_restart(sqlite_path):
    first = SQLiteCache(sqlite_path)
    first.set("k", {"n": 1})
    del first
    assert SQLiteCache(sqlite_path).get("k") == {"n": 1}


def test_file_is_in_wal_mode(sqlite_path):
    SQLiteCache(sqlite_path).set("k", {"n": 1})
    with sqlite3.connect(sqlite_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _sidecars(path):
    return [path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm")]


def _assert_rebuilt_and_working(cache, path):
    assert cache.get("old") is None
    cache.set("new", {"n": 2})
    assert cache.get("new") == {"n": 2}
    assert SQLiteCache(path).get("new") == {"n": 2}, "the file on disk is a working cache again"


def test_deleted_file_is_recreated(sqlite_path):
    cache, other = SQLiteCache(sqlite_path), SQLiteCache(sqlite_path)
    cache.set("old", {"n": 1})
    assert other.get("old") == {"n": 1}
    sqlite_path.unlink()
    _assert_rebuilt_and_working(cache, sqlite_path)
    assert other.get("new") == {"n": 2}, "a connection open on the deleted file moves to the new one"


def test_deleted_file_and_sidecars_are_recreated(sqlite_path):
    cache = SQLiteCache(sqlite_path)
    cache.set("old", {"n": 1})
    for path in _sidecars(sqlite_path):
        path.unlink(missing_ok=True)
    _assert_rebuilt_and_working(cache, sqlite_path)


def test_file_overwritten_with_garbage_is_rebuilt(sqlite_path, caplog):
    cache, other = SQLiteCache(sqlite_path), SQLiteCache(sqlite_path)
    for i in range(50):
        cache.set("old" if i == 0 else f"k{i}", {"n": i, "pad": "x" * 500})
    assert other.get("old") is not None
    sqlite_path.write_bytes(os.urandom(3000))
    _assert_rebuilt_and_working(cache, sqlite_path)
    assert other.get("new") == {"n": 2}
    assert "corrupt" in caplog.text


def test_garbage_in_the_file_and_its_wal_is_rebuilt(sqlite_path):
    cache = SQLiteCache(sqlite_path)
    cache.set("old", {"n": 1})
    for path in _sidecars(sqlite_path)[:2]:
        path.write_bytes(b"garbage!" * 700)
    _assert_rebuilt_and_working(cache, sqlite_path)
    assert SQLiteCache(sqlite_path).get("old") is None


def test_a_cache_opened_on_a_corrupt_file_rebuilds_it(sqlite_path):
    sqlite_path.parent.mkdir(parents=True)
    sqlite_path.write_bytes(b"this is not sqlite" * 300)
    cache = SQLiteCache(sqlite_path)
    assert cache.get("k") is None
    cache.set("k", {"n": 1})
    assert SQLiteCache(sqlite_path).get("k") == {"n": 1}


def test_threads_share_one_instance(sqlite_path):
    cache = SQLiteCache(sqlite_path, max_entries=1000, sweep_every=16)
    errors = []

    def work(t):
        try:
            for i in range(50):
                cache.set(f"{t}:{i}", {"i": i})
                assert cache.get(f"{t}:{i}") == {"i": i}
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(cache) == 400
