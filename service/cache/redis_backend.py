"""The shared cache backend: Redis, for several hosts or when Redis is there anyway.

Timeouts are short and redis-py's own retries are cut to one immediate retry (enough to replace
a pooled connection that went stale when Redis restarted): an unreachable Redis must cost a
request half a second at most, after which ``ResilientCache`` skips it for a while.
"""
from __future__ import annotations


import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from service.cache.base import LeaseTokens, Value
from service.cache.codec import decode, encode

# Delete the lease only if it still holds our token: after it expired, another process may own it.
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class RedisCache:
    name = "redis"

    def __init__(
        self,
        url: str,
        *,
        default_ttl: int | None = None,
        socket_timeout: float = 0.5,
        lease_prefix: str = "lease:",
    ) -> None:
        self.default_ttl = default_ttl
        self.lease_prefix = lease_prefix
        self.client = redis.Redis.from_url(
            url,
            socket_timeout=socket_timeout,
            socket_connect_timeout=socket_timeout,
            retry=Retry(NoBackoff(), 1),
        )
        self._release = self.client.register_script(_RELEASE)
        self._leases = LeaseTokens()

    def get(self, key: str) -> Value | None:
        raw = self.client.get(key)
        return None if raw is None else decode(raw)

    def set(self, key: str, value: Value, ttl: int | None = None) -> None:
        self.client.set(key, encode(value), ex=self._ttl(ttl))

    def add(self, key: str, value: Value, ttl: int | None = None) -> bool:
        return bool(self.client.set(key, encode(value), ex=self._ttl(ttl), nx=True))

    def delete(self, key: str) -> None:
        self.client.delete(key)

    def claim(self, key: str, ttl: float) -> bool:
        token = self._leases.new()
        claimed = bool(self.client.set(self.lease_prefix + key, token, px=max(1, int(ttl * 1000)), nx=True))
        if claimed:
            self._leases.keep(key, token)
        return claimed

    def release(self, key: str) -> None:
        token = self._leases.take(key)
        if token is not None:
            self._release(keys=[self.lease_prefix + key], args=[token])

    def close(self) -> None:
        self.client.close()

    def _ttl(self, ttl: int | None) -> int | None:
        ttl = self.default_ttl if ttl is None else ttl
        return None if ttl is None else max(1, int(ttl))
