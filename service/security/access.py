"""Who may call what: the API-key check that runs before every request when keys are configured.

The key comes in ``X-API-Key`` or ``Authorization: Bearer <key>`` (LibreTranslate clients may also
send it as ``api_key`` in the body of ``POST /translate``). Public without a key: the editors'
page and its static files, the API document, Slack's endpoints (they check Slack's own request
signature), and the health probes and metrics as configured.
"""
from __future__ import annotations

from flask import Flask, g, request

from service.config import Settings
from service.errors import BriefError
from service.http.problems import brief_error_response
from service.security.keys import Keyring

ALWAYS_PUBLIC_ENDPOINTS = {"web.index", "web.static", "docs.openapi", "docs.docs_page", "static"}
HEALTH_ENDPOINTS = {"health.healthz", "health.readyz"}
METRICS_ENDPOINTS = {"metrics.metrics"}
PUBLIC_PREFIXES = ("/slack/",)
REALM = 'Bearer realm="briefs", charset="UTF-8"'


class Unauthorized(BriefError):
    code = "unauthorized"
    status = 401
    title = "Unauthorized"


def public_endpoints(settings: Settings) -> set[str]:
    public = set(ALWAYS_PUBLIC_ENDPOINTS)
    if settings.public_health:
        public |= HEALTH_ENDPOINTS
    if settings.public_metrics:
        public |= METRICS_ENDPOINTS
    return public


def presented_key() -> str | None:
    header = request.headers.get("X-API-Key")
    if header:
        return header.strip()
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    if request.endpoint == "compat.libre_translate":
        try:
            if request.mimetype == "application/json":
                body = request.get_json(silent=True)
                value = body.get("api_key") if isinstance(body, dict) else None
            else:
                value = request.form.get("api_key")
        except RecursionError:  # a nesting bomb: no key in it; the view answers 400 for the body
            value = None
        if isinstance(value, str) and value:
            return value
    return None


def init_app(app: Flask, settings: Settings, keyring: Keyring) -> None:
    public = public_endpoints(settings)

    def is_public() -> bool:
        if request.endpoint in public:
            return True
        # Unknown routes: let them 404/405 as usual, but only after the key check (no route probing).
        return request.path.startswith(PUBLIC_PREFIXES)

    @app.before_request
    def _check_key():
        g.api_key_id = None
        if request.method == "OPTIONS" or is_public():
            return None
        secret = presented_key()
        if secret is None:
            return _unauthorized("This service needs an API key: send it in the X-API-Key header or as Authorization: Bearer <key>.")
        key = keyring.match(secret)
        if key is None:
            return _unauthorized("The API key is not valid.")
        g.api_key_id = key.key_id
        g.api_key_editor = key.editor
        return None


def _unauthorized(detail: str):
    response = brief_error_response(Unauthorized(detail))
    response.headers["WWW-Authenticate"] = REALM
    return response
