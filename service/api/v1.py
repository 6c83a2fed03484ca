"""``/v1``: briefs (one, stored, batch), full translation, and async jobs.

Each POST validates its body, then either answers now or, with ``?async=true`` or
``Prefer: respond-async``, queues the same operation as a job and answers 202 with a Location.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify, url_for
from spectree import Response as Doc

from service.api import spec
from service.api.schemas import (
    AsyncQuery,
    BatchIn,
    BatchOut,
    BriefIn,
    BriefOut,
    JobAccepted,
    JobOut,
    Problem,
    TranslateIn,
    TranslationOut,
)
from service.errors import InputTooLarge
from service.http.bodies import body_or_text, json_body, wants_async
from service.http.briefing import current_result
from service.http.operations import OPERATIONS, PRECHECKS
from service.http.problems import CacheUnavailable, NotFound, QueueUnavailable
from service.http.state import services

bp = Blueprint("api", __name__, url_prefix="/v1")
ERRORS = {f"HTTP_{code}": Problem for code in (400, 413, 415, 422, 500, 502, 503, 504)}


def _answer(kind: str, payload: dict[str, Any]) -> Response | tuple[Response, int]:
    svc = services()
    PRECHECKS[kind](svc.briefs, payload)
    if wants_async():
        record = svc.jobs.submit(kind, payload)
        location = url_for("api.get_job", job_id=record["id"])
        response = jsonify(job_id=record["id"], status="queued", location=location)
        response.status_code = 202
        response.headers["Location"] = location
        response.headers["Preference-Applied"] = "respond-async"
        return response
    body = OPERATIONS[kind](svc.briefs, payload, False)
    g.cached = body.get("cached")
    return jsonify(body)


@bp.post("/briefs")
@spec.validate(query=AsyncQuery, json=BriefIn, resp=Doc(HTTP_200=BriefOut, HTTP_202=JobAccepted, **ERRORS), tags=["briefs"], skip_validation=True)
def create_brief():
    """Brief one article: English bullets with their source sentences.

    JSON body, or a text/plain (text/html) body with `mode`, `bullets`, `model` in the query string.
    `?async=true` or `Prefer: respond-async` answers 202 with a job. `url` (only where
    BRIEFS_FETCH_ALLOW lists its host) fetches the page and briefs it: 502/504 when that fails.
    """
    payload = body_or_text(BriefIn).model_dump()
    if payload.get("url") is not None:
        from service.http.fetching import check_url_request

        check_url_request(services().settings, payload)
    return _answer("brief", payload)


@bp.get("/briefs/<brief_id:brief_id>")
@spec.validate(resp=Doc(HTTP_200=BriefOut, HTTP_404=Problem, HTTP_503=Problem), tags=["briefs"], skip_validation=True)
def get_brief(brief_id: str):
    """A brief made earlier, by its `id` (while it is in the cache; 503 while the cache is failing)."""
    svc = services()
    value = svc.briefs.stored(brief_id)
    if value is None and not svc.cache.available:
        raise CacheUnavailable("The cache that holds stored briefs is failing right now; retry shortly.")
    if value is None:
        raise NotFound(f"No brief with id {brief_id!r}; it was never made or has expired from the cache.")
    g.cached = True
    return jsonify({**value, "id": brief_id, "cached": True})


@bp.post("/briefs/batch")
@spec.validate(query=AsyncQuery, json=BatchIn, resp=Doc(HTTP_200=BatchOut, HTTP_202=JobAccepted, **ERRORS), tags=["briefs"], skip_validation=True)
def create_batch():
    """Brief several articles with one batched model call; each item has its brief or its problem."""
    body = json_body(BatchIn)
    limit = services().settings.max_batch_articles
    if len(body.articles) > limit:
        raise InputTooLarge(f"{len(body.articles)} articles in one batch; the limit is {limit} (BRIEFS_MAX_BATCH_ARTICLES).")
    return _answer("batch", body.model_dump())


@bp.post("/translate")
@spec.validate(query=AsyncQuery, json=TranslateIn, resp=Doc(HTTP_200=TranslationOut, HTTP_202=JobAccepted, **ERRORS), tags=["translate"], skip_validation=True)
def translate():
    """Translate a whole article (no summary); paragraphs are kept."""
    return _answer("translate", body_or_text(TranslateIn).model_dump())


@bp.get("/jobs/<job_id>")
@spec.validate(resp=Doc(HTTP_200=JobOut, HTTP_404=Problem, HTTP_503=Problem), tags=["jobs"], skip_validation=True)
def get_job(job_id: str):
    """Status of an async job, and its result (the synchronous answer) or its problem once done."""
    svc = services()
    record = svc.jobs.store.get(job_id)
    if record is None and not getattr(svc.jobs.store.cache, "available", True):
        raise QueueUnavailable("Job records cannot be read right now (the cache that holds them is failing); retry shortly.")
    if record is None:
        raise NotFound(f"No job with id {job_id!r}; it never existed or its result has expired.")
    if record.get("status") == "finished" and isinstance(record.get("result"), dict):
        record = {**record, "result": current_result(record.get("kind", ""), record["result"], svc.briefs.overlay)}
    return jsonify(record)
