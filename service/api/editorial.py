"""``/v1/corrections`` and ``/v1/glossary``: editors teach the service (docs/editorial.md).

Reading needs any valid API key (when keys are on); writing needs a key with ``role=editor``
(403 otherwise). Every write names its author by API key id. A database that fails answers 503.
"""
from __future__ import annotations

from flask import Blueprint, Response, g, jsonify, request, url_for
from spectree import Response as Doc
from sqlalchemy.exc import SQLAlchemyError

from service.api import spec
from service.api.schemas import (
    CorrectionIn,
    CorrectionOut,
    CorrectionPage,
    CorrectionsQuery,
    GlossaryIn,
    GlossaryOut,
    Problem,
)
from service.editorial import Editorial, EditorialUnavailable
from service.editorial.formats import read_glossary, write_glossary
from service.editorial.validate import english_text, hindi_sentence, optional_text, search_text
from service.errors import BriefError
from service.http.bodies import json_body, validated
from service.http.problems import NotFound, UnsupportedMediaType, brief_error_response
from service.http.state import services
from service.quality.terms import GlossaryTerm

bp = Blueprint("editorial", __name__, url_prefix="/v1")
WRITE_ERRORS = {f"HTTP_{code}": Problem for code in (400, 403, 413, 415, 422, 503)}
MAX_ID = 2**63 - 1
FILE_TYPES = {"text/csv": "csv", "application/x-tbx": "tbx", "application/xml": "tbx", "text/xml": "tbx"}


class Forbidden(BriefError):
    code = "forbidden"
    status = 403
    title = "Forbidden"


def _editorial() -> Editorial:
    return services().editorial


def _author() -> str | None:
    return g.get("api_key_id")


def _require_editor() -> None:
    """With API keys on, only keys marked ``role=editor`` may write."""
    if g.get("api_key_id") and not g.get("api_key_editor"):
        raise Forbidden("This API key may read but not write corrections or the glossary; "
                        "ask for a key marked role=editor.")


@bp.post("/corrections")
@spec.validate(json=CorrectionIn, resp=Doc(HTTP_201=CorrectionOut, **WRITE_ERRORS), tags=["editorial"], skip_validation=True)
def create_correction():
    """Store an editor's translation of one Hindi sentence (201).

    From then on every brief, translation, Slack answer and digest containing that sentence (after
    normalisation) uses this text verbatim, for every model, marked `"corrected": true`. A newer
    correction of the same sentence supersedes this one.
    """
    _require_editor()
    body = json_body(CorrectionIn)
    correction = _editorial().corrections.add(
        hindi_sentence(body.source), english_text(body.translation),
        replaced=optional_text(body.replaces, "replaces"), by=_author(),
    )
    response = jsonify(correction.to_dict())
    response.status_code = 201
    response.headers["Location"] = url_for("editorial.get_correction", correction_id=correction.id)
    return response


@bp.get("/corrections")
@spec.validate(query=CorrectionsQuery, resp=Doc(HTTP_200=CorrectionPage, HTTP_422=Problem, HTTP_503=Problem), tags=["editorial"], skip_validation=True)
def list_corrections():
    """Corrections, newest first, `limit` per page from `offset`; `q` filters by text, `status` by state."""
    query = validated(CorrectionsQuery, request.args.to_dict())
    items, total = _editorial().corrections.search(
        text=search_text(query.q), status=None if query.status == "all" else query.status,
        limit=query.limit, offset=query.offset,
    )
    following = None
    if query.offset + len(items) < total:
        args = {k: v for k, v in query.model_dump().items() if v is not None}
        following = url_for("editorial.list_corrections", **{**args, "offset": query.offset + query.limit})
    return jsonify(items=[c.to_dict() for c in items], total=total, limit=query.limit, offset=query.offset, next=following)


@bp.get("/corrections/<int:correction_id>")
@spec.validate(resp=Doc(HTTP_200=CorrectionOut, HTTP_404=Problem, HTTP_503=Problem), tags=["editorial"], skip_validation=True)
def get_correction(correction_id: int):
    """One correction with its history fields (who, when, what it replaced, who ended it)."""
    return jsonify(_found(correction_id).to_dict())


@bp.delete("/corrections/<int:correction_id>")
@spec.validate(resp=Doc(HTTP_200=CorrectionOut, HTTP_403=Problem, HTTP_404=Problem, HTTP_503=Problem), tags=["editorial"], skip_validation=True)
def revert_correction(correction_id: int):
    """Revert a correction: its sentence gets the model's translation again. The record stays, as history."""
    _require_editor()
    _found(correction_id)
    return jsonify(_editorial().corrections.revert(correction_id, by=_author()).to_dict())


def _found(correction_id: int):
    correction = _editorial().corrections.get(correction_id) if correction_id <= MAX_ID else None
    if correction is None:
        raise NotFound(f"No correction with id {correction_id}.")
    return correction


@bp.get("/glossary")
@spec.validate(resp=Doc(HTTP_200=GlossaryOut, HTTP_503=Problem), tags=["editorial"], skip_validation=True)
def get_glossary():
    """The newsroom glossary (Hindi term -> house English). `Accept: text/csv` or `application/x-tbx` for a file."""
    glossary = _editorial().glossary
    terms, _ = glossary.current()
    wanted = request.accept_mimetypes.best_match(["application/json", "text/csv", "application/x-tbx"], "application/json")
    if wanted != "application/json":
        fmt = FILE_TYPES[wanted]
        return Response(write_glossary(terms, fmt), mimetype=wanted,
                        headers={"Content-Disposition": f'attachment; filename="glossary.{fmt}"'})
    return jsonify(terms=[_term_dict(t) for t in terms], **glossary.version())


@bp.put("/glossary")
@spec.validate(json=GlossaryIn, resp=Doc(HTTP_200=GlossaryOut, **WRITE_ERRORS), tags=["editorial"], skip_validation=True)
def replace_glossary():
    """Replace the whole glossary: JSON `{"terms": [...]}`, or a CSV (`text/csv`: hindi,english[,note]) or TBX
    (`application/x-tbx`) body. Outputs whose source holds a term get its house spelling for sound-alike variants."""
    _require_editor()
    fmt = FILE_TYPES.get(request.mimetype)
    if fmt:
        terms = read_glossary(request.get_data(), fmt)
    elif request.mimetype == "application/json":
        body = json_body(GlossaryIn)
        terms = read_glossary(_csv_of(body), "csv")
    else:
        raise UnsupportedMediaType(
            f"Send the glossary as application/json, text/csv or application/x-tbx, not {request.mimetype or 'no content type'}."
        )
    glossary = _editorial().glossary
    version = glossary.replace(terms, by=_author())
    return jsonify(terms=[_term_dict(t) for t in terms], **version)


def _csv_of(body: GlossaryIn) -> bytes:
    """JSON terms through the same reader and checks as a file (one validation path)."""
    return write_glossary([GlossaryTerm(t.hindi, t.english, t.note) for t in body.terms], "csv")


def _term_dict(term: GlossaryTerm) -> dict:
    return {"hindi": term.hindi, "english": term.english, "note": term.note}


@bp.errorhandler(SQLAlchemyError)
def _database_failed(exc: SQLAlchemyError) -> Response:
    return brief_error_response(EditorialUnavailable(f"The editorial database failed ({type(exc).__name__}); try again shortly."))
