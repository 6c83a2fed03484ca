"""Access control: API keys (constant-time check) and per-key rate limits (Flask-Limiter).

Off unless keys are configured (``BRIEFS_API_KEYS`` or ``BRIEFS_API_KEYS_FILE``): then every route
needs a key except the public ones (see ``access.PUBLIC``), and each key gets its own rate limit
(``BRIEFS_RATE_LIMIT``, or the key's own in the keys file), counted in Redis when ``REDIS_URL`` is
set (shared by every worker and host) and in the worker's memory otherwise. 401 and 429 are
problem+json like every other error. Keys never reach logs, metrics or error bodies: requests are
identified by ``key_id`` (a short hash of the key).
"""
from __future__ import annotations

from flask import Flask

from service.config import Settings


def init_app(app: Flask, settings: Settings) -> None:
    from service.security import access, keys, ratelimit

    keyring = keys.load(settings)
    app.extensions["briefs_keyring"] = keyring
    if not keyring:
        return
    access.init_app(app, settings, keyring)  # before the limiter: it runs first and names the key
    ratelimit.init_app(app, settings, keyring)
