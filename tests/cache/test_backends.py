"""Behaviour both backends share, each against a real store."""
import time

import pytest


def test_set_get_delete(backend_factory, key):
    cache = backend_factory()
    assert cache.get(key) is None
    cache.set(key, {"bullets": ["भारत", "one"], "n": 1})
    assert cache.get(key) == {"bullets": ["भारत", "one"], "n": 1}
    cache.set(key, {"n": 2})
    assert cache.get(key) == {"n": 2}
    cache.delete(key)
    assert cache.get(key) is None


def test_add_stores_only_when_absent_or_expired(backend_factory, key):
    cache = backend_factory()
    assert cache.add(key, {"n": 1}, ttl=1) is True
    assert cache.add(key, {"n": 2}, ttl=1) is False
    assert cache.get(key) == {"n": 1}
    time.sleep(1.1)
    assert cache.add(key, {"n": 3}) is True
    assert cache.get(key) == {"n": 3}


def test_entries_expire_with_their_ttl_or_the_default(backend_factory, key):
    cache = backend_factory(default_ttl=1)
    cache.set(key + "a", {"n": 1})
    cache.set(key + "b", {"n": 2}, ttl=60)
    assert cache.get(key + "a") == {"n": 1}
    time.sleep(1.1)
    assert cache.get(key + "a") is None
    assert cache.get(key + "b") == {"n": 2}


def test_lease_is_exclusive_and_only_its_owner_releases_it(backend_factory, key):
    one, two = backend_factory(), backend_factory()
    assert one.claim(key, 10) is True
    assert two.claim(key, 10) is False
    two.release(key)
    assert two.claim(key, 10) is False
    one.release(key)
    assert two.claim(key, 10) is True


def test_an_expired_lease_can_be_taken_and_the_old_owner_cannot_release_it(backend_factory, key):
    one, two, three = backend_factory(), backend_factory(), backend_factory()
    assert one.claim(key, 0.2) is True
    time.sleep(0.3)
    assert two.claim(key, 10) is True
    one.release(key)
    assert three.claim(key, 10) is False


def test_values_must_be_json_dicts(backend_factory, key):
    from service.cache.codec import UnencodableValue

    cache = backend_factory()
    with pytest.raises(UnencodableValue):
        cache.set(key, {"when": object()})
    with pytest.raises(UnencodableValue):
        cache.set(key, ["not", "a", "dict"])
