"""``/metrics``: Prometheus exposition of every gunicorn worker's metrics."""
from __future__ import annotations

from flask import Blueprint, Response

from service.http.metrics import render

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
def metrics() -> Response:
    body, content_type = render()
    return Response(body, content_type=content_type)
