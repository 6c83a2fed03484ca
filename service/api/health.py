"""``/healthz``: the process answers. ``/readyz``: the default model is loaded and warmed up."""
from __future__ import annotations

from flask import Blueprint, jsonify
from spectree import Response as Doc

from service.api import spec
from service.api.schemas import Health, Readiness
from service.http.state import services
from service.http.storage import metrics_note, storage_problems

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@spec.validate(resp=Doc(HTTP_200=Health), tags=["operations"], skip_validation=True)
def healthz():
    """Liveness: the worker answers HTTP. Never touches the model or the cache."""
    return jsonify(status="ok")


@bp.get("/readyz")
@spec.validate(resp=Doc(HTTP_200=Readiness, HTTP_503=Readiness), tags=["operations"], skip_validation=True)
def readyz():
    """Readiness: 200 once the default model is loaded and one warm-up generation is done, else 503 and why."""
    svc = services()
    ready, reason = svc.readiness.status()
    failing = storage_problems(svc)  # a local disk fault (service/http/storage.py), named
    if failing:
        ready, reason = False, "storage failing: " + "; ".join(failing) + ("" if ready else f"; {reason}")
    note = metrics_note()
    if note:
        reason = f"{reason}; {note}"
    response = jsonify(ready=ready, reason=reason, model=svc.settings.model)
    response.status_code = 200 if ready else 503
    if not ready:
        response.headers["Retry-After"] = "5"
    return response
