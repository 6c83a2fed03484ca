"""Request ids, one structured JSON log line per request, and per-route request metrics.

The log line holds the request id, method, route template (never the raw URL: ids and query
strings stay out), status, duration and whether the answer came from the cache. Bodies, headers
and settings (which may hold a Redis password or Slack secrets) are never logged.
"""
from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, request

from service.http.metrics import LATENCY, REQUESTS

HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
access_log = logging.getLogger("briefs.access")


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None) or {"message": record.getMessage()}
        return json.dumps({"ts": round(record.created, 3), "level": record.levelname.lower(), **fields})


def _configure_logger() -> None:
    if access_log.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLineFormatter())
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False


def route_label() -> str:
    return request.url_rule.rule if request.url_rule is not None else "<unmatched>"


def _start() -> None:
    incoming = request.headers.get(HEADER, "")
    g.request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
    g.started = time.perf_counter()
    g.cached = None


def _finish(response: Response) -> Response:
    elapsed = time.perf_counter() - g.get("started", time.perf_counter())
    route = route_label()
    response.headers[HEADER] = g.get("request_id", "")
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    LATENCY.labels(route).observe(elapsed)
    access_log.info(
        "request",
        extra={
            "fields": {
                "event": "request",
                "request_id": g.get("request_id"),
                "method": request.method,
                "route": route,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 2),
                "cached": g.get("cached"),
                "key_id": g.get("api_key_id"),  # which API key (a hash prefix, never the key); None when keys are off
            }
        },
    )
    return response


def init_app(app: Flask) -> None:
    _configure_logger()
    app.before_request(_start)
    app.after_request(_finish)
