"""Reading request bodies: JSON (validated by a pydantic model), or raw text with options in the query.

Every way a body can be wrong becomes a typed error: malformed JSON (400), a content type the
operation does not take (415), a body that does not match the schema (422), bytes that are not
UTF-8 (400). The size limit (413) is Flask's ``MAX_CONTENT_LENGTH``, enforced while reading.
"""
from __future__ import annotations

import json
from typing import Any, TypeVar

from flask import request
from pydantic import BaseModel, ValidationError

from service.errors import InvalidEncoding, InvalidInput
from service.http.problems import InvalidRequest, UnsupportedMediaType

M = TypeVar("M", bound=BaseModel)
TEXT_TYPES = {"text/plain": "text", "text/html": "html"}
ASYNC_VALUES = ("true", "1", "yes")
SYNC_VALUES = ("false", "0", "no")


def wants_async() -> bool:
    """``?async=true`` or ``Prefer: respond-async`` (RFC 7240); any other ``async`` value is a 422."""
    value = request.args.get("async")
    if value in ASYNC_VALUES:
        return True
    if value is not None and value not in SYNC_VALUES:
        raise InvalidRequest(f"async: use one of {', '.join(ASYNC_VALUES + SYNC_VALUES)}, not {value[:40]!r}.")
    return any(p.strip().lower() == "respond-async" for p in request.headers.get("Prefer", "").split(","))


def validated(model: type[M], data: Any, strict: bool = False) -> M:
    """``strict`` for JSON bodies: JSON types as the document states them (no true for 1, no "3" for 3);
    query-string and form options are strings and are converted."""
    try:
        return model.model_validate(data, strict=strict)
    except ValidationError as exc:
        raise InvalidRequest(_describe(exc)) from None


def json_body(model: type[M]) -> M:
    if request.mimetype != "application/json":
        raise UnsupportedMediaType(
            f"Send the body as application/json, not {request.mimetype or 'no content type'}."
        )
    return validated(model, _parse_json(), strict=True)


def body_or_text(model: type[M]) -> M:
    """JSON body, or a text/plain (text/html) body whose options come from the query string."""
    kind = TEXT_TYPES.get(request.mimetype)
    if kind is None:
        if request.mimetype != "application/json":
            raise UnsupportedMediaType(
                f"Send application/json, text/plain or text/html, not {request.mimetype or 'no content type'}."
            )
        return validated(model, _parse_json(), strict=True)
    try:
        text = request.get_data().decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidEncoding("The request body is not valid UTF-8 text.") from None
    options = {k: v for k, v in request.args.items() if k != "async"}
    return validated(model, {**options, kind: text})


def _parse_json() -> Any:
    raw = request.get_data()
    if not raw.strip():
        raise InvalidInput("The request body is empty; send a JSON object.")
    try:
        data = json.loads(raw)
        if b"\\ud" in raw.lower():  # a \uXXXX surrogate escape: reject unpaired ones ("\ud800")
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        return data
    except UnicodeEncodeError:
        raise InvalidEncoding("The JSON body holds an unpaired surrogate (\\ud800-\\udfff): not valid Unicode text.") from None
    except UnicodeDecodeError:
        raise InvalidEncoding("The JSON body is not valid UTF-8.") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"Malformed JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None
    except RecursionError:  # "[[[[..." : a nesting bomb is bad input, not a server failure
        raise InvalidInput("The JSON body is nested too deeply.") from None


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error["loc"]) or "body"
        if error["type"] == "extra_forbidden" and error["loc"][-1:] in (("url",), ("link",)):
            parts.append(f"{where}: this service never fetches URLs; send the article itself as `text` or `html`")
            continue
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)
