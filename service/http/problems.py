"""One error shape for every error: ``application/problem+json`` (RFC 9457).

``type`` is a relative URI naming the problem (``/problems/<code>``), ``code`` repeats it for
scripts, ``request_id`` ties the answer to its log line. Bad input is always a 4xx; only our own
failures are 5xx, and their detail never leaks internals.
"""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, g, json
from werkzeug.exceptions import HTTPException

from service.errors import BriefError

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("service.http")


class Overloaded(BriefError):
    code = "overloaded"
    status = 503
    title = "Service overloaded"

    def __init__(self, detail: str, retry_after: int = 5):
        super().__init__(detail)
        self.retry_after = retry_after


class RequestTimedOut(BriefError):
    code = "timeout"
    status = 504
    title = "Request timed out"


class UnsupportedMediaType(BriefError):
    code = "unsupported_media_type"
    status = 415
    title = "Unsupported media type"


class NotFound(BriefError):
    code = "not_found"
    status = 404
    title = "Not found"


class InvalidRequest(BriefError):
    """The body parsed but does not match the operation's schema."""

    code = "invalid_request"
    status = 422
    title = "Invalid request"


class QueueUnavailable(BriefError):
    code = "queue_unavailable"
    status = 503
    title = "Job queue unavailable"
    retry_after = 5


class CacheUnavailable(BriefError):
    """A stored brief was asked for while the cache that holds it is failing: not a 404 (it may be there)."""

    code = "cache_unavailable"
    status = 503
    title = "Cache unavailable"
    retry_after = 5


def problem_body(status: int, title: str, detail: str, code: str, **extra: Any) -> dict[str, Any]:
    body = {"type": f"/problems/{code}", "title": title, "status": status, "detail": detail, "code": code}
    body["request_id"] = g.get("request_id") if g else None
    body.update(extra)
    return body


def problem_for(exc: BriefError) -> dict[str, Any]:
    """The problem document of a typed error (also stored in failed jobs and batch items)."""
    extra: dict[str, Any] = dict(getattr(exc, "extra", None) or {})
    if getattr(exc, "language", None):
        extra["language"] = exc.language
    return problem_body(exc.status, exc.title, exc.detail, exc.code, **extra)


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    response = Response(json.dumps(body, ensure_ascii=False), status=body["status"], mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def brief_error_response(exc: BriefError, **extra: Any) -> Response:
    retry_after = getattr(exc, "retry_after", None)  # Overloaded; a model being loaded (models/registry.py)
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    if exc.status >= 500:
        log.warning("request failed: %s (%s)", exc.code, exc.detail)
    return problem_response({**problem_for(exc), **extra}, headers)


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    code = (exc.name or "error").lower().replace(" ", "_")
    detail = exc.description or exc.name
    if status == 413:
        code, detail = "input_too_large", "The request body is larger than this service accepts (BRIEFS_MAX_REQUEST_BYTES)."
    headers = {"Allow": ", ".join(exc.valid_methods)} if getattr(exc, "valid_methods", None) else {}
    return problem_response(problem_body(status, exc.name, detail, code), headers)


def _unexpected(exc: Exception) -> Response:
    log.exception("unhandled error")
    return problem_response(
        problem_body(500, "Internal error", "The service failed on this request; it has been logged.", "internal_error")
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(BriefError, brief_error_response)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
