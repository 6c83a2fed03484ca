"""Per-key rate limits with Flask-Limiter: Redis storage when ``REDIS_URL`` is set, memory otherwise.

Only requests that presented a valid key are counted (public routes and 401s are not), in one
bucket per ``key_id``. A Redis outage must not become an outage of the API: storage errors are
swallowed and the limiter falls back to per-worker memory until Redis answers again. 429 is
problem+json with ``Retry-After``.
"""
from __future__ import annotations

from flask import Flask, g
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded

from service.config import Settings
from service.http.problems import problem_body, problem_response
from service.security.keys import Keyring

EXTENSION = "briefs_limiter"


def _bucket() -> str:
    return f"key:{g.get('api_key_id') or 'anonymous'}"


def _storage(settings: Settings) -> tuple[str, dict]:
    if settings.redis_url:
        # Short timeouts: an unreachable Redis costs a request at most this long, then memory takes over.
        return settings.redis_url, {"socket_timeout": 0.5, "socket_connect_timeout": 0.5}
    return "memory://", {}


def _too_many(exc: RateLimitExceeded):
    """429 as problem+json; the limiter adds Retry-After and the X-RateLimit-* headers itself."""
    body = problem_body(
        429, "Too many requests",
        f"This API key is limited to {exc.description} requests; retry after the Retry-After seconds.",
        "rate_limited",
    )
    return problem_response(body)


def init_app(app: Flask, settings: Settings, keyring: Keyring) -> Limiter:
    uri, options = _storage(settings)

    def key_limit() -> str:
        return keyring.limit_for(g.get("api_key_id") or "") or settings.rate_limit

    limiter = Limiter(
        _bucket,
        app=app,
        default_limits=[key_limit],
        default_limits_exempt_when=lambda: not g.get("api_key_id"),
        storage_uri=uri,
        storage_options=options,
        strategy="moving-window",
        headers_enabled=True,
        swallow_errors=True,
        in_memory_fallback_enabled=bool(settings.redis_url),
        key_prefix="briefs-ratelimit",
    )
    app.register_error_handler(RateLimitExceeded, _too_many)
    app.extensions[EXTENSION] = limiter
    return limiter
