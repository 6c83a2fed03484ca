"""LibreTranslate-compatible ``POST /translate`` and ``GET /languages``, so its clients work unchanged.

``q`` is a string or a list (a list is translated with one batched model call); JSON or form
bodies, like LibreTranslate. Errors are the usual problem+json plus LibreTranslate's ``error``
member, which its clients read.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify, request
from spectree import Response as Doc

from service.api import spec
from service.api.schemas import LanguagesOut, LibreTranslateIn, LibreTranslateOut, Problem
from service.errors import BriefError, InputTooLarge
from service.http.bodies import body_or_text, validated
from service.http.briefing import Article, translation_text
from service.http.problems import brief_error_response
from service.http.state import services

bp = Blueprint("compat", __name__)


def _body() -> LibreTranslateIn:
    if request.mimetype in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        data: dict[str, Any] = dict(request.form.items())
        if len(request.form.getlist("q")) > 1:
            data["q"] = request.form.getlist("q")
        return validated(LibreTranslateIn, data)
    return body_or_text(LibreTranslateIn)


@bp.post("/translate")
@spec.validate(
    json=LibreTranslateIn,
    resp=Doc(HTTP_200=LibreTranslateOut, HTTP_400=Problem, HTTP_413=Problem, HTTP_415=Problem, HTTP_503=Problem, HTTP_504=Problem),
    tags=["libretranslate"],
    skip_validation=True,
)
def libre_translate():
    """LibreTranslate's translate call: Hindi (`source` hi or auto) to English (`target` en)."""
    body = _body()  # `source` and `target` are validated: Hindi (or Urdu, or auto) to English only
    texts = body.q if isinstance(body.q, list) else [body.q]
    svc = services()
    if len(texts) > svc.settings.max_batch_articles:
        raise InputTooLarge(f"{len(texts)} texts in `q`; the limit is {svc.settings.max_batch_articles}.")
    articles = [Article(t, body.format, mode="translate") for t in texts]
    results = svc.briefs.batch(articles) if len(articles) > 1 else [svc.briefs.brief(articles[0])]
    for result in results:
        if isinstance(result, BriefError):
            raise result
    translated = [translation_text(r) for r in results]
    g.cached = all(r["cached"] for r in results)
    answer: dict[str, Any] = {"translatedText": translated if isinstance(body.q, list) else translated[0]}
    if body.source == "auto":
        detected = [{"language": r["language"], "confidence": 100.0} for r in results]
        answer["detectedLanguage"] = detected if isinstance(body.q, list) else detected[0]
    return jsonify(answer)


@bp.get("/languages")
@spec.validate(resp=Doc(HTTP_200=LanguagesOut), tags=["libretranslate"], skip_validation=True)
def languages():
    """LibreTranslate's language list: Hindi to English."""
    return jsonify([{"code": "hi", "name": "Hindi", "targets": ["en"]}, {"code": "en", "name": "English", "targets": []}])


@bp.errorhandler(BriefError)
def _libre_error(exc: BriefError) -> Response:
    return brief_error_response(exc, error=exc.detail)
